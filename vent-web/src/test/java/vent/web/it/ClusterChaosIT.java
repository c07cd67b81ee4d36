package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vent.stack.ConsulAgents;
import vent.web.it.Accounts.Account;
import vent.web.it.RedisClusterProbe.NodeLine;

/**
 * The fault suite of the cluster topology (a Redis Cluster of 3 primaries and 3 replicas, three
 * Consul servers): each scenario runs {@link ChaosLoad} against a stack of its own, injects one
 * fault into the distributed engines and checks what users would: how long requests failed, that
 * none failed after the failover, how many acknowledged follows went missing, and that both sides
 * of every follow agree afterwards. Rows go to {@code target/chaos/results.md} like {@link
 * ChaosIT}. It runs in the cluster pass of {@code ./vent test} only (it needs {@code
 * vent.it.topology} {@code cluster}; the local pass excludes it). Scenarios pass in any order: each
 * starts from a healthy cluster.
 */
@OwnStack(name = "cluster-chaos")
class ClusterChaosIT {

  private static final int SECONDS =
      Integer.parseInt(System.getenv().getOrDefault("VENT_CHAOS_SECONDS", "12"));
  private static final int THREADS = 4;

  /** A failover's grace after the promotion: Redisson's topology refresh plus one retry, ms. */
  private static final long RETRY_GRACE_MS = 3000;

  private static Stack stack;
  private static RedisClusterProbe redis;
  private static List<Account> actors;
  private static List<String> targets;

  @BeforeAll
  static void accounts(Stack own) {
    assertThat(Stack.TOPOLOGY).as("vent.it.topology").isEqualTo("cluster");
    stack = own;
    redis = new RedisClusterProbe(stack);
    Rest rest = new Rest(stack.api());
    actors = Accounts.registerMany(rest, "cchaos", 8);
    targets = actors.stream().map(Account::id).toList();
  }

  @BeforeEach
  void healthy() {
    heal();
  }

  @AfterAll
  static void leaveHealthy() {
    heal();
  }

