package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vent.stack.Topology;
import vent.web.it.Accounts.Account;
import vent.web.it.ChaosLoad.Follow;
import vent.web.it.ChaosLoad.Op;
import vent.web.it.ChaosLoad.Outcome;

/**
 * The fault suite: each scenario runs {@link ChaosLoad} against the running stack (two instances of
 * every provider), injects one fault, and checks what users would: failed requests, acknowledged
 * follows missing afterwards, and how long failures lasted. Every scenario appends its row to
 * {@code target/chaos/results.md}. {@code VENT_CHAOS_SECONDS} (default 12) sets the load time per
 * scenario; {@code ./vent chaos} runs it with 30. The Consul outage comes first on purpose: every
 * later scenario then also checks that consumers still follow providers coming and going after
 * Consul came back.
 *
 * <p>It kills Consul, Redis and providers, so it runs on a stack of its own (the relaxed rules of
 * the shared one). What it asserts holds whether the launcher restarts a killed process by itself
 * or only {@code ./vent up} does.
 */
@OwnStack(name = "chaos-stack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

  private static final int SECONDS =
      Integer.parseInt(System.getenv().getOrDefault("VENT_CHAOS_SECONDS", "12"));
  private static final int THREADS = 4;

  /** Unmeasured load before each scenario, seconds. */
  private static final int WARM_SECONDS = 8;

  private static Stack stack;
  private static List<Account> actors;
  private static List<String> targets;

  /** Every provider of the topology ({@code user}, {@code relation}, ...). */
  private static List<String> providers;

  @BeforeAll
  static void accounts(Stack own) {
    stack = own;
    providers =
        stack.settings().topology().providers().stream().map(Topology.Provider::name).toList();
    Rest rest = new Rest(stack.api());
    actors = Accounts.registerMany(rest, "chaos", 8);
    targets = actors.stream().map(Account::id).toList();
  }

  @BeforeEach
  void everyInstanceUpAndServing() throws InterruptedException {
    healStack();
    // The instances the last scenario restarted are still compiling their paths: load them first,
    // unmeasured, so that a scenario measures the fault and not the JIT of a fresh JVM.
    ChaosLoad warm = ChaosLoad.startOn(stack.api(), actors, THREADS);
    TimeUnit.SECONDS.sleep(WARM_SECONDS);
    warm.stop();
  }

  @AfterAll
  static void leaveEveryInstanceUp() {
    healStack();
  }

  @Test
  @Order(2)
  void providerCrash() throws Exception {
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    long firstKill = 0;
    List<Long> kills = new ArrayList<>();
    long slice = SECONDS * 1000L / providers.size();
    for (String svc : providers) {
      long killedAt = System.currentTimeMillis();
      firstKill = firstKill == 0 ? killedAt : firstKill;
      kills.add(killedAt);
      stack.process(svc + "-1").destroyForcibly(); // SIGKILL: no deregistration, no drain
      TimeUnit.MILLISECONDS.sleep(slice);
    }
    load.stop();
    ChaosReport report =
        new ChaosReport(
            "provider crash (kill -9 instance 1 of " + String.join(", ", providers) + " in turn)",
            load.outcomes(),
            SECONDS,
            firstKill,
            firstKill,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();

    assertThat(report.failed(Op.READ))
        .as("failed reads")
        .isLessThanOrEqualTo(report.total(Op.READ) / 1000);
    for (long kill : kills) {
      long lateFailures =
          load.outcomes().stream()
              .filter(o -> !o.ok() && o.startMs() >= kill + 5000 && o.startMs() < kill + slice)
              .count();
      assertThat(lateFailures).as("failures later than 5 s after the kill at %d", kill).isZero();
    }
    assertThat(report.lostWrites()).as("acknowledged follows missing").isZero();
  }

  @Test
  @Order(3)
  void rollingRestart() throws Exception {
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    long begin = System.currentTimeMillis();
    for (String svc : providers) {
      for (int i = 1; i <= Stack.INSTANCES; i++) {
        ProcessHandle victim = stack.process(svc + "-" + i);
        long termAt = System.currentTimeMillis();
        victim.destroy(); // SIGTERM: deregister, drain, exit
        // Users see the deregistration and the drain (seconds), not the exit: an instance that
        // writes its jar's first class-data sharing archive dumps it after stopping, 40-50 s on
        // two busy cores (a known limit, docs/RELIABILITY.md).
        victim.onExit().get(180, TimeUnit.SECONDS);
        System.out.printf(
            "event=rolling_restart_exit instance=%s-%d exit_ms=%d%n",
            svc, i, System.currentTimeMillis() - termAt);
        healStack();
      }
    }
    TimeUnit.SECONDS.sleep(2);
    load.stop();
    long seconds = (System.currentTimeMillis() - begin) / 1000;
    ChaosReport report =
        new ChaosReport(
            "rolling restart (SIGTERM and restart each of "
                + providers.size() * Stack.INSTANCES
                + " provider instances in turn)",
            load.outcomes(),
            seconds,
            begin,
            begin,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();

    assertThat(report.failedRequests()).as("failed requests").isZero();
    assertThat(report.lostWrites()).isZero();
  }

  @Test
  @Order(4)
  void redisDownAndBack() throws Exception {
    Rest rest = new Rest(stack.api());
    FreshWrites fresh = new FreshWrites(rest, 4, 4);
    Account changer = Accounts.registerMany(rest, "chaospw", 1).get(0);
    Account leaver = Accounts.registerMany(rest, "chaosout", 1).get(0);
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    fresh.start();
    TimeUnit.SECONDS.sleep(SECONDS / 3);
    fresh.stop();
    // The last writes before the kill: a password change and a logout, acknowledged moments before
    // it.
    String newPassword = Accounts.PASSWORD + " changed";
    Rest.Response changed =
        rest.send(
            "PUT",
            "/me/password",
            Rest.obj("currentPassword", Accounts.PASSWORD, "newPassword", newPassword).toString(),
            "application/json",
            changer.accessToken());
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    Rest.Response loggedOut = rest.delete("/sessions", leaver.accessToken());
    assertThat(loggedOut.status()).as(loggedOut.raw()).isEqualTo(204);
    long stoppedAt = System.currentTimeMillis();
    // SIGKILL of every Redis server of the stack (the one server, or every node of the cluster):
    // what the AOF has not written is lost.
    for (String node : redisProcesses()) {
      stack.process(node).destroyForcibly();
    }
    for (String node : redisProcesses()) {
      stack.keepDown(node);
    }
    TimeUnit.SECONDS.sleep(5);
    healStack();
    long backAt = System.currentTimeMillis();
    TimeUnit.SECONDS.sleep(Math.max(8, SECONDS - SECONDS / 3 - 5));
    load.stop();
    List<Follow> promised =
        load.acknowledged().stream().filter(f -> f.ackMs() < stoppedAt - 1000).toList();
    long lostFresh = fresh.lost();
    ChaosReport report =
        new ChaosReport(
            "Redis down 5 s and back (kill -9 of "
                + redisProcesses().size()
                + " server(s), AOF "
                + appendfsync()
                + ")",
            load.outcomes(),
            (System.currentTimeMillis() - stoppedAt) / 1000 + SECONDS / 3,
            stoppedAt,
            backAt,
            promised.size() + fresh.acknowledged(),
            ChaosLoad.missing(stack.api(), promised) + lostFresh);
    report.publish();
    System.out.printf(
        "event=chaos_fresh_writes acknowledged=%d lost=%d last_ack_before_kill_ms=%d%n",
        fresh.acknowledged(), lostFresh, stoppedAt - fresh.lastAckMs());

    assertThat(load.outcomes().stream().filter(o -> !o.ok() && o.endMs() < stoppedAt))
        .as("failures before the stop")
        .isEmpty();
    assertThat(load.outcomes().stream().filter(o -> !o.ok()).map(o -> o.status()).distinct())
        .as("failures are 503, not hangs or 500s")
        .isSubsetOf(503);
    // On a Redis Cluster the providers' client retries for about 6 s (4 x 1.5 s) to ride out a
    // failover (RedissonFactory), longer than vent-web's 3 s per attempt, so vent-web times out
    // and retries a read: up to 3 attempts x 3 s per call, and a followers page makes two calls
    // in a row. Measured worst cases there: 9.1, 9.2 and 12.1 s (docs/RELIABILITY.md). On one
    // Redis, a command caught in flight by the kill fails after the client's 3 s response timeout
    // plus its one retry's 750 ms delay, and vent-web's own work on two busy cores comes on top:
    // 4.4 s measured.
    assertThat(report.maxFailedLatencyMs())
        .as("a failed request fails fast, ms")
        .isLessThanOrEqualTo(Stack.CLUSTER ? 18_000 : 6000);
    assertThat(report.recoveryMs(true))
        .as("recovery after Redis is back, ms")
        .isLessThanOrEqualTo(5000);
    assertThat(fresh.acknowledged())
        .as("fresh follows and unfollows acknowledged before the kill")
        .isPositive();
    assertThat(lostFresh)
        .as("fresh follows/unfollows not in their acknowledged state after the kill")
        .isZero();
    assertThat(report.lostWrites()).as("acknowledged writes missing").isZero();
    Rest.Response newLogin =
        rest.post(
            "/sessions", Rest.obj("username", changer.username(), "password", newPassword), null);
    assertThat(newLogin.status())
        .as("login with the password changed right before the kill: " + newLogin.raw())
        .isEqualTo(200);
    Rest.Response oldLogin =
        rest.post(
            "/sessions",
            Rest.obj("username", changer.username(), "password", Accounts.PASSWORD),
            null);
    assertThat(oldLogin.status())
        .as("login with the old password: " + oldLogin.raw())
        .isEqualTo(401);
    Rest.Response refreshed =
        rest.post("/sessions/refresh", Rest.obj("refreshToken", leaver.refreshToken()), null);
    assertThat(refreshed.status())
        .as("refresh of the session ended right before the kill: " + refreshed.raw())
        .isEqualTo(401);
  }

  /** The {@code appendfsync} the launcher gave Redis, as the report names it. */
  private static String appendfsync() {
    try {
      String conf = redisProcesses().get(0) + ".conf";
      return Files.readAllLines(stack.state().resolve(conf)).stream()
          .filter(l -> l.startsWith("appendfsync "))
          .map(l -> l.substring("appendfsync ".length()))
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  /** The launcher's names of the stack's Redis servers: {@code redis}, or the cluster's nodes. */
  private static List<String> redisProcesses() {
    return stack.settings().redisNodes().stream().map(n -> n.name()).toList();
  }

  /**
   * Follows and unfollows between accounts made for one scenario, so every edge is new: one thread
   * toggles random pairs and remembers each pair's last acknowledged state (204), which must hold
   * afterwards.
   */
  private static final class FreshWrites {
    private final Rest rest;
    private final List<Account> followers = new ArrayList<>();
    private final List<Account> followees = new ArrayList<>();
    private final Map<String, Boolean> state = new ConcurrentHashMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong lastAckMs = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    FreshWrites(Rest rest, int followerCount, int followeeCount) {
      this.rest = rest;
      followers.addAll(Accounts.registerMany(rest, "fresh", followerCount));
      followees.addAll(Accounts.registerMany(rest, "freshee", followeeCount));
    }

    void start() {
      running = true;
      thread =
          new Thread(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running) {
                  Account follower = followers.get(random.nextInt(followers.size()));
                  Account followee = followees.get(random.nextInt(followees.size()));
                  String key = followers.indexOf(follower) + ":" + followees.indexOf(followee);
                  boolean follow = !state.getOrDefault(key, false);
                  String path = "/me/following/" + followee.id();
                  int status =
                      follow
                          ? rest.put(path, follower.accessToken()).status()
                          : rest.delete(path, follower.accessToken()).status();
                  if (status == 204) {
                    state.put(key, follow);
                    acked.incrementAndGet();
                    lastAckMs.set(System.currentTimeMillis());
                  }
                }
              },
              "chaos-fresh-writes");
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(30_000);
    }

    long acknowledged() {
      return acked.get();
    }

    long lastAckMs() {
      return lastAckMs.get();
    }

    /**
     * @return pairs whose edge is not as last acknowledged (present after a follow, absent after an
     *     unfollow)
     */
    long lost() {
      long lost = 0;
      for (int f = 0; f < followers.size(); f++) {
        StringJoiner ids = new StringJoiner(",");
        followees.forEach(e -> ids.add(e.id()));
        Rest.Response r = rest.get("/me/relationships?ids=" + ids, followers.get(f).accessToken());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (int e = 0; e < followees.size(); e++) {
          Boolean expected = state.get(f + ":" + e);
          if (expected != null && r.json().get(e).get("following").asBoolean() != expected) {
            lost++;
          }
        }
      }
      return lost;
    }
  }

  @Test
  @Order(1)
  void consulDownAndBack() throws Exception {
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    TimeUnit.SECONDS.sleep(SECONDS / 3);
    long stoppedAt = System.currentTimeMillis();
    ProcessHandle consul = stack.process("consul");
    consul.destroyForcibly();
    consul.onExit().get(30, TimeUnit.SECONDS);
    stack.keepDown("consul");
    TimeUnit.SECONDS.sleep(Math.max(5, SECONDS / 3));
    healStack();
    long backAt = System.currentTimeMillis();
    long reRegisteredMs = awaitAllRegistered(Duration.ofSeconds(60)) - backAt;
    TimeUnit.SECONDS.sleep(3);
    load.stop();
    ChaosReport report =
        new ChaosReport(
            "Consul agent down and back (kill -9, " + Math.max(5, SECONDS / 3) + " s)",
            load.outcomes(),
            (System.currentTimeMillis() - stoppedAt) / 1000 + SECONDS / 3,
            stoppedAt,
            backAt,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();
    System.out.printf("event=consul_back providers_passing_after_ms=%d%n", reRegisteredMs);

    assertThat(report.failedRequests()).as("failed requests").isZero();
    assertThat(report.lostWrites()).isZero();
  }

  @Test
  @Order(5)
  void frozenProvider() throws Exception {
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    TimeUnit.SECONDS.sleep(SECONDS / 3);
    long frozenAt = System.currentTimeMillis();
    long pid = stack.pid("relation-1");
    Stack.signal(
        "STOP", pid); // a provider that answers nothing: every call to it waits for its timeout
    TimeUnit.SECONDS.sleep(6);
    long thawedAt = System.currentTimeMillis();
    Stack.signal("CONT", pid);
    TimeUnit.SECONDS.sleep(Math.max(4, SECONDS - SECONDS / 3 - 6));
    load.stop();
    ChaosReport report =
        new ChaosReport(
            "slow provider (relation-1 frozen by SIGSTOP for 6 s)",
            load.outcomes(),
            (System.currentTimeMillis() - frozenAt) / 1000 + SECONDS / 3,
            frozenAt,
            thawedAt,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();

    List<Outcome> failedReads =
        load.outcomes().stream().filter(o -> o.op() == Op.READ && !o.ok()).toList();
    System.out.printf(
        "event=frozen_provider_failed_reads before_thaw=%d after_thaw=%d%n",
        failedReads.stream().filter(o -> o.endMs() < thawedAt).count(),
        failedReads.stream().filter(o -> o.endMs() >= thawedAt).count());
    assertThat(failedReads.stream().filter(o -> o.endMs() < thawedAt))
        .as("reads failed while relation-1 answered nothing (they fail over to relation-2)")
        .isEmpty();
    // The known gap of docs/RELIABILITY.md: once thawed, the instance answers the calls it took in
    // the last seconds of the freeze with DEPENDENCY_UNAVAILABLE (its Redis client's timers ran out
    // during the pause), a reasoned failure that vent-web does not retry. Bounded, not hidden.
    assertThat(failedReads)
        .as("reads failed after the thaw: 503s ending within 5 s of it")
        .allSatisfy(
            o -> {
              assertThat(o.status()).isEqualTo(503);
              assertThat(o.endMs()).isLessThan(thawedAt + 5000);
            });
    assertThat(report.maxLatencyMs())
        .as("vent-web's latency is bounded by the 3 s call timeout (+ retry), ms")
        .isLessThanOrEqualTo(7000);
    assertThat(report.lostWrites()).isZero();
  }

  /** {@code ./vent up}: starts whatever is not running and waits until it is healthy. */
  private static void healStack() {
    stack.heal();
  }

  /**
   * @return when every provider had both instances passing in Consul
   */
  private static long awaitAllRegistered(Duration timeout) {
    return stack.consulClient().awaitAllPassing(Stack.INSTANCES, timeout);
  }
}
