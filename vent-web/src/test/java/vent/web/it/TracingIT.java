package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.stack.Topology;
import vent.web.it.Accounts.Account;

/**
 * Distributed tracing on the real stack ({@code VENT_TRACING=on}, every new trace sampled): a
 * request's {@code X-Request-Id} is the key of its trace in Zipkin, which holds vent-web's server
 * span, the provider's server span and the provider's Redis commands; a problem body's {@code
 * traceId} and a provider's log line of the request carry the same id. Its own stack: the shared
 * one runs without tracing. One instance of each provider and no Prometheus: with the agent (and no
 * class-data sharing) ten providers did not pass their checks within the start timeout on 2 cores.
 */
@OwnStack(
    name = "tracing-stack",
    env = {"VENT_TRACING=on", "VENT_TRACE_SAMPLING=1", "VENT_INSTANCES=1", "VENT_MONITORING=off"})
class TracingIT {

  /** The agent exports in batches (5 s by default): a trace is complete in Zipkin well within. */
  private static final Duration TRACE_WAIT = Duration.ofSeconds(30);

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Stack stack;
  private static Rest rest;
  private static Account account;

  @BeforeAll
  static void stack(Stack own) {
    stack = own;
    assertThat(stack.settings().tracing()).as("VENT_TRACING=on reached the launcher").isTrue();
    rest = new Rest(stack.api());
    // The first calls of a just-started stack under the agent are slow (cold JVMs, no class-data
    // sharing): the first registration ran into vent-web's call timeout (503) in a real run.
    // Registration is this class's set-up, not what it checks, so it may retry for a minute.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int attempts = 0;
    while (account == null) {
      attempts++;
      try {
        account = Accounts.register(rest, Accounts.uniqueName("traced"));
      } catch (AssertionError coldStack) {
        if (System.nanoTime() > deadline) {
          throw coldStack;
        }
        SentinelRules.sleep(2000);
      }
    }
    System.out.printf("event=tracing_stack_warm registration_attempts=%d%n", attempts);
  }

  @Test
  void aUserReadIsOneTraceFromVentWebThroughTheUserProviderToRedis() {
    Rest.Response r = rest.get("/users/" + account.id(), null);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    String traceId = r.header("X-Request-Id");
    assertThat(traceId).as("X-Request-Id").matches(TRACE_ID);

    // The user provider reads the profile's hash: its Redis span names that key.
    String key = "vent:user:{" + account.id() + "}";
    long t0 = System.nanoTime();
    JsonNode spans =
        awaitTrace(
            traceId,
            s ->
                has(s, "vent-web", "SERVER")
                    && has(s, "vent-provider-user", "SERVER")
                    && redisSpan(s, "vent-provider-user", key) != null);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    JsonNode redis = redisSpan(spans, "vent-provider-user", key);
    System.out.printf(
        "event=trace_complete test=user_read trace_id=%s spans=%d redis_span=%s ms=%d%n",
        traceId, spans.size(), redis == null ? "-" : statement(redis), ms);
    assertThat(has(spans, "vent-web", "SERVER")).as("vent-web SERVER span in " + spans).isTrue();
    assertThat(has(spans, "vent-provider-user", "SERVER"))
        .as("vent-provider-user SERVER span in " + spans)
        .isTrue();
    assertThat(redis)
        .as("a Redis CLIENT span of vent-provider-user on " + key + " in " + spans)
        .isNotNull();
    for (JsonNode span : spans) {
      assertThat(span.path("traceId").asText()).isEqualTo(traceId);
    }
  }

  @Test
  void aProblemBodyCarriesTheTraceIdOfItsRequest() {
    Rest.Response r = rest.post("/users", Rest.obj(), null);
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    String traceId = r.header("X-Request-Id");
    assertThat(traceId).as("X-Request-Id").matches(TRACE_ID);
    assertThat(r.json().path("traceId").asText()).as(r.raw()).isEqualTo(traceId);

    long t0 = System.nanoTime();
    JsonNode spans = awaitTrace(traceId, s -> has(s, "vent-web", "SERVER"));
    System.out.printf(
        "event=trace_complete test=problem trace_id=%s spans=%d ms=%d%n",
        traceId, spans.size(), (System.nanoTime() - t0) / 1_000_000);
    assertThat(has(spans, "vent-web", "SERVER")).as("vent-web SERVER span in " + spans).isTrue();
  }

