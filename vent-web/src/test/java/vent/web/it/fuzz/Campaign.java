package vent.web.it.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates the hostile requests of one fuzz run, deterministically from a seed, spread over every
 * route of contract v1 (plus {@code PUT /me/password}). Authenticated requests use the seeded
 * user's real token most of the time, so that bad input reaches the resources and providers, and a
 * forged token otherwise. No request can legitimately change data: bodies of authenticated writes
 * are always invalid, follow targets are never real users, tokens sent to logout are never valid,
 * account deletions always carry a wrong password, marking the inbox read is idempotent (the test
 * marks it read before its snapshot), vent bodies are always invalid and vent deletions name vents
 * that do not exist.
 */
public final class Campaign {

  /** The routes that need a bearer token (contract v1): anything but the real token gets 401. */
  private static final java.util.Set<String> AUTHENTICATED =
      java.util.Set.of(
          "DELETE /sessions",
          "GET /me",
          "PATCH /me",
          "DELETE /me",
          "PUT /me/password",
          "PUT /me/following/{id}",
          "DELETE /me/following/{id}",
          "PUT /me/blocks/{id}",
          "DELETE /me/blocks/{id}",
          "GET /me/blocks",
          "PUT /me/mutes/{id}",
          "DELETE /me/mutes/{id}",
          "GET /me/mutes",
          "GET /me/relationships",
          "GET /me/suggestions",
          "GET /me/notifications",
          "POST /me/notifications/read",
          "POST /vents",
          "DELETE /vents/{id}",
          "GET /me/timeline");

  /** Routes that reach bcrypt on the auth provider (a few hundred ms each on a slow core). */
  private static final int BCRYPT_REQUESTS = 120;

  private final Hostile h;
  private final Bodies bodies;
  private final String meId;
  private final String meUsername;
  private final String token;
  private final String refreshToken;
  private final List<String> forged;

  /**
   * @param seed the run's seed
   * @param meId id of the user whose token authenticated requests carry
   * @param meUsername that user's username (login attempts use it with wrong passwords)
   * @param token that user's valid access token
   * @param refreshToken that user's refresh token (only ever sent altered)
   * @param forged Authorization header values that must be refused, see {@link ForgedTokens}
   */
  public Campaign(
      long seed,
      String meId,
      String meUsername,
      String token,
      String refreshToken,
      List<String> forged) {
    this.h = new Hostile(new Random(seed));
    this.bodies = new Bodies(h);
    this.meId = meId;
    this.meUsername = meUsername;
    this.token = token;
    this.refreshToken = refreshToken;
    this.forged = forged;
  }

  /** {@code count} requests (at least), in a seed-determined order. */
  public List<FuzzRequest> requests(int count) {
    List<FuzzRequest> out = new ArrayList<>(count + BCRYPT_REQUESTS);
    for (int i = 0; i < BCRYPT_REQUESTS; i++) {
      out.add(
          switch (i % 4) {
            case 0 -> changePassword();
            case 1 -> deleteAccount();
            default -> login();
          });
    }
    List<Supplier<FuzzRequest>> cheap =
        List.of(
            this::captcha,
            this::register,
            this::loginMalformed,
            this::refresh,
            this::logout,
            this::userById,
            this::userByName,
            this::me,
            this::patchMe,
            this::follow,
            this::unfollow,
            this::blockOrMute,
            this::blocksOrMutes,
            this::followers,
            this::relationships,
            this::suggestions,
            this::changePasswordMalformed,
            this::deleteAccountMalformed,
            this::notifications,
            this::markNotificationsRead,
            this::postVent,
            this::ventById,
            this::deleteVent,
            this::userVents,
            this::timeline,
            this::wrongMethod,
            this::unknownRoute);
    while (out.size() < count) {
      out.add(cheap.get(h.nextInt(cheap.size())).get());
    }
    java.util.Collections.shuffle(out, new Random(h.nextInt(Integer.MAX_VALUE)));
    return out;
  }

  private FuzzRequest captcha() {
    Bodies.Body body = bodies.invalid(Map.of("a", 1));
    return json("POST /captchas", "POST", "/captchas", body, null);
  }

