package vent.web.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.web.resources.ProblemAssert.json;
import static vent.web.resources.ProblemAssert.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vent.relation.v1.FollowRequest;
import dev.vent.user.v1.User;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.StringJoiner;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.auth.TestKeys;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

@ExtendWith(DropwizardExtensionsSupport.class)
class MeResourceTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes);
  private User me;
  private String token;

  @BeforeEach
  void signIn() {
    me = fakes.addUser("myself");
    token = fakes.tokenOf(me);
  }

  /**
   * A request to {@code path} ({@code ?name=value} parameters allowed) with the given bearer token.
   */
  private Invocation.Builder as(String path, String bearer) {
    String[] pathAndQuery = path.split("\\?", 2);
    var target = api.target(pathAndQuery[0]);
    if (pathAndQuery.length == 2) {
      String[] nameValue = pathAndQuery[1].split("=", 2);
      target = target.queryParam(nameValue[0], nameValue[1]);
    }
    Invocation.Builder request = target.request();
    return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
  }

  private void follow(User who, User whom) {
    fakes.relations.follow(
        FollowRequest.newBuilder().setFollowerId(who.getId()).setFolloweeId(whom.getId()).build());
  }

  @Test
  void meIsTheTokensUserWithCounts() {
    JsonNode profile = json(as("/me", token).get(), 200);
    assertThat(profile.get("id").asText()).isEqualTo(me.getId());
    assertThat(profile.get("username").asText()).isEqualTo("myself");
    assertThat(profile.get("followersCount").asLong()).isZero();
  }

  @Test
  void missingTokensAreUnauthenticatedAndBadOnesInvalid() {
    Response missing = as("/me", null).get();
    assertThat(missing.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"vent\"");
    problem(missing, 401, "UNAUTHENTICATED");
    problem(
        api.target("/me").request().header("Authorization", "Basic YTpi").get(),
        401,
        "UNAUTHENTICATED");
    Response garbage = as("/me", "garbage").get();
    assertThat(garbage.getHeaderString("WWW-Authenticate")).contains("invalid_token");
    problem(garbage, 401, "TOKEN_INVALID");
    String forged = TestKeys.token(TestKeys.newKey("test-key"), me.getId(), "s");
    problem(as("/me", forged).get(), 401, "TOKEN_INVALID");
    problem(as("/me/suggestions", null).get(), 401, "UNAUTHENTICATED");
    problem(as("/me/following/1", null).put(Entity.json("")), 401, "UNAUTHENTICATED");
    problem(as("/sessions", null).delete(), 401, "UNAUTHENTICATED");
  }

  @Test
  void patchChangesOnlyTheGivenFields() {
    JsonNode patched =
        json(as("/me", token).method("PATCH", Entity.json("{\"bio\":\"hello\"}")), 200);
    assertThat(patched.get("bio").asText()).isEqualTo("hello");
    assertThat(patched.get("displayName").asText()).isEqualTo("Name of myself");
    assertThat(patched.get("followingCount").asLong()).isZero();
  }

  @Test
  void patchRefusesEmptyUnknownAndOutOfRangeFieldsWithTheRulesReasons() {
    JsonNode nothing =
        problem(as("/me", token).method("PATCH", Entity.json("{}")), 400, "VALIDATION_FAILED");
    assertThat(nothing.get("errors").get(0).get("field").asText()).isEqualTo("body");
    JsonNode emptyName =
        problem(
            as("/me", token).method("PATCH", Entity.json("{\"displayName\":\"\"}")),
            400,
            "INVALID_DISPLAY_NAME");
    assertThat(emptyName.get("errors").get(0).get("field").asText()).isEqualTo("displayName");
    problem(
        as("/me", token).method("PATCH", Entity.json("{\"bio\":\"" + "b".repeat(161) + "\"}")),
        400,
        "INVALID_BIO");
    problem(
        as("/me", token).method("PATCH", Entity.json("{\"username\":\"hijack\"}")),
        400,
        "INVALID_FIELD");
    problem(
        as("/me", null).method("PATCH", Entity.json("{\"displayName\":\"x\"}")),
        401,
        "UNAUTHENTICATED");
  }

  @Test
  void patchCountsCodePointsAsTheProviderDoes() {
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
    JsonNode patched =
        json(
            as("/me", token)
                .method(
                    "PATCH",
                    Entity.json(
                        "{\"displayName\":\""
                            + emoji.repeat(50)
                            + "\",\"bio\":\""
                            + emoji.repeat(160)
                            + "\"}")),
            200);
    assertThat(patched.get("displayName").asText()).isEqualTo(emoji.repeat(50));
    JsonNode tooLong =
        problem(
            as("/me", token)
                .method("PATCH", Entity.json("{\"displayName\":\"" + emoji.repeat(51) + "\"}")),
            400,
            "INVALID_DISPLAY_NAME");
    assertThat(tooLong.get("errors").get(0).get("field").asText()).isEqualTo("displayName");
  }

  @Test
  void patchRefusesFormatCharactersWithTheRulesReasons() {
    for (String text : new String[] {"evil\u202Egnp.exe", "a\u200Bb", "\uFEFFname"}) {
      JsonNode name =
          problem(
              as("/me", token).method("PATCH", Entity.json("{\"displayName\":\"" + text + "\"}")),
              400,
              "INVALID_DISPLAY_NAME");
      assertThat(name.get("errors").get(0).get("field").asText()).isEqualTo("displayName");
      JsonNode bio =
          problem(
              as("/me", token).method("PATCH", Entity.json("{\"bio\":\"" + text + "\"}")),
              400,
              "INVALID_BIO");
      assertThat(bio.get("errors").get(0).get("field").asText()).isEqualTo("bio");
    }
  }

  @Test
  void followChecksTheTargetAndIsIdempotent() {
    User bob = fakes.addUser("bob");
    assertThat(as("/me/following/" + bob.getId(), token).put(Entity.json("")).getStatus())
        .isEqualTo(204);
    assertThat(as("/me/following/" + bob.getId(), token).put(Entity.json("")).getStatus())
        .isEqualTo(204);
    assertThat(
            json(api.target("/users/" + bob.getId()).request().get(), 200)
                .get("followersCount")
                .asLong())
        .isEqualTo(1);

    problem(
        as("/me/following/" + me.getId(), token).put(Entity.json("")), 400, "CANNOT_FOLLOW_SELF");
    problem(as("/me/following/999999999999", token).put(Entity.json("")), 404, "USER_NOT_FOUND");
    problem(as("/me/following/abc", token).put(Entity.json("")), 400, "INVALID_USER_ID");

    assertThat(as("/me/following/" + bob.getId(), token).delete().getStatus()).isEqualTo(204);
    assertThat(as("/me/following/" + bob.getId(), token).delete().getStatus()).isEqualTo(204);
    problem(as("/me/following/abc", token).delete(), 400, "INVALID_USER_ID");
    assertThat(
            json(api.target("/users/" + bob.getId()).request().get(), 200)
                .get("followersCount")
                .asLong())
        .isZero();
  }

  @Test
  void relationshipsFollowTheRequestOrder() {
    User bob = fakes.addUser("bob");
    User carol = fakes.addUser("carol");
    follow(me, bob);
    follow(bob, me);
    follow(carol, me);
    JsonNode relationships =
        json(as("/me/relationships?ids=" + bob.getId() + "," + carol.getId(), token).get(), 200);
    assertThat(relationships).hasSize(2);
    assertThat(relationships.get(0).get("id").asText()).isEqualTo(bob.getId());
    assertThat(relationships.get(0).get("following").asBoolean()).isTrue();
    assertThat(relationships.get(0).get("followedBy").asBoolean()).isTrue();
    assertThat(relationships.get(1).get("following").asBoolean()).isFalse();
    assertThat(relationships.get(1).get("followedBy").asBoolean()).isTrue();
  }

  @Test
  void relationshipsRefuseBadIdLists() {
    problem(as("/me/relationships", token).get(), 400, "VALIDATION_FAILED");
    problem(as("/me/relationships?ids=", token).get(), 400, "VALIDATION_FAILED");
    problem(as("/me/relationships?ids=abc", token).get(), 400, "INVALID_USER_ID");
    problem(as("/me/relationships?ids=1,,2", token).get(), 400, "INVALID_USER_ID");
    StringJoiner many = new StringJoiner(",");
    for (int i = 1; i <= 101; i++) {
      many.add(String.valueOf(i));
    }
    problem(as("/me/relationships?ids=" + many, token).get(), 400, "TOO_MANY_IDS");
  }

  @Test
  void suggestionsAreHydratedAndRanked() {
    User bob = fakes.addUser("bob");
    User carol = fakes.addUser("carol");
    User frank = fakes.addUser("frank");
    User gina = fakes.addUser("gina");
    follow(me, bob);
    follow(me, carol);
    follow(bob, frank);
    follow(carol, frank);
    follow(bob, gina);
    JsonNode suggestions = json(as("/me/suggestions?limit=10", token).get(), 200);
    assertThat(suggestions).hasSize(2);
    assertThat(suggestions.get(0).get("user").get("username").asText()).isEqualTo("frank");
    assertThat(suggestions.get(0).get("mutualCount").asInt()).isEqualTo(2);
    assertThat(suggestions.get(1).get("user").get("id").asText()).isEqualTo(gina.getId());
    problem(as("/me/suggestions?limit=1000", token).get(), 400, "INVALID_LIMIT");
  }

  @Test
  void logoutEndsTheTokensSession() {
    assertThat(as("/sessions", token).delete().getStatus()).isEqualTo(204);
    assertThat(fakes.auth.loggedOut).containsExactly(me.getId() + "/session-" + me.getId());
  }

  @Test
  void loginAndRefreshPassTheProvidersAnswersThrough() {
    JsonNode tokens =
        json(
            api.target("/sessions")
                .request()
                .post(
                    Entity.json(
                        "{\"username\":\"MYSELF\",\"password\":\""
                            + FakeProviders.PASSWORD
                            + "\"}")),
            200);
    assertThat(tokens.get("accessToken").asText()).isNotBlank();
    assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
    assertThat(fakes.auth.lastClientIp).isNotNull();

    problem(
        api.target("/sessions")
            .request()
            .post(Entity.json("{\"username\":\"myself\",\"password\":\"nope\"}")),
        401,
        "INVALID_CREDENTIALS");
    problem(
        api.target("/sessions").request().post(Entity.json("{\"username\":\"myself\"}")),
        400,
        "VALIDATION_FAILED");
    problem(
        api.target("/sessions/refresh").request().post(Entity.json("{}")),
        400,
        "VALIDATION_FAILED");
    problem(
        api.target("/sessions/refresh").request().post(Entity.json("{\"refreshToken\":\"x\"}")),
        401,
        "REFRESH_TOKEN_INVALID");
  }

  private Response deleteMe(String bearer, String body) {
    // Jersey's client refuses a DELETE with a body unless told to; HTTP allows one (RFC 9110
    // 9.3.5).
    Invocation.Builder request =
        as("/me", bearer).property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true);
    return body == null ? request.delete() : request.build("DELETE", Entity.json(body)).invoke();
  }

  @Test
  void deleteAccountChecksThePasswordThenTokensStopWorking() {
    problem(deleteMe(token, "{\"password\":\"wrong password\"}"), 401, "INVALID_CREDENTIALS");
    assertThat(json(as("/me", token).get(), 200).get("id").asText()).isEqualTo(me.getId());

    assertThat(deleteMe(token, "{\"password\":\"" + FakeProviders.PASSWORD + "\"}").getStatus())
        .isEqualTo(204);
    // The fake auth records the deletion as vent-web's event tail would: the still-unexpired JWT is
    // refused.
    Response after = as("/me", token).get();
    assertThat(after.getHeaderString("WWW-Authenticate")).contains("invalid_token");
    problem(after, 401, "TOKEN_INVALID");
    problem(
        deleteMe(token, "{\"password\":\"" + FakeProviders.PASSWORD + "\"}"), 401, "TOKEN_INVALID");
    problem(api.target("/users/" + me.getId()).request().get(), 404, "USER_NOT_FOUND");
  }

  @Test
  void deleteAccountRefusesMissingBlankAndMalformedPasswords() {
    JsonNode none = problem(deleteMe(token, null), 400, "VALIDATION_FAILED");
    assertThat(none.get("errors").get(0).get("field").asText()).isEqualTo("body");
    JsonNode missing = problem(deleteMe(token, "{}"), 400, "VALIDATION_FAILED");
    assertThat(missing.get("errors").get(0).get("field").asText()).isEqualTo("password");
    JsonNode blank = problem(deleteMe(token, "{\"password\":\"  \"}"), 400, "VALIDATION_FAILED");
    assertThat(blank.get("errors").get(0).get("field").asText()).isEqualTo("password");
    problem(deleteMe(token, "{\"password\":"), 400, "MALFORMED_JSON");
    problem(deleteMe(token, "{\"password\":42}"), 400, "INVALID_FIELD");
    problem(deleteMe(token, "{\"password\":\"x\",\"userId\":\"1\"}"), 400, "INVALID_FIELD");
    problem(
        deleteMe(null, "{\"password\":\"" + FakeProviders.PASSWORD + "\"}"),
        401,
        "UNAUTHENTICATED");
    assertThat(json(as("/me", token).get(), 200).get("id").asText()).isEqualTo(me.getId());
  }

  @Test
  void aTokenInTheQueryIsNotAccepted() {
    problem(
        api.target("/me").queryParam("access_token", token).request().get(),
        401,
        "UNAUTHENTICATED");
    problem(
        api.target("/me/notifications").queryParam("access_token", token).request().get(),
        401,
        "UNAUTHENTICATED");
    json(as("/me", token).get(), 200);
  }

  @Test
  void passwordChecksPassTheCaptchaOnOnceOneIsRequired() {
    fakes.auth.captchaRequired.add(me.getId());
    String change =
        "{\"currentPassword\":\"" + FakeProviders.PASSWORD + "\",\"newPassword\":\"another horse\"";
    problem(as("/me/password", token).put(Entity.json(change + "}")), 400, "CAPTCHA_REQUIRED");
    problem(
        as("/me/password", token)
            .put(Entity.json(change + ",\"captchaId\":\"c1\",\"captchaAnswer\":\"no\"}")),
        400,
        "CAPTCHA_INVALID");
    json(
        as("/me/password", token)
            .put(
                Entity.json(
                    change
                        + ",\"captchaId\":\"c1\",\"captchaAnswer\":\""
                        + FakeProviders.CAPTCHA_ANSWER
                        + "\"}")),
        200);
    problem(
        as("/me/password", token).put(Entity.json(change + ",\"captchaId\":42}")),
        400,
        "INVALID_FIELD");

    String delete = "{\"password\":\"" + FakeProviders.PASSWORD + "\"";
    problem(deleteMe(token, delete + "}"), 400, "CAPTCHA_REQUIRED");
    problem(
        deleteMe(token, delete + ",\"captchaId\":\"c1\",\"captchaAnswer\":\"no\"}"),
        400,
        "CAPTCHA_INVALID");
    assertThat(
            deleteMe(
                    token,
                    delete
                        + ",\"captchaId\":\"c1\",\"captchaAnswer\":\""
                        + FakeProviders.CAPTCHA_ANSWER
                        + "\"}")
                .getStatus())
        .isEqualTo(204);
  }
}
