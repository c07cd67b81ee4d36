package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vent.web.docs.ContractValidator;

/**
 * The OpenAPI document (vent-web/src/main/resources/openapi/openapi.yaml) is true of the live API:
 * every documented operation is driven through each of its statuses over real HTTP, and each answer
 * (status, headers, content type, body) is checked against the document by {@link
 * ContractValidator} (swagger-parser reads the document, networknt's OpenAPI 3.1 dialect of JSON
 * Schema 2020-12 checks bodies and headers). An answer on an undocumented path, method or status, a
 * missing required header, or a field the schemas do not declare (they are closed with {@code
 * additionalProperties: false}) fails the test, and so does a documented (route, status) that was
 * never observed, unless listed in {@link #NOT_OBSERVED}.
 */
@SharedStack
class ContractIT {

  private static final String DOCUMENT = "openapi/openapi.yaml";

  private static final String BASE_PATH = "/api/v1";

  /** Larger than {@code api.maxBodyBytes} (64 KiB): answered 413. */
  private static final String OVERSIZED = "\"" + "x".repeat(70_000) + "\"";

  /** Token fields of an answer: never printed (LogSecretsIT's rule holds for test output too). */
  private static final Pattern TOKENS =
      Pattern.compile("\"(accessToken|refreshToken)\":\"[^\"]*\"");

  /** A user id that is well formed and not issued (ids are far smaller on a test stack). */
  private static final String NO_SUCH_USER = "9000000000000000001";

  /**
   * Documented statuses this test does not bring about, as {@code "METHOD /path STATUS"} (a {@code
   * *} matches any route), each with its reason. What is observed is validated all the same.
   */
  static final Map<String, String> NOT_OBSERVED =
      Map.ofEntries(
          // Refusals need the production Sentinel rules; the shared stack runs relaxed ones so that
          // test classes do not throttle one another. SentinelIT, LoginThrottleIT and
          // DefaultRulesIT
          // bring them about (and this test validates any 429 it meets).
          Map.entry("* 429", "needs tightened Sentinel rules (SentinelIT, LoginThrottleIT)"),
          // An unavailable provider, an open circuit, or a feature switched off in Consul KV:
          // ChaosIT, GlobalConfigIT.
          Map.entry("* 503", "needs an outage or a feature switched off (ChaosIT, GlobalConfigIT)"),
          Map.entry(
              "GET /me 404",
              "only between an account's deletion and its tokens' refusal (a race window)"),
          Map.entry(
              "PATCH /me 404",
              "only between an account's deletion and its tokens' refusal (a race window)"));

  private final Rest rest;
  private final OpenAPI api;
  private final ContractValidator validator = new ContractValidator();
  private final Set<String> observed = new TreeSet<>();
  private final List<String> violations = new ArrayList<>();

  ContractIT(Stack stack) {
    this.rest = new Rest(stack.api());
    String yaml = document();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    this.api = new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI();
  }

