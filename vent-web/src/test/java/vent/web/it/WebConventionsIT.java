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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.testing.Eventually;
import vent.web.it.Accounts.Account;

/**
 * The REST conventions over real HTTP on the shared stack: {@code Link} headers that walk a list,
 * conditional GETs, CORS preflights for the test stacks' one allowed origin ({@link
 * Stack#CORS_ORIGIN}) and a refused one, problem types that resolve to served pages, and {@code
 * RateLimit-Policy}/{@code RateLimit} under a per-IP rule that applies to this class's client alone
 * (put in Consul KV and taken back before the test ends).
 */
@SharedStack
class WebConventionsIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Stack stack;
  private static Rest rest;
  private static Account alice;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    rest = new Rest(stack.api());
    alice = Accounts.registerMany(rest, "conv", 1).get(0);
  }

  /** A request to {@code url} from {@code rest}'s client address, with extra header pairs. */
  private static HttpResponse<String> send(String method, String url, Rest as, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("X-Forwarded-For", as.clientIp());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theLinkHeaderWalksAListToItsLastPage() throws Exception {
    for (Account fan : Accounts.registerMany(rest, "convfan", 3)) {
      assertThat(rest.put("/me/following/" + alice.id(), fan.accessToken()).status())
          .isEqualTo(204);
    }
    // The followee's side converges through the relation hand-off.
    Eventually.until(
        "alice's three followers listed",
        Duration.ofSeconds(30),
        () -> {
          Rest.Response all = rest.get("/users/" + alice.id() + "/followers?limit=3", null);
          return all.status() == 200 && all.json().get("items").size() == 3;
        });
    String url = stack.api() + "/users/" + alice.id() + "/followers?limit=2";
    int pages = 0;
    while (url != null) {
      HttpResponse<String> page = send("GET", url, rest, "Accept", "application/json");
      assertThat(page.statusCode()).isEqualTo(200);
      pages++;
      JsonNode body = Rest.JSON.readTree(page.body());
      List<String> links = page.headers().allValues("Link");
      if (body.get("nextCursor").isNull()) {
        assertThat(links).as("Link on the last page").isEmpty();
        url = null;
      } else {
        assertThat(links).hasSize(1);
        String link = links.get(0);
        assertThat(link)
            .matches(
                "<"
                    + java.util.regex.Pattern.quote(stack.api())
                    + "/users/\\d+/followers\\?limit=2&cursor=[^>]+>; rel=\"next\"");
        url = link.substring(1, link.indexOf('>'));
      }
    }
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void aProfileReadIsConditional() throws Exception {
    String url = stack.api() + "/users/" + alice.id();
    HttpResponse<String> first = send("GET", url, rest);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

    HttpResponse<String> notModified = send("GET", url, rest, "If-None-Match", "\"x\", " + etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    assertThat(send("GET", url, rest, "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(send("GET", url, rest, "If-None-Match", "\"x\"").statusCode()).isEqualTo(200);

    HttpResponse<String> me =
        send("GET", stack.api() + "/me", rest, "Authorization", "Bearer " + alice.accessToken());
    assertThat(me.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    assertThat(
            send(
                    "GET",
                    stack.api() + "/me",
                    rest,
                    "Authorization",
                    "Bearer " + alice.accessToken(),
                    "If-None-Match",
                    me.headers().firstValue("ETag").orElseThrow())
                .statusCode())
        .isEqualTo(304);
  }

  @Test
  void aPreflightFromTheAllowedOriginIsAnsweredAndOneFromAnotherIsNot() throws Exception {
    String url = stack.api() + "/users/" + alice.id();
    HttpResponse<String> allowed =
        send(
            "OPTIONS",
            url,
            rest,
            "Origin",
            Stack.CORS_ORIGIN,
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "authorization,if-none-match");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(Stack.CORS_ORIGIN);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .contains("GET");
    assertThat(
            allowed
                .headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElseThrow()
                .toLowerCase())
        .contains("authorization", "if-none-match", "content-type");

    HttpResponse<String> refused =
        send(
            "OPTIONS",
            url,
            rest,
            "Origin",
            "http://evil.example",
            "Access-Control-Request-Method",
            "GET");
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> actual = send("GET", url, rest, "Origin", Stack.CORS_ORIGIN);
    assertThat(actual.statusCode()).isEqualTo(200);
    assertThat(actual.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue(Stack.CORS_ORIGIN);
    assertThat(actual.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("ETag", "Link", "RateLimit", "X-Request-Id");
    assertThat(
            send("GET", url, rest, "Origin", "http://evil.example")
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .isEmpty();
  }

  @Test
  void aProblemsTypeResolvesToAPageThatDocumentsItsCode() throws Exception {
    String url = stack.api() + "/users/999999999999";
    Rest.Response missing = rest.get("/users/999999999999", null);
    assertThat(missing.status()).isEqualTo(404);
    String type = missing.json().get("type").asText();
    assertThat(type).isEqualTo("/api/v1/problems/USER_NOT_FOUND");
    URI page = URI.create(url).resolve(type);
    HttpResponse<String> html = send("GET", page.toString(), rest, "Accept", "text/html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(html.body()).contains("USER_NOT_FOUND", "404");
    HttpResponse<String> json = send("GET", page.toString(), rest, "Accept", "application/json");
    assertThat(Rest.JSON.readTree(json.body()).get("status").asInt()).isEqualTo(404);
    HttpResponse<String> unknown =
        send("GET", stack.api() + "/problems/NO_SUCH_CODE", rest, "Accept", "application/json");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  @Test
  void everyLimitedAnswerSaysWhatIsLeftUntilThe429() throws Exception {
    SentinelRules sentinel = stack.sentinel();
    String before = sentinel.get("vent-web", "param-flow");
    Rest limited = new Rest(stack.api());
    Rest probe = new Rest(stack.api());
    String url = stack.api() + "/users/" + alice.id();
    sentinel.put(
        "vent-web",
        "param-flow",
        "[{\"resource\":\"client-ip\",\"limitApp\":\"default\",\"grade\":1,\"paramIdx\":0,"
            + "\"count\":100000,\"durationInSec\":60,\"burstCount\":0,\"controlBehavior\":0,"
            + "\"clusterMode\":false,\"paramFlowItemList\":[{\"object\":\""
            + limited.clientIp()
            + "\",\"classType\":\"java.lang.String\",\"count\":3}]}]");
    try {
      awaitPolicy(url, probe, true);
      for (int left = 2; left >= 0; left--) {
        HttpResponse<String> ok = send("GET", url, limited);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"client-ip\";q=3;w=60");
        assertThat(ok.headers().firstValue("RateLimit").orElseThrow())
            .matches("\"client-ip\";r=" + left + ";t=(60|59|58)");
      }
      HttpResponse<String> refused = send("GET", url, limited);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("RateLimit").orElseThrow())
          .matches("\"client-ip\";r=0;t=\\d+");
      assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
      // Everyone else keeps the rule's general quota.
      assertThat(send("GET", url, probe).headers().firstValue("RateLimit-Policy"))
          .hasValue("\"client-ip\";q=100000;w=60");
    } finally {
      sentinel.putBack("vent-web", "param-flow", before);
      awaitPolicy(url, probe, false);
    }
  }

  /** Waits until vent-web has (or no longer has) a per-IP rule: its answers say so. */
  private static void awaitPolicy(String url, Rest as, boolean present) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      boolean has =
          send("GET", url, as)
              .headers()
              .firstValue("RateLimit-Policy")
              .map(p -> p.contains("client-ip"))
              .orElse(false);
      if (has == present) {
        return;
      }
      assertThat(System.nanoTime()).as("vent-web took the rule within 10 s").isLessThan(deadline);
      SentinelRules.sleep(100);
    }
  }
}
