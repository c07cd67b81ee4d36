package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import vent.web.it.Accounts.Account;
import vent.web.it.ChaosLoad.Follow;
import vent.web.it.ChaosLoad.Op;

/**
 * The fault suite: each scenario runs {@link ChaosLoad} against the running stack (two
 * instances of every provider), injects one fault, and checks what users would: failed
 * requests, acknowledged follows missing afterwards, and how long failures lasted. Every
 * scenario appends its row to {@code target/chaos/results.md}. {@code VENT_CHAOS_SECONDS}
 * (default 12) sets the load time per scenario; {@code ./vent chaos} runs it with 30.
 * The Consul outage comes first on purpose: every later scenario then also checks that
 * consumers still follow providers coming and going after Consul came back.
 */
@Order(8)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

  private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("VENT_CHAOS_SECONDS", "12"));
  private static final int THREADS = 4;
  private static final String[] PROVIDERS = {"user", "relation", "auth", "captcha"};
  private static final Map<String, String> SERVICES = Map.of("user", "vent.user.v1.UserService",
      "relation", "vent.relation.v1.RelationService", "auth", "vent.auth.v1.AuthService",
      "captcha", "vent.captcha.v1.CaptchaService");

  private static Stack stack;
  private static List<Account> actors;
  private static List<String> targets;

  @BeforeAll
  static void accounts() {
    stack = Stack.shared();
    Rest rest = new Rest(stack.api());
    actors = new ArrayList<>();
    targets = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Account a = Accounts.register(rest, Accounts.uniqueName("chaos" + i));
      actors.add(a);
      targets.add(a.id());
    }
  }

  @BeforeEach
  void everyInstanceUp() {
    healStack();
  }

  @AfterAll
  static void leaveEveryInstanceUp() {
    healStack();
  }

  @Test
  @Order(2)
  void providerCrash() throws Exception {
    ChaosLoad load = start();
    long firstKill = 0;
    List<Long> kills = new ArrayList<>();
    long slice = SECONDS * 1000L / PROVIDERS.length;
    for (String svc : PROVIDERS) {
      long killedAt = System.currentTimeMillis();
      firstKill = firstKill == 0 ? killedAt : firstKill;
      kills.add(killedAt);
      process(svc + "-1").destroyForcibly(); // SIGKILL: no deregistration, no drain
      TimeUnit.MILLISECONDS.sleep(slice);
    }
    load.stop();
    ChaosReport report = new ChaosReport("provider crash (kill -9 instance 1 of user, relation, auth, captcha in turn)",
        load.outcomes(), SECONDS, firstKill, firstKill, load.acknowledged().size(), missing(load.acknowledged()));
    report.publish();

    assertThat(report.failed(Op.READ)).as("failed reads").isLessThanOrEqualTo(report.total(Op.READ) / 1000);
    for (long kill : kills) {
      long lateFailures = load.outcomes().stream()
          .filter(o -> !o.ok() && o.startMs() >= kill + 5000 && o.startMs() < kill + slice).count();
      assertThat(lateFailures).as("failures later than 5 s after the kill at %d", kill).isZero();
    }
    assertThat(report.lostWrites()).as("acknowledged follows missing").isZero();
  }

  @Test
  @Order(3)
  void rollingRestart() throws Exception {
    ChaosLoad load = start();
    long begin = System.currentTimeMillis();
    for (String svc : PROVIDERS) {
      for (int i = 1; i <= 2; i++) {
        ProcessHandle victim = process(svc + "-" + i);
        victim.destroy(); // SIGTERM: deregister, drain, exit
        victim.onExit().get(60, TimeUnit.SECONDS);
        healStack();
      }
    }
    TimeUnit.SECONDS.sleep(2);
    load.stop();
    long seconds = (System.currentTimeMillis() - begin) / 1000;
    ChaosReport report = new ChaosReport("rolling restart (SIGTERM and restart each of 8 provider instances in turn)",
        load.outcomes(), seconds, begin, begin, load.acknowledged().size(), missing(load.acknowledged()));
    report.publish();

    assertThat(report.failedRequests()).as("failed requests").isZero();
    assertThat(report.lostWrites()).isZero();
  }

  @Test
  @Order(4)
  void redisDownAndBack() throws Exception {
    Rest rest = new Rest(stack.api());
    FreshWrites fresh = new FreshWrites(rest, 4, 4);
    Account changer = Accounts.register(rest, Accounts.uniqueName("chaospw"));
    Account leaver = Accounts.register(rest, Accounts.uniqueName("chaosout"));
    ChaosLoad load = start();
    fresh.start();
    TimeUnit.SECONDS.sleep(SECONDS / 3);
    fresh.stop();
    // The last writes before the kill: a password change and a logout, acknowledged moments before it.
    String newPassword = Accounts.PASSWORD + " changed";
    Rest.Response changed = rest.send("PUT", "/me/password",
        Rest.obj("currentPassword", Accounts.PASSWORD, "newPassword", newPassword).toString(), "application/json",
        changer.accessToken());
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    Rest.Response loggedOut = rest.delete("/sessions", leaver.accessToken());
    assertThat(loggedOut.status()).as(loggedOut.raw()).isEqualTo(204);
    long stoppedAt = System.currentTimeMillis();
    process("redis").destroyForcibly(); // SIGKILL: what the AOF has not written is lost
    TimeUnit.SECONDS.sleep(5);
    healStack();
    long backAt = System.currentTimeMillis();
    TimeUnit.SECONDS.sleep(Math.max(8, SECONDS - SECONDS / 3 - 5));
    load.stop();
    List<Follow> promised = load.acknowledged().stream().filter(f -> f.ackMs() < stoppedAt - 1000).toList();
    long lostFresh = fresh.lost();
    ChaosReport report = new ChaosReport("Redis down 5 s and back (kill -9, AOF " + appendfsync() + ")", load.outcomes(),
        (System.currentTimeMillis() - stoppedAt) / 1000 + SECONDS / 3, stoppedAt, backAt,
        promised.size() + fresh.acknowledged(), missing(promised) + lostFresh);
    report.publish();
    System.out.printf("event=chaos_fresh_writes acknowledged=%d lost=%d last_ack_before_kill_ms=%d%n",
        fresh.acknowledged(), lostFresh, stoppedAt - fresh.lastAckMs());

    assertThat(load.outcomes().stream().filter(o -> !o.ok() && o.endMs() < stoppedAt)).as("failures before the stop").isEmpty();
    assertThat(load.outcomes().stream().filter(o -> !o.ok()).map(o -> o.status()).distinct())
        .as("failures are 503, not hangs or 500s").isSubsetOf(503);
    assertThat(report.maxFailedLatencyMs()).as("a failed request fails fast, ms").isLessThanOrEqualTo(5000);
    assertThat(report.recoveryMs(true)).as("recovery after Redis is back, ms").isLessThanOrEqualTo(5000);
    assertThat(fresh.acknowledged()).as("fresh follows and unfollows acknowledged before the kill").isPositive();
    assertThat(lostFresh).as("fresh follows/unfollows not in their acknowledged state after the kill").isZero();
    assertThat(report.lostWrites()).as("acknowledged writes missing").isZero();
    Rest.Response newLogin = rest.post("/sessions", Rest.obj("username", changer.username(), "password", newPassword), null);
    assertThat(newLogin.status()).as("login with the password changed right before the kill: " + newLogin.raw()).isEqualTo(200);
    Rest.Response oldLogin = rest.post("/sessions", Rest.obj("username", changer.username(), "password", Accounts.PASSWORD), null);
    assertThat(oldLogin.status()).as("login with the old password: " + oldLogin.raw()).isEqualTo(401);
    Rest.Response refreshed = rest.post("/sessions/refresh", Rest.obj("refreshToken", leaver.refreshToken()), null);
    assertThat(refreshed.status()).as("refresh of the session ended right before the kill: " + refreshed.raw()).isEqualTo(401);
  }

  /** The {@code appendfsync} the launcher gave Redis, as the report names it. */
  private static String appendfsync() {
    try {
      return Files.readAllLines(stack.state().resolve("redis.conf")).stream()
          .filter(l -> l.startsWith("appendfsync ")).map(l -> l.substring("appendfsync ".length())).findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * Follows and unfollows between accounts made for one scenario, so every edge is new: one
   * thread toggles random pairs and remembers each pair's last acknowledged state (204), which
   * must hold afterwards.
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
      for (int i = 0; i < followerCount; i++) {
        followers.add(Accounts.register(rest, Accounts.uniqueName("fresh" + i)));
      }
      for (int i = 0; i < followeeCount; i++) {
        followees.add(Accounts.register(rest, Accounts.uniqueName("freshee" + i)));
      }
    }

    void start() {
      running = true;
      thread = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
          Account follower = followers.get(random.nextInt(followers.size()));
          Account followee = followees.get(random.nextInt(followees.size()));
          String key = followers.indexOf(follower) + ":" + followees.indexOf(followee);
          boolean follow = !state.getOrDefault(key, false);
          String path = "/me/following/" + followee.id();
          int status = follow ? rest.put(path, follower.accessToken()).status()
              : rest.delete(path, follower.accessToken()).status();
          if (status == 204) {
            state.put(key, follow);
            acked.incrementAndGet();
            lastAckMs.set(System.currentTimeMillis());
          }
        }
      }, "chaos-fresh-writes");
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

    /** @return pairs whose edge is not as last acknowledged (present after a follow, absent after an unfollow) */
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
    ChaosLoad load = start();
    TimeUnit.SECONDS.sleep(SECONDS / 3);
    long stoppedAt = System.currentTimeMillis();
    ProcessHandle consul = process("consul");
    consul.destroyForcibly();
    consul.onExit().get(30, TimeUnit.SECONDS);
    TimeUnit.SECONDS.sleep(Math.max(5, SECONDS / 3));
    healStack();
    long backAt = System.currentTimeMillis();
    long reRegisteredMs = awaitAllRegistered(Duration.ofSeconds(60)) - backAt;
    TimeUnit.SECONDS.sleep(3);
    load.stop();
    ChaosReport report = new ChaosReport("Consul agent down and back (kill -9, " + Math.max(5, SECONDS / 3) + " s)",
        load.outcomes(), (System.currentTimeMillis() - stoppedAt) / 1000 + SECONDS / 3, stoppedAt, backAt,
        load.acknowledged().size(), missing(load.acknowledged()));
    report.publish();
    System.out.printf("event=consul_back providers_passing_after_ms=%d%n", reRegisteredMs);

    assertThat(report.failedRequests()).as("failed requests").isZero();
    assertThat(report.lostWrites()).isZero();
  }

  @Test
  @Order(5)
  void frozenProvider() throws Exception {
    ChaosLoad load = start();
    TimeUnit.SECONDS.sleep(SECONDS / 3);
    long frozenAt = System.currentTimeMillis();
    long pid = stack.pid("relation-1");
    signal("STOP", pid); // a provider that answers nothing: every call to it waits for its timeout
    TimeUnit.SECONDS.sleep(6);
    signal("CONT", pid);
    long thawedAt = System.currentTimeMillis();
    TimeUnit.SECONDS.sleep(Math.max(4, SECONDS - SECONDS / 3 - 6));
    load.stop();
    ChaosReport report = new ChaosReport("slow provider (relation-1 frozen by SIGSTOP for 6 s)", load.outcomes(),
        (System.currentTimeMillis() - frozenAt) / 1000 + SECONDS / 3, frozenAt, thawedAt,
        load.acknowledged().size(), missing(load.acknowledged()));
    report.publish();

    assertThat(report.failed(Op.READ)).as("reads fail over to relation-2 after the timeout").isZero();
    assertThat(report.maxLatencyMs()).as("vent-web's latency is bounded by the 3 s call timeout (+ retry), ms")
        .isLessThanOrEqualTo(7000);
    assertThat(report.lostWrites()).isZero();
  }

  private static ChaosLoad start() throws InterruptedException {
    ChaosLoad load = new ChaosLoad(stack.api(), actors, targets, THREADS);
    load.start();
    TimeUnit.SECONDS.sleep(2);
    return load;
  }

  /** {@code ./vent up}: starts whatever is not running and waits until it is healthy. */
  private static void healStack() {
    Stack.Result up = stack.vent(Duration.ofMinutes(4), "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    awaitAllRegistered(Duration.ofSeconds(60));
  }

  /** @return when every provider had both instances passing in Consul */
  private static long awaitAllRegistered(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean all = true;
      try {
        for (String service : SERVICES.values()) {
          all &= Consul.passingPorts(service).size() == 2;
        }
      } catch (IllegalStateException consulNotAnswering) {
        all = false;
      }
      if (all) {
        return System.currentTimeMillis();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("providers not all passing in Consul within " + timeout);
      }
      sleep(250);
    }
  }

  private static ProcessHandle process(String name) {
    long pid = stack.pid(name);
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is not running (pid " + pid + ")"));
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  /** @return how many of the acknowledged follows {@code GET /me/relationships} does not show */
  private static long missing(List<Follow> follows) {
    Map<Account, List<String>> byFollower = new LinkedHashMap<>();
    for (Follow f : follows) {
      List<String> ids = byFollower.computeIfAbsent(f.follower(), a -> new ArrayList<>());
      if (!ids.contains(f.followeeId())) {
        ids.add(f.followeeId());
      }
    }
    Rest rest = new Rest(stack.api());
    long missing = 0;
    for (Map.Entry<Account, List<String>> e : byFollower.entrySet()) {
      Rest.Response r = rest.get("/me/relationships?ids=" + String.join(",", e.getValue()), e.getKey().accessToken());
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      for (JsonNode rel : r.json()) {
        if (!rel.get("following").asBoolean()) {
          missing++;
        }
      }
    }
    return missing;
  }

  private static void sleep(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