  private FuzzRequest register() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("username", h.chance(0.5) ? h.string() : "fz_" + h.nextInt(1_000_000));
    fields.put("password", h.chance(0.3) ? h.string() : "long enough password");
    fields.put("displayName", h.string());
    fields.put(
        "captchaId",
        h.chance(0.5)
            ? h.string()
            : Long.toHexString(h.nextInt(Integer.MAX_VALUE)) + "00000000000000000000000000");
    fields.put("captchaAnswer", h.string());
    // A made-up captcha id never verifies, so no registration can succeed.
    return json("POST /users", "POST", "/users", bodies.any(fields), null);
  }

  private FuzzRequest login() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("username", h.chance(0.5) ? meUsername : h.string());
    fields.put("password", "wrong " + h.string());
    if (h.chance(0.3)) {
      fields.put("captchaId", h.string());
      fields.put("captchaAnswer", h.string());
    }
    return json(
        "POST /sessions",
        "POST",
        "/sessions",
        new Bodies.Body(
            "wrong password",
            Bodies.bytes(
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields).toString())),
        null);
  }

  private FuzzRequest loginMalformed() {
    return json(
        "POST /sessions",
        "POST",
        "/sessions",
        bodies.invalid(Map.of("username", meUsername, "password", "pw")),
        null);
  }

  private FuzzRequest refresh() {
    String altered =
        h.pick(
            List.of(
                refreshToken + "x",
                refreshToken.substring(1),
                refreshToken.toUpperCase(),
                h.string(),
                "",
                token));
    return json(
        "POST /sessions/refresh",
        "POST",
        "/sessions/refresh",
        bodies.any(Map.of("refreshToken", altered)),
        null);
  }

  private FuzzRequest logout() {
    return request(
        "DELETE /sessions",
        "DELETE",
        "/sessions",
        null,
        null,
        h.chance(0.1) ? null : h.pick(forged),
        "forged token");
  }

  private FuzzRequest userById() {
    String id = h.userId();
    return request(
        "GET /users/{id}", "GET", "/users/" + Hostile.enc(id), null, null, maybeAuth(), "id=" + id);
  }

  private FuzzRequest userByName() {
    String name = h.chance(0.2) ? null : h.string();
    String query =
        name == null
            ? h.pick(List.of("", "?", "?username", "?username=&username=x", "?user=x"))
            : "?username=" + Hostile.enc(name);
    return request(
        "GET /users?username=",
        "GET",
        "/users" + query,
        null,
        null,
        maybeAuth(),
        "username=" + name);
  }

  private FuzzRequest me() {
    String header = h.pick(forged);
    if (h.chance(0.3) && header.startsWith("Bearer ")) {
      // A token in the query must not authenticate (only the Authorization header does).
      return request(
          "GET /me",
          "GET",
          "/me?access_token=" + Hostile.enc(header.substring(7)),
          null,
          null,
          null,
          "forged token in the query");
    }
    return request("GET /me", "GET", "/me", null, null, header, "forged token");
  }

  private FuzzRequest patchMe() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("displayName", h.string());
    fields.put("bio", h.string());
    return json("PATCH /me", "PATCH", "/me", bodies.invalid(fields), authOrForged());
  }

  private FuzzRequest follow() {
    String id = h.userId();
    return request(
        "PUT /me/following/{id}",
        "PUT",
        "/me/following/" + Hostile.enc(id),
        null,
        null,
        authOrForged(),
        "id=" + id);
  }

  private FuzzRequest unfollow() {
    String id = h.userId();
    return request(
        "DELETE /me/following/{id}",
        "DELETE",
        "/me/following/" + Hostile.enc(id),
        null,
        null,
        authOrForged(),
        "id=" + id);
  }

  /** PUT or DELETE of a block or mute; targets are never real users, as for follows. */
  private FuzzRequest blockOrMute() {
    String list = h.chance(0.5) ? "blocks" : "mutes";
    String method = h.chance(0.5) ? "PUT" : "DELETE";
    String id = h.userId();
    return request(
        method + " /me/" + list + "/{id}",
        method,
        "/me/" + list + "/" + Hostile.enc(id),
        null,
        null,
        authOrForged(),
        "id=" + id);
  }

  private FuzzRequest blocksOrMutes() {
    String list = h.chance(0.5) ? "blocks" : "mutes";
    String limit = h.limit();
    String cursor = h.cursor();
    return request(
        "GET /me/" + list,
        "GET",
        "/me/" + list + "?limit=" + Hostile.enc(limit) + "&cursor=" + Hostile.enc(cursor),
        null,
        null,
        authOrForged(),
        "limit=" + limit + " cursor=" + cursor);
  }

  private FuzzRequest followers() {
    String which = h.chance(0.5) ? "followers" : "following";
    String id = h.chance(0.6) ? meId : h.userId();
    StringBuilder query = new StringBuilder();
    String limit = h.chance(0.7) ? h.limit() : null;
    String cursor = h.chance(0.7) ? h.cursor() : null;
    if (limit != null) {
      query.append("&limit=").append(Hostile.enc(limit));
    }
    if (cursor != null) {
      query.append("&cursor=").append(Hostile.enc(cursor));
    }
    if (query.length() == 0 || id.equals(meId) && limit == null && cursor == null) {
      query.append("&limit=").append(Hostile.enc(h.limit()));
    }
    return request(
        "GET /users/{id}/" + which,
        "GET",
        "/users/" + Hostile.enc(id) + "/" + which + "?" + query.substring(1),
        null,
        null,
        maybeAuth(),
        "id=" + id + " limit=" + limit + " cursor=" + cursor);
  }

  private FuzzRequest relationships() {
    String ids;
    switch (h.nextInt(6)) {
      case 0:
        ids = String.join(",", java.util.Collections.nCopies(101 + h.nextInt(1000), "1"));
        break;
      case 1:
        ids = meId + ",," + meId;
        break;
      case 2:
        ids = ",";
        break;
      case 3:
        ids = meId + "," + h.userId();
        break;
      case 4:
        ids = h.string();
        break;
      default:
        ids = h.userId() + "," + h.userId();
    }
    String query = h.chance(0.1) ? "" : "?ids=" + Hostile.enc(ids);
    return request(
        "GET /me/relationships",
        "GET",
        "/me/relationships" + query,
        null,
        null,
        authOrForged(),
        "ids=" + ids);
  }

  private FuzzRequest suggestions() {
    String limit = h.limit();
    return request(
        "GET /me/suggestions",
        "GET",
        "/me/suggestions?limit=" + Hostile.enc(limit),
        null,
        null,
        authOrForged(),
        "limit=" + limit);
  }

  private FuzzRequest changePassword() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("currentPassword", "wrong " + h.string());
    fields.put("newPassword", h.chance(0.5) ? "a brand new password" : h.string());
    return json(
        "PUT /me/password",
        "PUT",
        "/me/password",
        new Bodies.Body(
            "wrong current password",
            Bodies.bytes(
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields).toString())),
        "Bearer " + token);
  }

  private FuzzRequest changePasswordMalformed() {
    return json(
        "PUT /me/password",
        "PUT",
        "/me/password",
        bodies.invalid(Map.of("currentPassword", "pw", "newPassword", "a brand new password")),
        authOrForged());
  }

  private FuzzRequest deleteAccount() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("password", "wrong " + h.string());
    return json(
        "DELETE /me",
        "DELETE",
        "/me",
        new Bodies.Body(
            "wrong password",
            Bodies.bytes(
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields).toString())),
        h.chance(0.9) ? "Bearer " + token : h.pick(forged));
  }

  private FuzzRequest deleteAccountMalformed() {
    // Bodies.invalid never yields the real password: "pw" is not it.
    return json(
        "DELETE /me", "DELETE", "/me", bodies.invalid(Map.of("password", "pw")), authOrForged());
  }

  private FuzzRequest notifications() {
    StringBuilder query = new StringBuilder();
    String limit = h.chance(0.7) ? h.limit() : null;
    String cursor = h.chance(0.7) ? h.cursor() : null;
    if (limit != null) {
      query.append("&limit=").append(Hostile.enc(limit));
    }
    if (cursor != null) {
      query.append("&cursor=").append(Hostile.enc(cursor));
    }
    return request(
        "GET /me/notifications",
        "GET",
        "/me/notifications" + (query.length() == 0 ? "" : "?" + query.substring(1)),
        null,
        null,
        authOrForged(),
        "limit=" + limit + " cursor=" + cursor);
  }

  private FuzzRequest markNotificationsRead() {
    Bodies.Body body = bodies.invalid(Map.of("a", 1));
    return request(
        "POST /me/notifications/read",
        "POST",
        "/me/notifications/read",
        h.chance(0.5) ? body.bytes() : null,
        h.chance(0.5) ? "application/json" : null,
        authOrForged(),
        body.what());
  }

  private FuzzRequest postVent() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("text", "a vent");
    fields.put("audience", h.pick(List.of("public", "followers", "mutuals")));
    fields.put("expiresInSeconds", 3600);
    return json("POST /vents", "POST", "/vents", bodies.invalid(fields), authOrForged());
  }

  private FuzzRequest ventById() {
    String id = h.ventId(meId);
    return request(
        "GET /vents/{id}", "GET", "/vents/" + Hostile.enc(id), null, null, maybeAuth(), "id=" + id);
  }

  private FuzzRequest deleteVent() {
    String id = h.ventId(meId);
    return request(
        "DELETE /vents/{id}",
        "DELETE",
        "/vents/" + Hostile.enc(id),
        null,
        null,
        authOrForged(),
        "id=" + id);
  }

  private FuzzRequest userVents() {
    String id = h.chance(0.6) ? meId : h.userId();
    String limit = h.chance(0.7) ? h.limit() : null;
    String cursor = h.chance(0.7) ? h.cursor() : null;
    return request(
        "GET /users/{id}/vents",
        "GET",
        "/users/" + Hostile.enc(id) + "/vents" + pageQuery(limit, cursor),
        null,
        null,
        maybeAuth(),
        "id=" + id + " limit=" + limit + " cursor=" + cursor);
  }

  private FuzzRequest timeline() {
    String limit = h.chance(0.7) ? h.limit() : null;
    String cursor = h.chance(0.7) ? h.cursor() : null;
    return request(
        "GET /me/timeline",
        "GET",
        "/me/timeline" + pageQuery(limit, cursor),
        null,
        null,
        authOrForged(),
        "limit=" + limit + " cursor=" + cursor);
  }

  /** {@code ?limit=..&cursor=..} with the parameters that are not null, or empty. */
  private static String pageQuery(String limit, String cursor) {
    StringBuilder query = new StringBuilder();
    if (limit != null) {
      query.append("&limit=").append(Hostile.enc(limit));
    }
    if (cursor != null) {
      query.append("&cursor=").append(Hostile.enc(cursor));
    }
    return query.length() == 0 ? "" : "?" + query.substring(1);
  }

  private FuzzRequest wrongMethod() {
    String[][] routes = {
      {"DELETE", "/captchas"},
      {"GET", "/captchas"},
      {"PUT", "/users"},
      {"DELETE", "/users/1"},
      {"POST", "/users/1"},
      {"GET", "/sessions"},
      {"PATCH", "/sessions/refresh"},
      {"POST", "/me"},
      {"PUT", "/me"},
      {"POST", "/me/following/1"},
      {"GET", "/me/following/1"},
      {"POST", "/me/suggestions"},
      {"TRACE", "/me"},
      {"PROPFIND", "/users"},
      {"PATCH", "/users/1/followers"},
      {"GET", "/me/notifications/read"},
      {"DELETE", "/me/notifications"},
      {"PUT", "/vents"},
      {"GET", "/vents"},
      {"PATCH", "/vents/1-a"},
      {"POST", "/vents/1-a"},
      {"POST", "/me/timeline"},
      {"DELETE", "/users/1/vents"}
    };
    String[] route = h.pick(routes);
    return request(
        "wrong method",
        route[0],
        route[1],
        h.chance(0.5) ? Bodies.bytes("{}") : null,
        h.chance(0.5) ? "application/json" : null,
        maybeAuth(),
        route[0] + " " + route[1]);
  }

  private FuzzRequest unknownRoute() {
    String path =
        h.pick(
            List.of(
                "/admin",
                "/users/1/../../admin",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/me/following",
                "/users/1/followers/1",
                "/users//followers",
                "/.env",
                "/users/" + "9".repeat(10_000),
                "/me;jsessionid=1",
                "/users/%00",
                "/users/%ff%fe",
                "/users/1%2F..%2F2",
                "/me/following/%20",
                "/captchas/" + h.nextInt(100)));
    return request(
        "unknown route",
        h.pick(List.of("GET", "POST", "PUT", "DELETE")),
        path,
        null,
        null,
        maybeAuth(),
        "path");
  }

  /** A JSON request with a sometimes wrong Content-Type. */
  private FuzzRequest json(
      String endpoint, String method, String path, Bodies.Body body, String authorization) {
    String type =
        h.chance(0.85)
            ? "application/json"
            : h.pick(
                List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16",
                    "application/json; charset=nonsense",
                    "application/json; charset=ebcdic-cp-us",
                    "application/problem+json",
                    "*/*",
                    "application/",
                    "json",
                    "application/json;;;",
                    "application/vnd.api+json"));
    return request(endpoint, method, path, body.bytes(), type, authorization, body.what());
  }

  private FuzzRequest request(
      String endpoint,
      String method,
      String path,
      byte[] body,
      String contentType,
      String authorization,
      String what) {
    String accept =
        h.chance(0.85)
            ? null
            : h.pick(
                List.of(
                    "text/html",
                    "application/xml",
                    "image/png",
                    "*/*",
                    "application/problem+json",
                    "text/plain;q=1, application/json;q=0",
                    "garbage/",
                    ""));
    boolean credentialRefused =
        AUTHENTICATED.contains(endpoint)
            && reachesRoute(path)
            && !("Bearer " + token).equals(authorization);
    return new FuzzRequest(
        endpoint, method, path, body, contentType, authorization, accept, what, credentialRefused);
  }

  /**
   * Whether the path can reach its route at all: an empty path parameter (e.g. {@code
   * /me/following/}) leaves an empty segment that no route matches, so Jersey answers 404 before
   * any authentication and no 401 is owed.
   */
  private static boolean reachesRoute(String path) {
    String p = path.split("\\?", 2)[0];
    return !p.endsWith("/") && !p.contains("//");
  }

  private String authOrForged() {
    return h.chance(0.75) ? "Bearer " + token : h.pick(forged);
  }

  private String maybeAuth() {
    return h.chance(0.8) ? null : authOrForged();
  }
}
