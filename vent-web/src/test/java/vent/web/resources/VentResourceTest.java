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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/** The vent routes over fake providers: {@code /vents}, {@code /users/{id}/vents}, timelines. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VentResourceTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes, false, false);
  private User me;
  private User fan;
  private User stranger;

  @BeforeEach
  void users() {
    me = fakes.addUser("author");
    fan = fakes.addUser("fan");
    stranger = fakes.addUser("stranger");
    follow(fan, me);
  }

  @Test
  void postingAnswers201WithLocationAndTheItem() {
    Response created = post(me, Map.of("text", "hello\nworld", "audience", "public"));
    JsonNode vent = json(created, 201);
    String id = vent.get("id").asText();
    assertThat(created.getLocation().getPath()).endsWith("/vents/" + id);
    assertThat(vent.get("author").get("id").asText()).isEqualTo(me.getId());
    assertThat(vent.get("author").get("username").asText()).isEqualTo("author");
    assertThat(vent.get("text").asText()).isEqualTo("hello\nworld");
    assertThat(vent.get("audience").asText()).isEqualTo("public");
    assertThat(vent.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(vent.has("expiresAt")).isTrue();
    assertThat(vent.get("expiresAt").isNull()).isTrue();
    assertThat(vent.get("mentions")).isEmpty();
    assertThat(json(get("/vents/" + id, null), 200)).isEqualTo(vent);
  }

  @Test
  void anExpiringVentSaysWhenItExpires() {
    JsonNode vent =
        json(
            post(
                me, Map.of("text", "soon gone", "audience", "followers", "expiresInSeconds", 3600)),
            201);
    Instant created = Instant.parse(vent.get("createdAt").asText());
    assertThat(Instant.parse(vent.get("expiresAt").asText())).isEqualTo(created.plusSeconds(3600));
    assertThat(vent.get("audience").asText()).isEqualTo("followers");
  }

  @Test
  void badBodiesGetTheReasonsOfTheIdl() {
    for (Object audience : new Object[] {"PUBLIC", "everyone", "", "Public"}) {
      problem(post(me, Map.of("text", "x", "audience", audience)), 400, "INVALID_AUDIENCE");
    }
    problem(post(me, Map.of("text", "x")), 400, "INVALID_AUDIENCE");
    for (long expiry : new long[] {0, -1, 3599, 2_592_001, 99_999_999_999L}) {
      JsonNode bad =
          problem(
              post(me, Map.of("text", "x", "audience", "public", "expiresInSeconds", expiry)),
              400,
              "INVALID_EXPIRY");
      assertThat(bad.get("errors").get(0).get("field").asText()).isEqualTo("expiresInSeconds");
    }
    for (String text : List.of("", "   ", "a\u0000b", "\u202egnp", "x".repeat(501))) {
      problem(post(me, Map.of("text", text, "audience", "public")), 400, "INVALID_TEXT");
    }
    problem(post(me, Map.of("audience", "public")), 400, "INVALID_TEXT");
    problem(
        post(me, Map.of("text", "x", "audience", "public", "authorId", "1")), 400, "INVALID_FIELD");
    problem(post(me, Map.of("text", 5, "audience", "public")), 400, "INVALID_FIELD");
    problem(
        authed(api.target("/vents").request(), me).post(Entity.json(null)),
        400,
        "VALIDATION_FAILED");
    problem(
        api.target("/vents").request().post(Entity.json(Map.of("text", "x", "audience", "public"))),
        401,
        "UNAUTHENTICATED");
    assertThat(json(get("/users/" + me.getId() + "/vents", null), 200).get("items")).isEmpty();
  }

  @Test
  void aVentIsVisibleToItsAudienceAndOtherwiseNotFound() {
    String everyone = id(post(me, Map.of("text", "all", "audience", "public")));
    String followers = id(post(me, Map.of("text", "fans", "audience", "followers")));
    String mutuals = id(post(me, Map.of("text", "friends", "audience", "mutuals")));

    json(get("/vents/" + everyone, null), 200);
    json(get("/vents/" + everyone, stranger), 200);
    json(get("/vents/" + followers, fan), 200);
    for (User viewer : new User[] {null, stranger}) {
      JsonNode hidden = problem(get("/vents/" + followers, viewer), 404, "VENT_NOT_FOUND");
      JsonNode missing =
          problem(get("/vents/" + me.getId() + "-zz", viewer), 404, "VENT_NOT_FOUND");
      assertThat(hidden.get("detail")).isEqualTo(missing.get("detail"));
    }
    problem(get("/vents/" + mutuals, fan), 404, "VENT_NOT_FOUND");
    follow(me, fan);
    json(get("/vents/" + mutuals, fan), 200);
    json(get("/vents/" + mutuals, me), 200);
  }

  @Test
  void idsAndTokensAreChecked() {
    for (String bad : List.of("abc", "1", "-1", "01-a", "1-", "1-ABC", "1-" + "a".repeat(14))) {
      problem(get("/vents/" + bad, null), 400, "INVALID_VENT_ID");
      problem(delete(bad, me), 400, "INVALID_VENT_ID");
    }
    problem(
        api.target("/vents/1-a").request().header("Authorization", "Bearer garbage").get(),
        401,
        "TOKEN_INVALID");
    problem(
        api.target("/vents/1-a").request().header("Authorization", "Basic eDp5").get(),
        401,
        "UNAUTHENTICATED");
    problem(
        api.target("/users/1/vents").request().header("Authorization", "Bearer garbage").get(),
        401,
        "TOKEN_INVALID");
    problem(api.target("/vents/1-a").request().delete(), 401, "UNAUTHENTICATED");
    problem(api.target("/me/timeline").request().get(), 401, "UNAUTHENTICATED");
  }

  @Test
  void onlyTheAuthorDeletes() {
    String id = id(post(me, Map.of("text", "mine", "audience", "public")));
    problem(delete(id, fan), 404, "VENT_NOT_FOUND");
    json(get("/vents/" + id, null), 200);
    assertThat(delete(id, me).getStatus()).isEqualTo(204);
    problem(get("/vents/" + id, me), 404, "VENT_NOT_FOUND");
    problem(delete(id, me), 404, "VENT_NOT_FOUND");
  }

  @Test
  void userVentsArePagedNewestFirstAsTheCallerMaySeeThem() {
    for (int i = 0; i < 5; i++) {
      post(me, Map.of("text", "v" + i, "audience", i % 2 == 0 ? "public" : "followers"));
    }
    assertThat(texts(json(get("/users/" + me.getId() + "/vents", null), 200)))
        .containsExactly("v4", "v2", "v0");
    JsonNode first = json(get("/users/" + me.getId() + "/vents?limit=2", fan), 200);
    assertThat(texts(first)).containsExactly("v4", "v3");
    JsonNode second =
        json(
            get(
                "/users/"
                    + me.getId()
                    + "/vents?limit=2&cursor="
                    + first.get("nextCursor").asText(),
                fan),
            200);
    assertThat(texts(second)).containsExactly("v2", "v1");
    assertThat(second.get("items").get(0).get("author").get("id").asText()).isEqualTo(me.getId());

    problem(get("/users/999999/vents", null), 404, "USER_NOT_FOUND");
    problem(get("/users/999999/vents?cursor=bad", null), 404, "USER_NOT_FOUND");
    problem(get("/users/abc/vents", null), 400, "INVALID_USER_ID");
    problem(get("/users/" + me.getId() + "/vents?limit=0", null), 400, "INVALID_LIMIT");
    problem(get("/users/" + me.getId() + "/vents?limit=101", null), 400, "INVALID_LIMIT");
    problem(get("/users/" + me.getId() + "/vents?cursor=bad", null), 400, "INVALID_CURSOR");
    problem(
        get("/users/" + me.getId() + "/vents?cursor=" + "c".repeat(200), null),
        400,
        "INVALID_CURSOR");
  }

  @Test
  void theTimelineHoldsOwnAndFolloweesVentsWithAuthorsInOneBatch() {
    User other = fakes.addUser("other");
    follow(fan, other);
    post(me, Map.of("text", "from author", "audience", "followers"));
    post(fan, Map.of("text", "from fan", "audience", "public"));
    post(other, Map.of("text", "from other", "audience", "mutuals"));
    post(stranger, Map.of("text", "from stranger", "audience", "public"));

    fakes.users.batchCalls = 0;
    JsonNode timeline = json(get("/me/timeline", fan), 200);
    assertThat(texts(timeline)).containsExactly("from fan", "from author");
    assertThat(timeline.get("nextCursor").isNull()).isTrue();
    assertThat(fakes.users.batchCalls).as("one BatchGetUsers for the page").isEqualTo(1);
    assertThat(timeline.get("items").get(1).get("author").get("username").asText())
        .isEqualTo("author");

    problem(get("/me/timeline?limit=abc", fan), 400, "INVALID_LIMIT");
    problem(get("/me/timeline?cursor=nope", fan), 400, "INVALID_CURSOR");
  }

  @Test
  void ventsOfDeletedAuthorsAreLeftOut() {
    post(me, Map.of("text", "bye", "audience", "public"));
    post(fan, Map.of("text", "still here", "audience", "public"));
    fakes.auth.deleteAccount(
        dev.vent.auth.v1.DeleteAccountRequest.newBuilder()
            .setUserId(me.getId())
            .setPassword(FakeProviders.PASSWORD)
            .build());
    assertThat(texts(json(get("/me/timeline", fan), 200))).containsExactly("still here");
  }

  private Response post(User author, Map<String, Object> body) {
    return authed(api.target("/vents").request(), author).post(Entity.json(body));
  }

  private Response get(String path, User caller) {
    String[] parts = path.split("\\?", 2);
    var target = api.target(parts[0]);
    if (parts.length == 2) {
      for (String pair : parts[1].split("&")) {
        String[] kv = pair.split("=", 2);
        target = target.queryParam(kv[0], kv[1]);
      }
    }
    return authed(target.request(), caller).get();
  }

  private Response delete(String id, User caller) {
    return authed(api.target("/vents/" + id).request(), caller).delete();
  }

  private Invocation.Builder authed(Invocation.Builder request, User caller) {
    return caller == null
        ? request
        : request.header("Authorization", "Bearer " + fakes.tokenOf(caller));
  }

  private void follow(User who, User whom) {
    fakes.relations.follow(
        FollowRequest.newBuilder().setFollowerId(who.getId()).setFolloweeId(whom.getId()).build());
  }

  private static String id(Response created) {
    return json(created, 201).get("id").asText();
  }

  private static List<String> texts(JsonNode page) {
    return page.get("items").findValuesAsText("text");
  }
}