  @Test
  void redisPrimaryKilledThenBack() throws Exception {
    NodeLine victim = redis.aPrimaryWithReplica();
    String name = redis.processOf(victim.port());
    int askPort = otherNodePort(victim.port());
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    long killedAt = System.currentTimeMillis();
    stack.process(name).destroyForcibly(); // SIGKILL: what was not replicated yet is lost
    stack.keepDown(name);
    long promotedAt = redis.awaitPromotion(victim, askPort, Duration.ofSeconds(20));
    TimeUnit.SECONDS.sleep(Math.max(8, SECONDS - 4));
    load.stop();
    ChaosReport report =
        new ChaosReport(
            "Redis primary "
                + name
                + " killed (kill -9), replica promoted after "
                + (promotedAt - killedAt)
                + " ms",
            load.outcomes(),
            (System.currentTimeMillis() - killedAt) / 1000,
            killedAt,
            promotedAt,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();
    System.out.printf(
        "event=cluster_chaos scenario=primary_kill promotion_ms=%d failed=%d last_failure_ms=%d lost_acknowledged=%d%n",
        promotedAt - killedAt,
        report.failedRequests(),
        lastFailureAfter(load, killedAt),
        report.lostWrites());

    assertThat(failedAfter(load, promotedAt + RETRY_GRACE_MS))
        .as("requests failing later than the promotion plus one retry")
        .isZero();
    assertThat(failureStatuses(load)).as("failures are 503, not hangs or 500s").isSubsetOf(503);

    // The primary comes back: it rejoins as a replica of its successor, and nothing is lost or
    // doubled in the graph.
    long backAt = System.currentTimeMillis();
    heal();
    long rejoinMs = redis.awaitReplica(victim.port(), Duration.ofSeconds(30));
    System.out.printf(
        "event=cluster_chaos scenario=primary_back rejoined_as_replica_ms=%d%n",
        System.currentTimeMillis() - backAt);
    assertThat(rejoinMs).isLessThanOrEqualTo(30_000);
    assertBothSidesAgree();
  }

  @Test
  void redisNodeFrozenFifteenSeconds() throws Exception {
    NodeLine victim = redis.aPrimaryWithReplica();
    String name = redis.processOf(victim.port());
    int askPort = otherNodePort(victim.port());
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    long pid = stack.pid(name);
    long frozenAt = System.currentTimeMillis();
    Stack.signal("STOP", pid);
    long promotedAt;
    try {
      promotedAt = redis.awaitPromotion(victim, askPort, Duration.ofSeconds(15));
      TimeUnit.MILLISECONDS.sleep(Math.max(0, frozenAt + 15_000 - System.currentTimeMillis()));
    } finally {
      Stack.signal("CONT", pid);
    }
    long thawedAt = System.currentTimeMillis();
    long rejoinMs = redis.awaitReplica(victim.port(), Duration.ofSeconds(30));
    TimeUnit.SECONDS.sleep(3);
    load.stop();
    ChaosReport report =
        new ChaosReport(
            "Redis primary "
                + name
                + " frozen 15 s (SIGSTOP), replica promoted after "
                + (promotedAt - frozenAt)
                + " ms",
            load.outcomes(),
            (System.currentTimeMillis() - frozenAt) / 1000,
            frozenAt,
            promotedAt,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();
    System.out.printf(
        "event=cluster_chaos scenario=primary_frozen promotion_ms=%d failed=%d last_failure_ms=%d lost_acknowledged=%d rejoined_as_replica_ms=%d%n",
        promotedAt - frozenAt,
        report.failedRequests(),
        lastFailureAfter(load, frozenAt),
        report.lostWrites(),
        (thawedAt - frozenAt) + rejoinMs);

    assertThat(failedAfter(load, promotedAt + RETRY_GRACE_MS))
        .as("requests failing later than the promotion plus one retry")
        .isZero();
    assertThat(failureStatuses(load)).as("failures are 503, not hangs or 500s").isSubsetOf(503);
    assertBothSidesAgree();
  }

  @Test
  void consulLeaderKilled() throws Exception {
    String leader = consulLeader();
    String name = consulServerOf(leader);
    ChaosLoad load = ChaosLoad.startOn(stack.api(), actors, THREADS);
    long killedAt = System.currentTimeMillis();
    stack.process(name).destroyForcibly();
    stack.keepDown(name);
    String newLeader = "";
    while (System.currentTimeMillis() - killedAt < 30_000) {
      newLeader = consulLeader();
      if (!newLeader.isEmpty() && !newLeader.equals(leader)) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    long electedAt = System.currentTimeMillis();
    // Watches continue: a flow rule and a global configuration key written after the election
    // reach vent-web.
    SentinelRules rules = stack.sentinel();
    String before = rules.get("vent-web", "flow");
    String marker = "cluster-chaos-" + killedAt;
    rules.put("vent-web", "flow", "[{\"resource\":\"" + marker + "\",\"grade\":1,\"count\":1000}]");
    long ruleMs;
    try {
      ruleMs = rules.awaitOn("web", "flow", marker, Duration.ofSeconds(20));
    } finally {
      rules.putBack("vent-web", "flow", before);
    }
    TimeUnit.SECONDS.sleep(Math.max(4, SECONDS - 6));
    load.stop();
    ChaosReport report =
        new ChaosReport(
            "Consul leader "
                + name
                + " killed (kill -9), new leader after "
                + (electedAt - killedAt)
                + " ms",
            load.outcomes(),
            (System.currentTimeMillis() - killedAt) / 1000,
            killedAt,
            electedAt,
            load.checkedWrites(),
            load.lostWrites());
    report.publish();
    System.out.printf(
        "event=cluster_chaos scenario=consul_leader_kill election_ms=%d failed=%d rule_after_ms=%d%n",
        electedAt - killedAt, report.failedRequests(), ruleMs);

    assertThat(newLeader).as("a new leader").isNotEmpty().isNotEqualTo(leader);
    assertThat(electedAt - killedAt).as("time to a new leader, ms").isLessThanOrEqualTo(10_000);
    assertThat(report.failedRequests()).as("failed REST requests").isZero();
    assertThat(report.lostWrites()).as("acknowledged follows missing").isZero();
  }

  /**
   * Every follow the actors hold (their following lists, read back at once) shows on the followee's
   * side, and nothing else does: the hand-off converged, with no edge lost or doubled.
   */
  private static void assertBothSidesAgree() throws InterruptedException {
    Rest rest = new Rest(stack.api());
    long deadline = System.currentTimeMillis() + 20_000;
    String mismatch = "";
    while (System.currentTimeMillis() < deadline) {
      mismatch = sidesMismatch(rest);
      if (mismatch.isEmpty()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("followers and following disagree after 20 s: " + mismatch);
  }

  private static String sidesMismatch(Rest rest) {
    Set<String> forward = new HashSet<>();
    for (Account a : actors) {
      Rest.Response r =
          rest.get("/me/relationships?ids=" + String.join(",", targets), a.accessToken());
      if (r.status() != 200) {
        return "relationships of " + a.id() + ": " + r.status();
      }
      for (JsonNode rel : r.json()) {
        if (rel.get("following").asBoolean()) {
          forward.add(a.id() + ">" + rel.get("id").asText());
        }
      }
    }
    Set<String> reverse = new HashSet<>();
    for (String t : targets) {
      Rest.Response page = rest.get("/users/" + t + "/followers?limit=100", null);
      Rest.Response profile = rest.get("/users/" + t, null);
      if (page.status() != 200 || profile.status() != 200) {
        return "followers of " + t + ": " + page.status() + "/" + profile.status();
      }
      int listed = page.json().get("items").size();
      if (profile.json().get("followersCount").asInt() != listed) {
        return "followersCount of "
            + t
            + " is "
            + profile.json().get("followersCount")
            + ", listed "
            + listed;
      }
      for (JsonNode item : page.json().get("items")) {
        reverse.add(item.get("id").asText() + ">" + t);
      }
    }
    return forward.equals(reverse) ? "" : "following " + forward + " vs followers " + reverse;
  }

  private static long failedAfter(ChaosLoad load, long fromMs) {
    return load.outcomes().stream().filter(o -> !o.ok() && o.startMs() >= fromMs).count();
  }

  private static long lastFailureAfter(ChaosLoad load, long faultMs) {
    return load.outcomes().stream()
        .filter(o -> !o.ok())
        .mapToLong(o -> o.endMs() - faultMs)
        .max()
        .orElse(0);
  }

  private static List<Integer> failureStatuses(ChaosLoad load) {
    return load.outcomes().stream().filter(o -> !o.ok()).map(o -> o.status()).distinct().toList();
  }

  private static int otherNodePort(int port) {
    return redis.processes().stream()
        .map(n -> n.port())
        .filter(p -> p != port)
        .findFirst()
        .orElseThrow();
  }

  /** The leader's server address as the client agent reports it, e.g. {@code 127.0.0.1:18310}. */
  private static String consulLeader() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.consul() + "/v1/status/leader"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body().strip().replace("\"", "") : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String consulServerOf(String address) {
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    return stack.settings().consulAgents().stream()
        .filter(a -> a.server() && a.serverPort() == port)
        .map(ConsulAgents.Agent::name)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Consul server with RPC port " + port));
  }

  private static void heal() {
    stack.heal();
    redis.awaitHealthy(Duration.ofSeconds(60));
  }
}
