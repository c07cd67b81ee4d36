package vent.web.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.web.resources.ProblemAssert.json;
import static vent.web.resources.ProblemAssert.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vent.user.v1.User;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

@ExtendWith(DropwizardExtensionsSupport.class)
class UserResourceTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes);

  private Response post(String path, String body) {
    return api.target(path).request().post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }

  private static String registration(String username, String answer) {
    return "{\"username\":\""
        + username
        + "\",\"password\":\""
        + FakeProviders.PASSWORD
        + "\",\"displayName\":\"D\",\"captchaId\":\"c1\",\"captchaAnswer\":\""
        + answer
        + "\"}";
  }

  @Test
  void registerAnswers201WithUserAndTokens() {
    Response response = post("/users", registration("alice", FakeProviders.CAPTCHA_ANSWER));
    assertThat(response.getHeaderString("Location")).endsWith("/users/101");
    assertThat(response.getHeaderString("Cache-Control")).contains("no-store");
    JsonNode body = json(response, 201);
    assertThat(body.get("user").get("id").asText()).isEqualTo("101");
    assertThat(body.get("user").get("username").asText()).isEqualTo("alice");
    assertThat(body.get("user").get("createdAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(body.get("user").has("followersCount")).isFalse();
    assertThat(body.get("accessToken").asText()).isNotBlank();
    assertThat(body.get("refreshToken").asText()).isEqualTo("refresh-101");
    assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
    assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
  }

  @Test
  void registrationFailuresKeepTheProvidersReasons() {
    problem(post("/users", registration("alice", "wrong")), 400, "CAPTCHA_INVALID");
    post("/users", registration("alice", FakeProviders.CAPTCHA_ANSWER)).close();
    JsonNode taken =
        problem(
            post("/users", registration("ALICE", FakeProviders.CAPTCHA_ANSWER)),
            409,
            "USERNAME_TAKEN");
    assertThat(taken.get("instance").asText()).isEqualTo("/users");
    JsonNode badName =
        problem(
            post("/users", registration("ab", FakeProviders.CAPTCHA_ANSWER)),
            400,
            "INVALID_USERNAME");
    assertThat(badName.get("errors").get(0).get("field").asText()).isEqualTo("username");
  }

  @Test
  void malformedBodiesAre400WithPreciseCodes() {
    problem(post("/users", "{\"username\": "), 400, "MALFORMED_JSON");
    problem(post("/users", "{oops"), 400, "MALFORMED_JSON");
    JsonNode empty = problem(post("/users", "{}"), 400, "VALIDATION_FAILED");
    List<String> fields = new ArrayList<>();
    empty.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields)
        .containsExactly("captchaAnswer", "captchaId", "displayName", "password", "username");

    JsonNode array = problem(post("/users", "[1,2]"), 400, "INVALID_FIELD");
    assertThat(array.get("errors").get(0).get("field").asText()).isEqualTo("body");
    JsonNode wrongType =
        problem(post("/users", "{\"username\":[1],\"password\":\"x\"}"), 400, "INVALID_FIELD");
    assertThat(wrongType.get("errors").get(0).get("field").asText()).isEqualTo("username");
    assertThat(wrongType.get("errors").get(0).get("message").asText())
        .isEqualTo("expected a string");
    JsonNode number = problem(post("/users", "{\"username\":12345}"), 400, "INVALID_FIELD");
    assertThat(number.get("errors").get(0).get("field").asText()).isEqualTo("username");
    JsonNode unknown =
        problem(
            post("/users", registration("bob", "ok").replace("}", ",\"isAdmin\":true}")),
            400,
            "INVALID_FIELD");
    assertThat(unknown.get("errors").get(0).get("field").asText()).isEqualTo("isAdmin");
    assertThat(unknown.get("errors").get(0).get("message").asText()).isEqualTo("unknown field");
    problem(post("/users", "{\"username\":\"a\",\"username\":\"b\"}"), 400, "MALFORMED_JSON");
    problem(post("/users", "{} {}"), 400, "INVALID_FIELD");
  }

  @Test
  void registrationRefusesAFormatCharacterInTheDisplayNameAndCountsCodePointsBeforeTheCall() {
    String rtl =
        registration("mallory", FakeProviders.CAPTCHA_ANSWER)
            .replace("\"D\"", "\"admin\u202Enimda\"");
    JsonNode bidi = problem(post("/users", rtl), 400, "INVALID_DISPLAY_NAME");
    assertThat(bidi.get("errors").get(0).get("field").asText()).isEqualTo("displayName");
    String emoji = "\uD83D\uDE00";
    assertThat(
            post(
                    "/users",
                    registration("zoe", FakeProviders.CAPTCHA_ANSWER)
                        .replace("\"D\"", "\"" + emoji.repeat(50) + "\""))
                .getStatus())
        .isEqualTo(201);
    JsonNode tooLong =
        problem(
            post(
                "/users",
                registration("zoe2", FakeProviders.CAPTCHA_ANSWER)
                    .replace("\"D\"", "\"" + emoji.repeat(51) + "\"")),
            400,
            "INVALID_DISPLAY_NAME");
    assertThat(tooLong.get("errors").get(0).get("field").asText()).isEqualTo("displayName");
  }

  @Test
  void anEmptyBodyIs400() {
    JsonNode empty = problem(post("/users", ""), 400, "VALIDATION_FAILED");
    assertThat(empty.get("errors").get(0).get("field").asText()).isEqualTo("body");
    problem(post("/users", "null"), 400, "VALIDATION_FAILED");
  }

  @Test
  void otherContentTypesAre415() {
    problem(
        api.target("/users").request().post(Entity.entity("username=x", MediaType.TEXT_PLAIN_TYPE)),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void profileHasCountsFetchedInParallel() {
    User alice = fakes.addUser("alice");
    User bob = fakes.addUser("bob");
    User carol = fakes.addUser("carol");
    fakes.relations.follow(
        dev.vent.relation.v1.FollowRequest.newBuilder()
            .setFollowerId(bob.getId())
            .setFolloweeId(alice.getId())
            .build());
    fakes.relations.follow(
        dev.vent.relation.v1.FollowRequest.newBuilder()
            .setFollowerId(carol.getId())
            .setFolloweeId(alice.getId())
            .build());
    fakes.relations.follow(
        dev.vent.relation.v1.FollowRequest.newBuilder()
            .setFollowerId(alice.getId())
            .setFolloweeId(bob.getId())
            .build());

    JsonNode profile = json(api.target("/users/" + alice.getId()).request().get(), 200);
    assertThat(profile.get("id").asText()).isEqualTo(alice.getId());
    assertThat(profile.get("displayName").asText()).isEqualTo("Name of alice");
    assertThat(profile.get("bio").asText()).isEmpty();
    assertThat(profile.get("followersCount").asLong()).isEqualTo(2);
    assertThat(profile.get("followingCount").asLong()).isEqualTo(1);

    JsonNode byName =
        json(api.target("/users").queryParam("username", "ALICE").request().get(), 200);
    assertThat(byName.get("id").asText()).isEqualTo(alice.getId());
    assertThat(byName.get("followersCount").asLong()).isEqualTo(2);
  }

  @Test
  void profileLookupsRefuseBadIdsAndReportMissingUsers() {
    problem(api.target("/users/abc").request().get(), 400, "INVALID_USER_ID");
    problem(api.target("/users/-1").request().get(), 400, "INVALID_USER_ID");
    problem(api.target("/users/999999999999").request().get(), 404, "USER_NOT_FOUND");
    problem(api.target("/users").request().get(), 400, "VALIDATION_FAILED");
    problem(
        api.target("/users").queryParam("username", "ghost").request().get(),
        404,
        "USER_NOT_FOUND");
  }

  @Test
  void followersArePagedNewestFirstAndHydratedInOneBatch() {
    User star = fakes.addUser("star");
    List<User> fans = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      User fan = fakes.addUser("fan" + i);
      fakes.relations.follow(
          dev.vent.relation.v1.FollowRequest.newBuilder()
              .setFollowerId(fan.getId())
              .setFolloweeId(star.getId())
              .build());
      fans.add(fan);
    }
    JsonNode page1 =
        json(
            api.target("/users/" + star.getId() + "/followers")
                .queryParam("limit", "3")
                .request()
                .get(),
            200);
    assertThat(ids(page1))
        .containsExactly(fans.get(4).getId(), fans.get(3).getId(), fans.get(2).getId());
    assertThat(page1.get("items").get(0).get("username").asText()).isEqualTo("fan4");
    assertThat(fakes.users.batchCalls).isEqualTo(1);

    JsonNode page2 =
        json(
            api.target("/users/" + star.getId() + "/followers")
                .queryParam("limit", "3")
                .queryParam("cursor", page1.get("nextCursor").asText())
                .request()
                .get(),
            200);
    assertThat(ids(page2)).containsExactly(fans.get(1).getId(), fans.get(0).getId());
    assertThat(page2.has("nextCursor")).isTrue();
    assertThat(page2.get("nextCursor").isNull()).isTrue();

    JsonNode following =
        json(api.target("/users/" + fans.get(0).getId() + "/following").request().get(), 200);
    assertThat(ids(following)).containsExactly(star.getId());
  }

  @Test
  void followerListsRefuseBadParameters() {
    User user = fakes.addUser("user");
    String base = "/users/" + user.getId() + "/followers";
    for (String limit : List.of("0", "101", "-5", "ten", "99999999999999999999", "1.5")) {
      problem(api.target(base).queryParam("limit", limit).request().get(), 400, "INVALID_LIMIT");
    }
    problem(
        api.target("/users/" + user.getId() + "/following")
            .queryParam("limit", "ten")
            .request()
            .get(),
        400,
        "INVALID_LIMIT");
    problem(
        api.target(base).queryParam("cursor", "' OR 1=1").request().get(), 400, "INVALID_CURSOR");
    problem(api.target("/users/999999999999/followers").request().get(), 404, "USER_NOT_FOUND");
    problem(
        api.target("/users/999999999999/followers").queryParam("cursor", "bad").request().get(),
        404,
        "USER_NOT_FOUND");
    json(api.target(base).queryParam("limit", "100").request().get(), 200);
  }

  @Test
  void unknownRoutesAndMethodsAreProblems() {
    problem(api.target("/nope").request().get(), 404, "NOT_FOUND");
    Response notAllowed = api.target("/captchas").request().delete();
    assertThat(notAllowed.getHeaderString("Allow")).contains("POST");
    problem(notAllowed, 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void captchasAreDataUrls() {
    JsonNode captcha = json(api.target("/captchas").request().post(Entity.json("{}")), 201);
    assertThat(captcha.get("id").asText()).hasSize(32);
    assertThat(captcha.get("image").asText()).startsWith("data:image/png;base64,iVBORw");
    assertThat(captcha.get("expiresAt").asText()).isEqualTo("2100-01-01T00:00:00Z");
    json(api.target("/captchas").request().post(null), 201);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
