package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vent.stack.Topology;
import vent.web.it.Accounts.Account;

/**
 * Monitoring on the real stack (docs/LAUNCHER.md, "Monitoring"): Prometheus scrapes every process
 * it finds in Consul, a REST call and a Sentinel block move their counters, and a provider that
 * stays down raises {@code VentInstanceDown} (monitoring/rules.yml: {@code up == 0} for 30 s),
 * pending first, then firing; a crashed Prometheus is restarted by supervisord while requests go
 * on. The shared stack runs Prometheus (the other test stacks run with {@code
 * VENT_MONITORING=off}); the class puts back the rule it sets and heals the process it stops.
 */
@SharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

  /** prometheus.yml's scrape and evaluation interval. */
  private static final Duration SCRAPE = Duration.ofSeconds(5);

  /** VentInstanceDown's {@code for:} in monitoring/rules.yml. */
  private static final Duration ALERT_FOR = Duration.ofSeconds(30);

  private static final String ROUTE = "GET /users/{id}";

  private static final String PROMETHEUS = "prometheus";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Stack stack;
  private static Rest rest;
  private static Account account;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    assertThat(stack.settings().monitoring()).as("the test stack runs Prometheus").isTrue();
    rest = new Rest(stack.api());
    account = Accounts.register(rest, Accounts.uniqueName("watched"));
  }

  @Test
  @Order(1)
  void everyProcessOfTheStackIsAnUpTarget() {
    long t0 = System.nanoTime();
    Map<String, String> health = awaitAllUp(expectedInstances(), Duration.ofSeconds(60));
    System.out.printf(
        "event=targets_up targets=%d ms=%d%n", health.size(), (System.nanoTime() - t0) / 1_000_000);
    for (String instance : expectedInstances()) {
      assertThat(health.get(instance))
          .as("health of target " + instance + " in " + health)
          .isEqualTo("up");
    }
  }

  @Test
  @Order(2)
  void aRestCallMovesItsRouteCounter() {
    String query =
        "sum(http_server_requests_seconds_count{application=\"vent-web\",uri=\"/api/v1/users/{id}\"})";
    double before = value(query);
    int calls = 3;
    for (int i = 0; i < calls; i++) {
      Rest.Response r = rest.get("/users/" + account.id(), null);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }
    long t0 = System.nanoTime();
    double after = awaitAtLeast(query, before + calls, SCRAPE.multipliedBy(2).plusSeconds(10));
    System.out.printf(
        "event=route_counter before=%.0f after=%.0f ms=%d%n",
        before, after, (System.nanoTime() - t0) / 1_000_000);
    assertThat(after).as(query).isGreaterThanOrEqualTo(before + calls);
  }

  @Test
  @Order(3)
  void aSentinelBlockShowsInTheBlockCounter() {
    SentinelRules sentinel = stack.sentinel();
    String rulesBefore = sentinel.get("vent-web", "flow");
    String query =
        "sum(sentinel_block_total{application=\"vent-web\",resource=\""
            + ROUTE
            + "\",rule=\"flow\"})";
    double before = value(query);
    int blocked = 0;
    sentinel.put(
        "vent-web",
        "flow",
        "[{\"resource\":\""
            + ROUTE
            + "\",\"grade\":1,\"count\":1,\"limitApp\":\"default\",\"strategy\":0,\"controlBehavior\":0}]");
    try {
      sentinel.awaitOn("web", "flow", ROUTE, Duration.ofSeconds(5));
      for (int i = 0; i < 20; i++) {
        if (rest.get("/users/" + account.id(), null).status() == 429) {
          blocked++;
        }
      }
    } finally {
      sentinel.putBack("vent-web", "flow", rulesBefore);
      sentinel.awaitInForce("web", "flow", rulesBefore, Duration.ofSeconds(10));
    }
    assertThat(blocked).as("429s in a burst of 20 against a limit of 1/s").isPositive();
    long t0 = System.nanoTime();
    double after = awaitAtLeast(query, before + blocked, SCRAPE.multipliedBy(2).plusSeconds(10));
    System.out.printf(
        "event=sentinel_block_counter blocked=%d before=%.0f after=%.0f ms=%d%n",
        blocked, before, after, (System.nanoTime() - t0) / 1_000_000);
    assertThat(after).as(query).isGreaterThanOrEqualTo(before + blocked);
  }

  @Test
  @Order(4)
  void aProviderThatStaysDownRaisesVentInstanceDownPendingThenFiring() throws Exception {
    String victim = "user-2";
    long pid = stack.pid(victim);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    try {
      long t0 = System.nanoTime();
      assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();
      assertThat(process.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
      // supervisord restarts what exits: keep it down.
      stack.keepDown(victim);
      long pendingMs = -1;
      long firingMs = -1;
      long deadline = t0 + ALERT_FOR.plusSeconds(60).toNanos();
      String last = "";
      while (firingMs < 0 && System.nanoTime() < deadline) {
        String state = alertState("VentInstanceDown", victim);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!state.equals(last)) {
          System.out.printf("event=alert_state instance=%s state=%s ms=%d%n", victim, state, ms);
          last = state;
        }
        if (state.equals("pending") && pendingMs < 0) {
          pendingMs = ms;
        }
        if (state.equals("firing")) {
          firingMs = ms;
        }
        SentinelRules.sleep(500);
      }
      System.out.printf(
          "event=instance_down_alert instance=%s pending_ms=%d firing_ms=%d%n",
          victim, pendingMs, firingMs);
      assertThat(pendingMs).as("VentInstanceDown pending for " + victim).isNotNegative();
      assertThat(firingMs)
          .as("VentInstanceDown firing for %s within for (%s) + 60 s", victim, ALERT_FOR)
          .isNotNegative()
          .isGreaterThan(pendingMs)
          .isGreaterThanOrEqualTo(ALERT_FOR.toMillis());
    } finally {
      stack.heal();
      awaitAllUp(expectedInstances(), Duration.ofSeconds(60));
    }
  }

  @Test
  @Order(5)
  void aCrashedPrometheusIsRestartedAndRequestsNeverNoticed() throws Exception {
    long pid = stack.pid(PROMETHEUS);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    long t0 = System.nanoTime();
    Stack.signal("KILL", pid);
    assertThat(process.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
    for (int i = 0; i < 5; i++) {
      Rest.Response r = rest.get("/users/" + account.id(), null);
      assertThat(r.status()).as("a read while Prometheus is down: " + r.raw()).isEqualTo(200);
    }
    awaitReady(Duration.ofSeconds(60));
    long readyMs = (System.nanoTime() - t0) / 1_000_000;
    Map<String, String> health = awaitAllUp(expectedInstances(), Duration.ofSeconds(60));
    long pidAfter = stack.pid(PROMETHEUS);
    System.out.printf(
        "event=prometheus_restarted old_pid=%d new_pid=%d ready_ms=%d targets_up_ms=%d%n",
        pid, pidAfter, readyMs, (System.nanoTime() - t0) / 1_000_000);
    assertThat(pidAfter).as("supervisord started a new Prometheus").isNotEqualTo(pid).isPositive();
    assertThat(health.values()).as("targets after the restart: " + health).containsOnly("up");
  }

  /** Every process the stack runs, by its {@code instance} label: user-1, ..., web, prometheus. */
  private static List<String> expectedInstances() {
    List<String> out = new ArrayList<>();
    for (Topology.Provider provider : stack.settings().topology().providers()) {
      for (int i = 1; i <= Stack.INSTANCES; i++) {
        out.add(provider.name() + "-" + i);
      }
    }
    out.add("web");
    out.add(PROMETHEUS);
    return out;
  }

  /**
   * Waits until Prometheus answers {@code /-/ready} with 200: a restarted one refuses connections,
   * then answers 503 while it replays its write-ahead log.
   */
  private static void awaitReady(Duration timeout) {
    URI uri = URI.create("http://127.0.0.1:" + stack.settings().prometheusPort() + "/-/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body().strip();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      SentinelRules.sleep(500);
    }
    throw new AssertionError("Prometheus not ready within " + timeout + ": " + last);
  }

  /** Waits until every instance is an up target; returns each target's health by instance. */
  private static Map<String, String> awaitAllUp(List<String> instances, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> health = targets();
    while (!instances.stream().allMatch(i -> "up".equals(health.get(i)))
        && System.nanoTime() < deadline) {
      SentinelRules.sleep(1000);
      health.clear();
      health.putAll(targets());
    }
    return health;
  }

  /** The active targets' health by instance label (a duplicate instance keeps its worst). */
  private static Map<String, String> targets() {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode target : get("/api/v1/targets").path("data").path("activeTargets")) {
      String instance = target.path("labels").path("instance").asText();
      String health = target.path("health").asText();
      out.merge(instance, health, (a, b) -> a.equals("up") ? b : a);
    }
    return out;
  }

  /** The state of an alert for an instance: pending, firing, or inactive (none). */
  private static String alertState(String alertName, String instance) {
    TreeSet<String> states = new TreeSet<>();
    for (JsonNode alert : get("/api/v1/alerts").path("data").path("alerts")) {
      if (alertName.equals(alert.path("labels").path("alertname").asText())
          && instance.equals(alert.path("labels").path("instance").asText())) {
        states.add(alert.path("state").asText());
      }
    }
    return states.contains("firing")
        ? "firing"
        : states.contains("pending") ? "pending" : "inactive";
  }

  /** Polls {@code query} until it is at least {@code min}; returns the last value. */
  private static double awaitAtLeast(String query, double min, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    double v = value(query);
    while (v < min && System.nanoTime() < deadline) {
      SentinelRules.sleep(1000);
      v = value(query);
    }
    return v;
  }

  /** The value of an instant query with one result, 0 if it has none (a series not there yet). */
  private static double value(String query) {
    JsonNode result =
        get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
            .path("data")
            .path("result");
    assertThat(result.size()).as(query + ": " + result).isLessThanOrEqualTo(1);
    return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private static JsonNode get(String pathAndQuery) {
    URI uri = URI.create("http://127.0.0.1:" + stack.settings().prometheusPort() + pathAndQuery);
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("GET " + uri + ": " + r.body()).isEqualTo(200);
      return Rest.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
