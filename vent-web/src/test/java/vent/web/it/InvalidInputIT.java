package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * Bad input on every endpoint of contract v1 gets a 4xx RFC 9457 problem with a stable code, never
 * a 500 and never a stack trace.
 */
@SharedStack
class InvalidInputIT {

  private static Rest rest;
  private static Account me;
  private static URI api;

  @BeforeAll
  static void stack(Stack stack) {
    api = URI.create(stack.api());
    rest = new Rest(stack.api());
    me = Accounts.register(rest, Accounts.uniqueName("strict"));
  }

  @Test
  void registration() {
    problem(
        rest.send("POST", "/users", "{\"username\": ", "application/json", null),
        400,
        "MALFORMED_JSON");
    problem(rest.post("/users", Rest.obj(), null), 400, "VALIDATION_FAILED");
    problem(rest.send("POST", "/users", "", "application/json", null), 400, null);
    problem(rest.send("POST", "/users", "[1,2]", "application/json", null), 400, null);
    problem(
        rest.send("POST", "/users", "username=x", "text/plain", null),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    problem(
        rest.post(
            "/users",
            Rest.obj(
                "username",
                new int[] {1},
                "password",
                Accounts.PASSWORD,
                "displayName",
                "x",
                "captchaId",
                "c",
                "captchaAnswer",
                "a"),
            null),
        400,
        null);
    problem(register("No Spaces!", Accounts.PASSWORD, "x", Stack.CAPTCHA_ANSWER), 400, null);
    problem(register("ab", Accounts.PASSWORD, "x", Stack.CAPTCHA_ANSWER), 400, null);
    problem(
        register(Accounts.uniqueName("short_pw"), "1234567", "x", Stack.CAPTCHA_ANSWER), 400, null);
    problem(
        register(Accounts.uniqueName("badcap"), Accounts.PASSWORD, "x", "wrong"),
        400,
        "CAPTCHA_INVALID");
    problem(
        rest.post(
            "/users",
            Rest.obj(
                "username",
                Accounts.uniqueName("unk"),
                "password",
                Accounts.PASSWORD,
                "displayName",
                "x",
                "captchaId",
                Accounts.newCaptcha(rest),
                "captchaAnswer",
                Stack.CAPTCHA_ANSWER,
                "isAdmin",
                true),
            null),
        400,
        null);
    problem(
        rest.send(
            "POST",
            "/users",
            "{\"username\":\"" + "x".repeat(70_000) + "\"}",
            "application/json",
            null),
        413,
        "PAYLOAD_TOO_LARGE");
    problem(
        register("\u0000\u202e<script>", Accounts.PASSWORD, "x", Stack.CAPTCHA_ANSWER), 400, null);
  }

  /**
   * A body announced too large, but small enough to read, is read before its 413: the client gets
   * the answer even while still sending, and the connection serves its next request.
   */
  @Test
  void anOversizedBodyIsAnsweredAndTheConnectionServesTheNextRequest() throws IOException {
    byte[] body = ("\"" + "x".repeat(70_000) + "\"").getBytes(StandardCharsets.US_ASCII);
    String host = "\r\nHost: " + api.getHost() + "\r\nAccept: application/json\r\n";
    byte[] oversized =
        ("POST "
                + api.getPath()
                + "/captchas HTTP/1.1"
                + host
                + "Content-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] next =
        ("GET " + api.getPath() + "/users/999999 HTTP/1.1" + host + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket(api.getHost(), api.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(oversized);
      socket.getOutputStream().write(body);
      socket.getOutputStream().write(next);
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answers).startsWith("HTTP/1.1 413 ").contains("PAYLOAD_TOO_LARGE");
      assertThat(answers)
          .as("the next request on the same connection")
          .contains("HTTP/1.1 404 ")
          .contains("USER_NOT_FOUND");
    }
  }

  @Test
  void sessions() {
    problem(
        rest.post("/sessions", Rest.obj("username", me.username()), null),
        400,
        "VALIDATION_FAILED");
    problem(
        rest.post(
            "/sessions",
            Rest.obj("username", Accounts.uniqueName("nobody"), "password", "whatever123"),
            null),
        401,
        "INVALID_CREDENTIALS");
    problem(
        rest.send("POST", "/sessions", "{oops", "application/json", null), 400, "MALFORMED_JSON");
    problem(rest.post("/sessions/refresh", Rest.obj(), null), 400, "VALIDATION_FAILED");
    problem(
        rest.post("/sessions/refresh", Rest.obj("refreshToken", "not-a-token"), null),
        401,
        "REFRESH_TOKEN_INVALID");
    problem(rest.delete("/sessions", null), 401, "UNAUTHENTICATED");
    problem(rest.delete("/sessions", "garbage"), 401, null);
  }

  @Test
  void forgedTokensAreRefused() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String claims =
        b64("{\"iss\":\"vent-auth\",\"sub\":\"" + me.id() + "\",\"sid\":\"x\",\"exp\":4102444800}");
    problem(rest.get("/me", header + "." + claims + "."), 401, null);
    String[] parts = me.accessToken().split("\\.");
    String tampered =
        parts[0]
            + "."
            + b64("{\"iss\":\"vent-auth\",\"sub\":\"1\",\"sid\":\"x\",\"exp\":4102444800}")
            + "."
            + parts[2];
    problem(rest.get("/me", tampered), 401, null);
    problem(rest.get("/me", null), 401, "UNAUTHENTICATED");
  }

  @Test
  void profiles() {
    problem(rest.get("/users/abc", null), 400, null);
    problem(rest.get("/users/999999999999", null), 404, "USER_NOT_FOUND");
    problem(rest.get("/users/-1", null), 400, null);
    problem(rest.get("/users", null), 400, null);
    problem(
        rest.get("/users?username=" + Accounts.uniqueName("ghost"), null), 404, "USER_NOT_FOUND");
    problem(rest.patch("/me", Rest.obj(), me.accessToken()), 400, null);
    problem(rest.patch("/me", Rest.obj("displayName", ""), me.accessToken()), 400, null);
    problem(rest.patch("/me", Rest.obj("bio", "b".repeat(161)), me.accessToken()), 400, null);
    problem(rest.patch("/me", Rest.obj("username", "hijack"), me.accessToken()), 400, null);
    problem(rest.patch("/me", Rest.obj("displayName", "x"), null), 401, "UNAUTHENTICATED");
    assertThat(rest.get("/me", me.accessToken()).json().get("username").asText())
        .isEqualTo(me.username());
  }

  @Test
  void follows() {
    problem(rest.put("/me/following/" + me.id(), me.accessToken()), 400, "CANNOT_FOLLOW_SELF");
    problem(rest.put("/me/following/999999999999", me.accessToken()), 404, "USER_NOT_FOUND");
    problem(rest.put("/me/following/abc", me.accessToken()), 400, null);
    problem(rest.put("/me/following/1", null), 401, "UNAUTHENTICATED");
    problem(rest.delete("/me/following/abc", me.accessToken()), 400, null);
    problem(rest.get("/users/" + me.id() + "/followers?limit=0", null), 400, null);
    problem(rest.get("/users/" + me.id() + "/followers?limit=101", null), 400, null);
    problem(rest.get("/users/" + me.id() + "/followers?limit=-5", null), 400, null);
    problem(rest.get("/users/" + me.id() + "/following?limit=ten", null), 400, null);
    problem(
        rest.get("/users/" + me.id() + "/following?limit=99999999999999999999", null), 400, null);
    problem(
        rest.get("/users/" + me.id() + "/followers?cursor=%27%20OR%201%3D1", null),
        400,
        "INVALID_CURSOR");
    problem(rest.get("/users/999999999999/followers", null), 404, "USER_NOT_FOUND");
    problem(rest.get("/me/relationships", me.accessToken()), 400, null);
    problem(rest.get("/me/relationships?ids=abc", me.accessToken()), 400, null);
    StringJoiner many = new StringJoiner(",");
    for (int i = 1; i <= 101; i++) {
      many.add(String.valueOf(i));
    }
    problem(rest.get("/me/relationships?ids=" + many, me.accessToken()), 400, null);
    problem(rest.get("/me/suggestions?limit=1000", me.accessToken()), 400, null);
    problem(rest.get("/me/suggestions", null), 401, "UNAUTHENTICATED");
  }

  @Test
  void vents() {
    String token = me.accessToken();
    problem(rest.send("POST", "/vents", "", "application/json", token), 400, null);
    problem(
        rest.send("POST", "/vents", "{\"text\": ", "application/json", token),
        400,
        "MALFORMED_JSON");
    problem(rest.post("/vents", Rest.obj("text", "x"), token), 400, "INVALID_AUDIENCE");
    problem(
        rest.post("/vents", Rest.obj("text", "x", "audience", "PUBLIC"), token),
        400,
        "INVALID_AUDIENCE");
    problem(
        rest.post("/vents", Rest.obj("text", "x", "audience", "friends"), token),
        400,
        "INVALID_AUDIENCE");
    for (long expiry : new long[] {0, 3599, 2_592_001, -3600}) {
      problem(
          rest.post(
              "/vents",
              Rest.obj("text", "x", "audience", "public", "expiresInSeconds", expiry),
              token),
          400,
          "INVALID_EXPIRY");
    }
    for (String text :
        new String[] {"", " \n ", "x".repeat(501), "a\u0000b", "\u202eevil", "a\u200bb"}) {
      problem(
          rest.post("/vents", Rest.obj("text", text, "audience", "public"), token),
          400,
          "INVALID_TEXT");
    }
    problem(rest.post("/vents", Rest.obj("audience", "public"), token), 400, "INVALID_TEXT");
    problem(
        rest.post("/vents", Rest.obj("text", 1, "audience", "public"), token),
        400,
        "INVALID_FIELD");
    problem(
        rest.post("/vents", Rest.obj("text", "x", "audience", "public", "authorId", "1"), token),
        400,
        "INVALID_FIELD");
    problem(
        rest.post("/vents", Rest.obj("text", "x", "audience", "public"), null),
        401,
        "UNAUTHENTICATED");
    for (String id :
        new String[] {"abc", "1", "0-a", "1-", "1-A", "1-abc-d", "1-" + "a".repeat(14), "%20"}) {
      problem(rest.get("/vents/" + id, null), 400, "INVALID_VENT_ID");
      problem(rest.delete("/vents/" + id, token), 400, "INVALID_VENT_ID");
    }
    problem(rest.get("/vents/" + me.id() + "-nosuch", null), 404, "VENT_NOT_FOUND");
    problem(rest.delete("/vents/" + me.id() + "-nosuch", token), 404, "VENT_NOT_FOUND");
    problem(rest.get("/vents/" + me.id() + "-nosuch", "not.a.token"), 401, "TOKEN_INVALID");
    String list = "/users/" + me.id() + "/vents";
    for (String limit : new String[] {"0", "101", "-1", "ten", "1.5"}) {
      problem(rest.get(list + "?limit=" + limit, null), 400, "INVALID_LIMIT");
      problem(rest.get("/me/timeline?limit=" + limit, token), 400, "INVALID_LIMIT");
    }
    for (String cursor : new String[] {"garbage", "x".repeat(600), "%27%20OR%201%3D1"}) {
      problem(rest.get(list + "?cursor=" + cursor, null), 400, "INVALID_CURSOR");
      problem(rest.get("/me/timeline?cursor=" + cursor, token), 400, "INVALID_CURSOR");
    }
    problem(rest.get("/users/abc/vents", null), 400, "INVALID_USER_ID");
    problem(rest.get("/users/999999999999/vents", null), 404, "USER_NOT_FOUND");
    problem(rest.get("/me/timeline", null), 401, "UNAUTHENTICATED");
  }

  @Test
  void unknownRoutesAndMethods() {
    problem(rest.get("/nope", null), 404, null);
    problem(rest.send("DELETE", "/captchas", null, null, null), 405, null);
    problem(rest.send("PUT", "/vents", null, null, null), 405, null);
    problem(rest.raw("GET", "/users/%ZZ"), 400, null);
  }

  private static Rest.Response register(
      String username, String password, String displayName, String answer) {
    return rest.post(
        "/users",
        Rest.obj(
            "username",
            username,
            "password",
            password,
            "displayName",
            displayName,
            "captchaId",
            Accounts.newCaptcha(rest),
            "captchaAnswer",
            answer),
        null);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Asserts an RFC 9457 problem: status, content type, a stable code, and no internals. */
  private static void problem(Rest.Response r, int status, String code) {
    assertThat(r.status()).as("status of %s", r.raw()).isEqualTo(status);
    assertThat(r.contentType()).as(r.raw()).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("code").asText()).as(r.raw()).matches("[A-Z][A-Z0-9_]+");
    if (code != null) {
      assertThat(r.json().get("code").asText()).as(r.raw()).isEqualTo(code);
    }
    assertThat(r.raw())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("vent.web.");
  }
}