  @Test
  void theAuthProvidersLogLineOfAFailedLoginCarriesTheRequestsTraceId() throws Exception {
    Rest.Response r =
        rest.post(
            "/sessions",
            Rest.obj("username", account.username(), "password", "wrong " + Accounts.PASSWORD),
            null);
    assertThat(r.status()).as(r.raw()).isEqualTo(401);
    String traceId = r.header("X-Request-Id");
    assertThat(traceId).as("X-Request-Id").matches(TRACE_ID);

    Topology.Provider auth = stack.settings().topology().provider("auth");
    List<Path> logs = new ArrayList<>();
    for (int i = 1; i <= Stack.INSTANCES; i++) {
      logs.add(stack.log(auth.name() + "-" + i));
    }
    // Processes flush their logs asynchronously.
    long t0 = System.nanoTime();
    String line = null;
    while (line == null && System.nanoTime() - t0 < Duration.ofSeconds(15).toNanos()) {
      line = loginFailedLine(logs, traceId);
      if (line == null) {
        SentinelRules.sleep(200);
      }
    }
    System.out.printf(
        "event=login_failed_logged trace_id=%s found=%s ms=%d%n",
        traceId, line != null, (System.nanoTime() - t0) / 1_000_000);
    assertThat(line)
        .as(
            "a line with event=login_failed and trace_id=%s in %s; login_failed lines there: %s",
            traceId, logs, loginFailedLines(logs))
        .isNotNull();
  }

  /** The line of {@code logs} logging a failed login with {@code traceId}, or null. */
  private static String loginFailedLine(List<Path> logs, String traceId) throws IOException {
    for (String line : loginFailedLines(logs)) {
      if (line.contains("trace_id=" + traceId + " ")) {
        return line;
      }
    }
    return null;
  }

  private static List<String> loginFailedLines(List<Path> logs) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path log : logs) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          if (line.contains("event=login_failed")) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  /**
   * Polls Zipkin's {@code /api/v2/trace/<id>} until its spans satisfy {@code complete} or {@link
   * #TRACE_WAIT} passes; returns the last spans seen (an empty array if none).
   */
  private static JsonNode awaitTrace(String traceId, Predicate<JsonNode> complete) {
    URI uri =
        URI.create(
            "http://127.0.0.1:" + stack.settings().zipkinPort() + "/api/v2/trace/" + traceId);
    JsonNode last = Rest.JSON.createArrayNode();
    long deadline = System.nanoTime() + TRACE_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          last = Rest.JSON.readTree(r.body());
          if (complete.test(last)) {
            return last;
          }
        } else {
          assertThat(r.statusCode()).as("Zipkin " + uri + ": " + r.body()).isEqualTo(404);
        }
      } catch (IOException e) {
        throw new IllegalStateException("GET " + uri + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      SentinelRules.sleep(500);
    }
    return last;
  }

  private static boolean has(JsonNode spans, String service, String kind) {
    for (JsonNode span : spans) {
      if (service.equals(span.path("localEndpoint").path("serviceName").asText())
          && kind.equals(span.path("kind").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A CLIENT span of {@code service} to Redis (the agent's Redisson instrumentation) whose
   * statement names {@code key}, or null. A pipeline is one span whose statement lists its
   * commands.
   */
  private static JsonNode redisSpan(JsonNode spans, String service, String key) {
    for (JsonNode span : spans) {
      if (service.equals(span.path("localEndpoint").path("serviceName").asText())
          && "CLIENT".equals(span.path("kind").asText())
          && ("redis".equals(span.path("tags").path("db.system").asText())
              || "redis".equals(span.path("tags").path("db.system.name").asText()))
          && statement(span).contains(key)) {
        return span;
      }
    }
    return null;
  }

  /** The Redis command(s) of a span, e.g. {@code HGETALL vent:user:{1}} (older or newer tag). */
  private static String statement(JsonNode span) {
    JsonNode tags = span.path("tags");
    return tags.path("db.statement").asText(tags.path("db.query.text").asText());
  }
}
