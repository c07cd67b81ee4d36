package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * Sentinel on the real stack: a route's flow limit answers 429 with rate-limit headers; a hung
 * provider opens vent-web's circuit (fast 503) which closes again after its window; rules put in
 * Consul KV reach both relation instances within 2 s; a dashboard-style {@code setRules} lands in
 * Consul KV, on the other instance, and survives restarts.
 *
 * <p>It shares the stack: afterwards it puts back every rule it changed, waits until each process
 * reports them again, and restarts whatever it stopped.
 */
@SharedStack
class SentinelIT {

  /** The rule keys this class changes: application and type, as {@link SentinelRules#key}. */
  private static final List<String[]> CHANGED =
      List.of(
          new String[] {"vent-web", "flow", "web"},
          new String[] {"vent-web", "degrade", "web"},
          new String[] {"vent-provider-relation", "flow", "relation-1"},
          new String[] {"vent-provider-relation", "flow", "relation-2"});

  private static final Map<String, String> BEFORE = new HashMap<>();

  private static Stack stack;
  private static SentinelRules sentinel;
  private static Rest rest;
  private static Account account;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    sentinel = shared.sentinel();
    for (String[] change : CHANGED) {
      BEFORE.put(change[0] + "/" + change[1], sentinel.get(change[0], change[1]));
    }
    rest = new Rest(stack.api());
    account = Accounts.register(rest, Accounts.uniqueName("limits"));
  }

  @AfterAll
  static void restoreRules() {
    stack.heal();
    for (String[] change : CHANGED) {
      String before = BEFORE.get(change[0] + "/" + change[1]);
      sentinel.putBack(change[0], change[1], before);
      sentinel.awaitInForce(change[2], change[1], before, Duration.ofSeconds(10));
    }
  }

  @Test
  void aBurstPastARouteLimitGets429WithHeadersAndTrafficUnderItDoesNot() {
    sentinel.put(
        "vent-web",
        "flow",
        "[{\"resource\":\"GET /users/{id}\",\"grade\":1,\"count\":5,\"limitApp\":\"default\",\"strategy\":0,\"controlBehavior\":0}]");
    try {
      sentinel.awaitOn("web", "flow", "GET /users/{id}", Duration.ofSeconds(5));
      List<Rest.Response> burst = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        burst.add(rest.get("/users/" + account.id(), null));
      }
      List<Rest.Response> limited = burst.stream().filter(r -> r.status() == 429).toList();
      assertThat(limited).as("429s in a burst of 30 against a limit of 5/s").isNotEmpty();
      assertThat(burst.stream().filter(r -> r.status() == 200).count()).isBetween(5L, 15L);
      Rest.Response first = limited.get(0);
      assertThat(first.contentType()).startsWith("application/problem+json");
      assertThat(first.json().get("code").asText()).isEqualTo("RATE_LIMITED");
      assertThat(Integer.parseInt(first.header("Retry-After"))).isGreaterThanOrEqualTo(1);
      assertThat(first.header("RateLimit-Limit")).isEqualTo("5");
      assertThat(first.header("RateLimit-Remaining")).isEqualTo("0");
      assertThat(Integer.parseInt(first.header("RateLimit-Reset"))).isGreaterThanOrEqualTo(1);

      SentinelRules.sleep(1500);
      for (int i = 0; i < 4; i++) {
        assertThat(rest.get("/users/" + account.id(), null).status())
            .as("request %d at ~3/s", i)
            .isEqualTo(200);
        SentinelRules.sleep(330);
      }
    } finally {
      sentinel.put("vent-web", "flow", "[]");
      sentinel.awaitOn("web", "flow", "[]", Duration.ofSeconds(5));
    }
  }

  @Test
  void aHungProviderOpensTheCircuitAndItClosesAfterRecovery() throws Exception {
    sentinel.put(
        "vent-web",
        "degrade",
        "[{\"resource\":\"dev.vent.captcha.v1.CaptchaService\",\"grade\":0,"
            + "\"count\":500,\"slowRatioThreshold\":0.5,\"minRequestAmount\":2,\"statIntervalMs\":20000,\"timeWindow\":3}]");
    // Every captcha instance hangs: with one left, least-active balancing would just use it.
    List<Long> captcha = new ArrayList<>();
    for (int i = 1; stack.pid("captcha-" + i) > 0; i++) {
      captcha.add(stack.pid("captcha-" + i));
    }
    try {
      sentinel.awaitOn("web", "degrade", "CaptchaService", Duration.ofSeconds(5));
      assertThat(rest.post("/captchas", Rest.obj(), null).status()).isEqualTo(201);

      signal("STOP", captcha);
      assertThat(captcha).as("captcha instances frozen").isNotEmpty();
      List<CompletableFuture<Rest.Response>> hung = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        hung.add(CompletableFuture.supplyAsync(() -> rest.post("/captchas", Rest.obj(), null)));
      }
      for (CompletableFuture<Rest.Response> call : hung) {
        Rest.Response r = call.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.raw()).isEqualTo(503);
      }

      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        Rest.Response open = rest.post("/captchas", Rest.obj(), null);
        millis.add((System.nanoTime() - t0) / 1_000_000);
        assertThat(open.status()).as(open.raw()).isEqualTo(503);
        assertThat(open.json().get("code").asText()).isEqualTo("DEPENDENCY_UNAVAILABLE");
      }
      millis.sort(Long::compare);
      System.out.printf("event=circuit_open_answers ms=%s%n", millis);
      assertThat(millis.get(2))
          .as("median answer time with the circuit open, ms")
          .isLessThanOrEqualTo(50L);
      assertThat(millis.get(4)).as("slowest answer with the circuit open, ms").isLessThan(1000L);
    } finally {
      signal("CONT", captcha);
    }
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      int status = 0;
      while (System.nanoTime() < deadline && status != 201) {
        SentinelRules.sleep(500);
        status = rest.post("/captchas", Rest.obj(), null).status();
      }
      assertThat(status)
          .as("a captcha after the provider recovered and the window passed")
          .isEqualTo(201);
      for (int i = 0; i < 5; i++) {
        assertThat(rest.post("/captchas", Rest.obj(), null).status())
            .as("circuit closed again")
            .isEqualTo(201);
      }
    } finally {
      sentinel.put("vent-web", "degrade", "[]");
    }
  }

  @Test
  void aConsulKvChangeReachesBothRelationInstancesWithin2Seconds() {
    long t0 = System.nanoTime();
    sentinel.put(
        "vent-provider-relation",
        "flow",
        "[{\"resource\":\"dev.vent.relation.v1.RelationService\","
            + "\"grade\":1,\"count\":43210,\"limitApp\":\"default\",\"strategy\":0,\"controlBehavior\":0}]");
    CompletableFuture<Long> one =
        CompletableFuture.supplyAsync(
            () -> sentinel.awaitOn("relation-1", "flow", "43210", Duration.ofSeconds(10)));
    CompletableFuture<Long> two =
        CompletableFuture.supplyAsync(
            () -> sentinel.awaitOn("relation-2", "flow", "43210", Duration.ofSeconds(10)));
    one.join();
    two.join();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("event=kv_rule_applied instances=2 ms=%d%n", ms);
    assertThat(ms)
        .as("ms from the KV write until both instances apply it")
        .isLessThanOrEqualTo(2000L);
  }

  @Test
  void aDashboardPushLandsInConsulOnTheOtherInstanceAndSurvivesRestarts() throws Exception {
    String rules =
        "[{\"resource\":\"dev.vent.relation.v1.RelationService\",\"grade\":1,\"count\":54321.0,"
            + "\"limitApp\":\"default\",\"strategy\":0,\"controlBehavior\":0}]";
    assertThat(sentinel.setRules("relation-1", "flow", rules).strip()).isEqualTo("success");

    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (!String.valueOf(sentinel.get("vent-provider-relation", "flow")).contains("54321")) {
      assertThat(System.nanoTime()).as("rules written back to Consul KV").isLessThan(deadline);
      SentinelRules.sleep(50);
    }
    sentinel.awaitOn("relation-2", "flow", "54321", Duration.ofSeconds(2));

    List<ProcessHandle> relations =
        List.of(
            ProcessHandle.of(stack.pid("relation-1")).orElseThrow(),
            ProcessHandle.of(stack.pid("relation-2")).orElseThrow());
    relations.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : relations) {
      p.onExit().get(60, TimeUnit.SECONDS);
    }
    Stack.Result up = stack.vent(Stack.UP_WAIT, "up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(stack.pid("relation-1")).isNotEqualTo(relations.get(0).pid());

    sentinel.awaitOn("relation-1", "flow", "54321", Duration.ofSeconds(10));
    sentinel.awaitOn("relation-2", "flow", "54321", Duration.ofSeconds(10));
    assertThat(sentinel.get("vent-provider-relation", "flow")).contains("54321");
  }

  private static void signal(String signal, List<Long> pids) throws Exception {
    for (long pid : pids) {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
      assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }
  }
}