  @Test
  void everyDocumentedOperationAnswersAsDocumented() {
    drivePublicRoutes();
    driveSessions();
    driveMe();
    driveRelations();
    driveVents();
    driveContractRoutes();

    assertThat(violations).as("answers that contradict the OpenAPI document").isEmpty();
    Set<String> documented = new TreeSet<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            operation
                                .getResponses()
                                .keySet()
                                .forEach(
                                    status -> documented.add(method + " " + path + " " + status))));
    Set<String> unobserved = new TreeSet<>(documented);
    unobserved.removeAll(observed);
    unobserved.removeIf(ContractIT::excused);
    assertThat(unobserved).as("documented (route, status) never observed").isEmpty();
    long excused = documented.stream().filter(key -> !observed.contains(key)).count();
    System.out.println(
        "event=contract_coverage operations="
            + api.getPaths().values().stream().mapToLong(p -> p.readOperations().size()).sum()
            + " statuses="
            + documented.size()
            + " observed="
            + observed.size()
            + " excluded="
            + excused);
  }

  private void drivePublicRoutes() {
    call("POST", "/captchas", "{}", null, 201);
    call("POST", "/captchas", OVERSIZED, null, 413);
    Account a = register("ct_a");
    String name = a.username();
    call("POST", "/users", null, null, 400);
    call("POST", "/users", registration(name), null, 409);
    call("POST", "/users", "x", "text/plain", null, 415);
    call("POST", "/users", OVERSIZED, null, 413);
    call("GET", "/users?username=" + name, null, null, 200);
    call("GET", "/users", null, null, 400);
    call("GET", "/users?username=nobody_" + name, null, null, 404);
    call("GET", "/users/" + a.id(), null, null, 200);
    revalidate("/users/" + a.id(), null);
    revalidate("/users?username=" + name, null);
    call("GET", "/users/abc", null, null, 400);
    call("GET", "/users/" + NO_SUCH_USER, null, null, 404);
    for (String list : List.of("followers", "following", "vents")) {
      call("GET", "/users/" + a.id() + "/" + list + "?limit=5", null, null, 200);
      call("GET", "/users/" + a.id() + "/" + list + "?limit=0", null, null, 400);
      call("GET", "/users/" + NO_SUCH_USER + "/" + list, null, null, 404);
    }
    call("GET", "/users/" + a.id() + "/vents", null, "not-a-token", 401);
  }

  private void driveSessions() {
    Account c = register("ct_c");
    String login = Rest.obj("username", c.username(), "password", Accounts.PASSWORD).toString();
    JsonNode tokens = call("POST", "/sessions", login, null, 200).json();
    call("POST", "/sessions", "{}", null, 400);
    call(
        "POST",
        "/sessions",
        Rest.obj("username", c.username(), "password", "wrong password").toString(),
        null,
        401);
    call("POST", "/sessions", "x", "text/plain", null, 415);
    call("POST", "/sessions", OVERSIZED, null, 413);
    String refresh = Rest.obj("refreshToken", tokens.get("refreshToken").asText()).toString();
    call("POST", "/sessions/refresh", refresh, null, 200);
    call("POST", "/sessions/refresh", "{}", null, 400);
    call("POST", "/sessions/refresh", refresh, null, 401);
    call("POST", "/sessions/refresh", "x", "text/plain", null, 415);
    call("POST", "/sessions/refresh", OVERSIZED, null, 413);
    call("DELETE", "/sessions", null, tokens.get("accessToken").asText(), 204);
    call("DELETE", "/sessions", null, null, 401);
  }

  private void driveMe() {
    Account a = register("ct_me");
    String token = a.accessToken();
    call("GET", "/me", null, token, 200);
    revalidate("/me", token);
    call("GET", "/me", null, null, 401);
    call("PATCH", "/me", "{\"bio\":\"contract\"}", token, 200);
    call("PATCH", "/me", "{}", token, 400);
    call("PATCH", "/me", "{\"bio\":\"x\"}", null, 401);
    call("PATCH", "/me", "x", "text/plain", token, 415);
    call("PATCH", "/me", OVERSIZED, token, 413);

    String change =
        Rest.obj("currentPassword", Accounts.PASSWORD, "newPassword", Accounts.PASSWORD + " 2")
            .toString();
    call("PUT", "/me/password", "{}", token, 400);
    call("PUT", "/me/password", "x", "text/plain", token, 415);
    call("PUT", "/me/password", OVERSIZED, token, 413);
    call("PUT", "/me/password", change, null, 401);
    // One password check per second per user (password-user rule).
    SentinelRules.sleep(1_100);
    call(
        "PUT",
        "/me/password",
        Rest.obj("currentPassword", "wrong password", "newPassword", "whatever it is").toString(),
        token,
        401);
    SentinelRules.sleep(1_100);
    token = call("PUT", "/me/password", change, token, 200).json().get("accessToken").asText();

    Account d = register("ct_del");
    String password = Rest.obj("password", Accounts.PASSWORD).toString();
    call("DELETE", "/me", "{}", d.accessToken(), 400);
    call("DELETE", "/me", "x", "text/plain", d.accessToken(), 415);
    call("DELETE", "/me", OVERSIZED, d.accessToken(), 413);
    call("DELETE", "/me", password, null, 401);
    call("DELETE", "/me", Rest.obj("password", "wrong password").toString(), d.accessToken(), 401);
    SentinelRules.sleep(1_100);
    call("DELETE", "/me", password, d.accessToken(), 204);

    call("GET", "/me/notifications?limit=5", null, token, 200);
    call("GET", "/me/notifications?limit=0", null, token, 400);
    call("GET", "/me/notifications", null, null, 401);
    call("POST", "/me/notifications/read", null, token, 204);
    call("POST", "/me/notifications/read", null, null, 401);
    call("POST", "/me/notifications/read", OVERSIZED, token, 413);
    call("GET", "/me/timeline?limit=5", null, token, 200);
    call("GET", "/me/timeline?cursor=" + "c".repeat(600), null, token, 400);
    call("GET", "/me/timeline", null, null, 401);
  }

  private void driveRelations() {
    Account a = register("ct_ra");
    Account b = register("ct_rb");
    String ta = a.accessToken();
    String tb = b.accessToken();
    call("PUT", "/me/following/" + b.id(), null, ta, 204);
    call("PUT", "/me/following/" + a.id(), null, ta, 400);
    call("PUT", "/me/following/" + NO_SUCH_USER, null, ta, 404);
    call("PUT", "/me/following/" + b.id(), null, null, 401);
    call("GET", "/users/" + b.id() + "/followers", null, null, 200);
    call("GET", "/me/relationships?ids=" + a.id() + "," + b.id(), null, ta, 200);
    call("GET", "/me/relationships", null, ta, 400);
    call("GET", "/me/relationships?ids=" + b.id(), null, null, 401);
    call("GET", "/me/suggestions?limit=5", null, ta, 200);
    call("GET", "/me/suggestions?limit=0", null, ta, 400);
    call("GET", "/me/suggestions", null, null, 401);
    call("DELETE", "/me/following/" + b.id(), null, ta, 204);
    call("DELETE", "/me/following/abc", null, ta, 400);
    call("DELETE", "/me/following/" + b.id(), null, null, 401);

    for (String edge : List.of("blocks", "mutes")) {
      call("PUT", "/me/" + edge + "/" + a.id(), null, tb, 204);
      call("PUT", "/me/" + edge + "/" + b.id(), null, tb, 400);
      call("PUT", "/me/" + edge + "/" + NO_SUCH_USER, null, tb, 404);
      call("PUT", "/me/" + edge + "/" + a.id(), null, null, 401);
      call("GET", "/me/" + edge + "?limit=5", null, tb, 200);
      call("GET", "/me/" + edge + "?limit=0", null, tb, 400);
      call("GET", "/me/" + edge, null, null, 401);
    }
    // b blocks a: a may not follow b.
    call("PUT", "/me/following/" + b.id(), null, ta, 403);
    for (String edge : List.of("blocks", "mutes")) {
      call("DELETE", "/me/" + edge + "/" + a.id(), null, tb, 204);
      call("DELETE", "/me/" + edge + "/abc", null, tb, 400);
      call("DELETE", "/me/" + edge + "/" + a.id(), null, null, 401);
    }
  }

  private void driveVents() {
    Account a = register("ct_va");
    Account b = register("ct_vb");
    String vent = Rest.obj("text", "a contract vent", "audience", "public").toString();
    String id = call("POST", "/vents", vent, a.accessToken(), 201).json().get("id").asText();
    call("POST", "/vents", "{\"text\":\"x\",\"audience\":\"everyone\"}", a.accessToken(), 400);
    call("POST", "/vents", vent, null, 401);
    call("POST", "/vents", "x", "text/plain", a.accessToken(), 415);
    call("POST", "/vents", OVERSIZED, a.accessToken(), 413);
    call("GET", "/vents/" + id, null, null, 200);
    revalidate("/vents/" + id, null);
    call("GET", "/vents/abc", null, null, 400);
    call("GET", "/vents/" + id, null, "not-a-token", 401);
    call("GET", "/vents/" + a.id() + "-zzzzzzzzz", null, null, 404);
    call("GET", "/users/" + a.id() + "/vents", null, b.accessToken(), 200);
    call("DELETE", "/vents/" + id, null, b.accessToken(), 404);
    call("DELETE", "/vents/abc", null, a.accessToken(), 400);
    call("DELETE", "/vents/" + id, null, null, 401);
    call("DELETE", "/vents/" + id, null, a.accessToken(), 204);
  }

  private void driveContractRoutes() {
    fetch("/openapi.json", "application/json", 200);
    fetch("/openapi.yaml", "application/yaml", 200);
    fetch("/docs/", "text/html", 200);
    for (String file : List.of("swagger-initializer.js", "swagger-ui.css", "favicon-32x32.png")) {
      fetch("/docs/" + file, "*/*", 200);
    }
    fetch("/docs/nothing.txt", "*/*", 404);
    fetch("/problems", "application/json", 200);
    fetch("/problems", "text/html", 200);
    fetch("/problems/USER_NOT_FOUND", "application/json", 200);
    fetch("/problems/USER_NOT_FOUND", "text/html", 200);
    fetch("/problems/NO_SUCH_CODE", "application/json", 404);
    Rest.Response initializer =
        rest.send("GET", "/docs/swagger-initializer.js", null, null, null, "*/*");
    assertThat(initializer.raw()).contains("\"../openapi.json\"");
    Rest.Response page = rest.send("GET", "/docs", null, null, null, "text/html");
    assertThat(page.raw()).contains("<base href=\"" + BASE_PATH + "/docs/\">");
  }

  private Account register(String prefix) {
    String name = Accounts.uniqueName(prefix);
    JsonNode body = call("POST", "/users", registration(name), null, 201).json();
    return new Account(
        body.get("user").get("id").asText(),
        name,
        body.get("accessToken").asText(),
        body.get("refreshToken").asText());
  }

  private String registration(String username) {
    return Rest.obj(
            "username",
            username,
            "password",
            Accounts.PASSWORD,
            "displayName",
            "Name of " + username,
            "captchaId",
            Accounts.newCaptcha(rest),
            "captchaAnswer",
            Stack.CAPTCHA_ANSWER)
        .toString();
  }

  private record Account(String id, String username, String accessToken, String refreshToken) {}

  /** A JSON request (or none when {@code body} is null). */
  private Rest.Response call(String method, String path, String body, String token, int expected) {
    return call(method, path, body, body == null ? null : "application/json", token, expected);
  }

  private Rest.Response call(
      String method, String path, String body, String contentType, String token, int expected) {
    return record(method, path, rest.send(method, path, body, contentType, token), expected);
  }

  /**
   * A GET that names the ETag of the answer before it in {@code If-None-Match}: 304, no body, the
   * same ETag.
   */
  private void revalidate(String path, String token) {
    String etag = rest.send("GET", path, null, null, token).header("ETag");
    assertThat(etag).as("ETag of GET " + path).isNotNull();
    Rest.Response answer =
        record(
            "GET",
            path,
            rest.send(
                "GET",
                path,
                null,
                null,
                token,
                "application/json, application/problem+json",
                Map.of("If-None-Match", etag)),
            304);
    assertThat(answer.raw()).isEmpty();
    assertThat(answer.header("ETag")).isEqualTo(etag);
  }

  /** A GET asking for {@code accept}, without a token. */
  private Rest.Response fetch(String path, String accept, int expected) {
    return record("GET", path, rest.send("GET", path, null, null, null, accept), expected);
  }

  /**
   * Validates the answer against the document, and records its (route, status). The expected status
   * is asserted last: an unexpected one is still validated and reported.
   */
  private Rest.Response record(String method, String path, Rest.Response answer, int expected) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    List<String> errors =
        validator.validate(
            method, bare, answer.status(), answer.http().headers().map(), answer.raw());
    if (!errors.isEmpty()) {
      violations.add(
          method
              + " "
              + bare.substring(0, Math.min(bare.length(), 120))
              + " -> "
              + answer.status()
              + ": "
              + errors
              + " body="
              + redacted(answer.raw()));
    }
    String template = validator.template(bare);
    template = template == null ? bare : template;
    observed.add(method + " " + template + " " + answer.status());
    assertThat(answer.status())
        .as(method + " " + template + ": " + redacted(answer.raw()))
        .isEqualTo(expected);
    return answer;
  }

  /** The start of a body for a failure message, without the tokens it may carry. */
  private static String redacted(String body) {
    String shown = TOKENS.matcher(body).replaceAll("\"$1\":\"(redacted)\"");
    return shown.substring(0, Math.min(shown.length(), 300));
  }

  private static boolean excused(String key) {
    String status = key.substring(key.lastIndexOf(' ') + 1);
    return NOT_OBSERVED.containsKey(key) || NOT_OBSERVED.containsKey("* " + status);
  }

  private static String document() {
    try (InputStream in = ContractIT.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
