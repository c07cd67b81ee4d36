package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * vent-web's health as the launcher, Consul and operators read it (docs/OPERATIONS.md, "Health"),
 * on the real stack: with every captcha instance down the routes of the other providers still work,
 * so vent-web stays ready and passing in Consul and reports the captcha check unhealthy (degraded);
 * with every user instance down it is not ready (503, critical in Consul) and still alive. Both
 * come back once the providers do. Each test restarts what it stopped.
 */
@SharedStack
class HealthIT {

  /** Two failed checks 5 s apart (config.yml's schedule) plus Consul's 10 s check interval. */
  private static final Duration SETTLE = Duration.ofSeconds(45);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aCaptchaOutageLeavesVentWebReadyButDegraded(Stack stack) {
    Rest rest = new Rest(stack.api());
    Account account = Accounts.register(rest, Accounts.uniqueName("degraded"));
    try {
      stopAll(stack, "captcha");
      long t0 = System.nanoTime();
      Health ready = awaitCheck(stack, "provider-captcha", false);
      System.out.printf("event=health_degraded ms=%d%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(ready.status()).as("readiness while degraded: " + ready.body()).isEqualTo(200);
      assertThat(ready.healthy("provider-user")).as(ready.body().toString()).isTrue();
      assertThat(health(stack, "/health/live").status()).as("liveness").isEqualTo(200);
      assertThat(rest.get("/users/" + account.id(), null).status())
          .as("a route of the user provider")
          .isEqualTo(200);
      Rest.Response captcha = rest.send("POST", "/captchas", null, null, null);
      assertThat(captcha.status()).as(captcha.raw()).isEqualTo(503);
      assertThat(captcha.json().path("code").asText()).isEqualTo("DEPENDENCY_UNAVAILABLE");
      // Consul polls /health/ready every 10 s: give it two rounds to have seen the outage.
      SentinelRules.sleep(20_000);
      assertThat(stack.consulClient().checkStatuses("vent-web"))
          .as("vent-web's checks in Consul while degraded")
          .isNotEmpty()
          .containsOnly("passing");
    } finally {
      stack.heal();
    }
    assertThat(awaitCheck(stack, "provider-captcha", true).status()).isEqualTo(200);
  }

  @Test
  void withoutAnyUserProviderVentWebIsAliveButNotReady(Stack stack) {
    try {
      stopAll(stack, "user");
      long t0 = System.nanoTime();
      Health ready = awaitCheck(stack, "provider-user", false);
      System.out.printf("event=health_not_ready ms=%d%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(ready.status()).as("readiness: " + ready.body()).isEqualTo(503);
      assertThat(health(stack, "/health/live").status()).as("liveness").isEqualTo(200);
      long deadline = System.nanoTime() + SETTLE.toNanos();
      List<String> statuses = stack.consulClient().checkStatuses("vent-web");
      while (!statuses.contains("critical") && System.nanoTime() < deadline) {
        SentinelRules.sleep(1000);
        statuses = stack.consulClient().checkStatuses("vent-web");
      }
      assertThat(statuses).as("vent-web's checks in Consul while not ready").contains("critical");
    } finally {
      stack.heal();
    }
    assertThat(awaitCheck(stack, "provider-user", true).status()).isEqualTo(200);
  }

  private static void stopAll(Stack stack, String provider) {
    for (int i = 1; i <= Stack.INSTANCES; i++) {
      stack.keepDown(provider + "-" + i);
    }
  }

  /** Polls readiness until check {@code name} reports {@code healthy}; returns that answer. */
  private static Health awaitCheck(Stack stack, String name, boolean healthy) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Health h = health(stack, "/health/ready");
    while (h.healthy(name) != healthy && System.nanoTime() < deadline) {
      SentinelRules.sleep(500);
      h = health(stack, "/health/ready");
    }
    assertThat(h.healthy(name))
        .as(name + " healthy=" + healthy + " in " + h.body())
        .isEqualTo(healthy);
    return h;
  }

  /** An answer of the admin port's health endpoints: status and the checks' JSON array. */
  private record Health(int status, JsonNode body) {
    boolean healthy(String check) {
      for (JsonNode c : body) {
        if (check.equals(c.path("name").asText())) {
          return c.path("healthy").asBoolean();
        }
      }
      throw new AssertionError("no check " + check + " in " + body);
    }
  }

  private static Health health(Stack stack, String path) {
    URI uri = URI.create(stack.admin() + path);
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Health(r.statusCode(), Rest.JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
