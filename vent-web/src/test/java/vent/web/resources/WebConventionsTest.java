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
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.http.PageLinks;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/** Link headers, conditional GETs and the problem pages, over fake providers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebConventionsTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes, false, false);
  private User alice;
  private User bob;

  @BeforeEach
  void users() {
    alice = fakes.addUser("alice");
    bob = fakes.addUser("bob");
  }

  private Invocation.Builder get(String path, String token) {
    Invocation.Builder request = api.target(path).request();
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  @Test
  void everyPageButTheLastLinksToTheNextWithTheSameParameters() {
    for (int i = 0; i < 5; i++) {
      User fan = fakes.addUser("fan" + i);
      fakes.relations.follow(
          FollowRequest.newBuilder()
              .setFollowerId(fan.getId())
              .setFolloweeId(alice.getId())
              .build());
    }
    String path = "/users/" + alice.getId() + "/followers";
    Response first = api.target(path).queryParam("limit", 2).queryParam("x", "a b").request().get();
    JsonNode page1 = json(first, 200);
    assertThat(first.getHeaders().get("Link")).hasSize(1);
    String link = first.getHeaderString("Link");
    assertThat(link).matches("<[^>]+>; rel=\"next\"");
    URI next = URI.create(link.substring(1, link.indexOf('>')));
    assertThat(next.isAbsolute()).isTrue();
    assertThat(next.getRawPath()).endsWith("/users/" + alice.getId() + "/followers");
    assertThat(next.getRawQuery())
        .isEqualTo("limit=2&x=a+b&cursor=" + page1.get("nextCursor").asText());

    // Following the link walks the list; the cursor is replaced, not added twice.
    int pages = 1;
    Response response = api.client().target(next).request().get();
    while (true) {
      JsonNode page = json(response, 200);
      pages++;
      String more = response.getHeaderString("Link");
      if (page.get("nextCursor").isNull()) {
        assertThat(more).as("Link on the last page").isNull();
        break;
      }
      URI again = URI.create(more.substring(1, more.indexOf('>')));
      assertThat(again.getRawQuery()).containsOnlyOnce("cursor=").contains("limit=2");
      response = api.client().target(again).request().get();
    }
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void theNextLinkEncodesTheCursor() {
    assertThat(
            PageLinks.next(
                URI.create("http://h:1/api/v1/me/timeline?cursor=old&limit=3&cursor=dup"),
                "a b&c=d/é"))
        .isEqualTo("http://h:1/api/v1/me/timeline?cursor=a%20b%26c%3Dd%2F%C3%A9&limit=3");
    assertThat(PageLinks.next(URI.create("http://h/api/v1/me/blocks"), "42"))
        .isEqualTo("http://h/api/v1/me/blocks?cursor=42");
  }

  @Test
  void aProfileHasAStrongETagAndAMatchingIfNoneMatchGets304WithoutABody() {
    String path = "/users/" + alice.getId();
    Response first = get(path, null).get();
    JsonNode body = json(first, 200);
    String etag = first.getHeaderString("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.getHeaderString("Cache-Control")).isEqualTo("no-cache");
    assertThat(body.get("username").asText()).isEqualTo("alice");

    for (String match : new String[] {etag, "*", "\"other\", " + etag, "W/" + etag}) {
      Response notModified = get(path, null).header("If-None-Match", match).get();
      assertThat(notModified.getStatus()).as(match).isEqualTo(304);
      assertThat(notModified.getHeaderString("ETag")).isEqualTo(etag);
      assertThat(notModified.getHeaderString("Cache-Control")).isEqualTo("no-cache");
      assertThat(notModified.hasEntity()).isFalse();
    }
    Response stale = get(path, null).header("If-None-Match", "\"other\"").get();
    assertThat(json(stale, 200)).isEqualTo(body);

    // The same profile by username: the same representation, the same tag.
    assertThat(
            api.target("/users")
                .queryParam("username", "alice")
                .request()
                .get()
                .getHeaderString("ETag"))
        .isEqualTo(etag);

    // A change of the representation is a new tag, and the old one no longer matches.
    fakes.relations.follow(
        FollowRequest.newBuilder().setFollowerId(bob.getId()).setFolloweeId(alice.getId()).build());
    Response changed = get(path, null).header("If-None-Match", etag).get();
    assertThat(json(changed, 200).get("followersCount").asLong()).isEqualTo(1);
    assertThat(changed.getHeaderString("ETag")).isNotEqualTo(etag);
  }

  @Test
  void meIsPrivateAndConditionalToo() {
    String token = fakes.tokenOf(alice);
    Response me = get("/me", token).get();
    json(me, 200);
    assertThat(me.getHeaderString("Cache-Control")).isEqualTo("private, no-cache");
    Response notModified =
        get("/me", token).header("If-None-Match", me.getHeaderString("ETag")).get();
    assertThat(notModified.getStatus()).isEqualTo(304);
    assertThat(notModified.getHeaderString("Cache-Control")).isEqualTo("private, no-cache");
  }

  @Test
  void aVentIsConditionalAndVariesOnAuthorization() {
    String token = fakes.tokenOf(alice);
    String id =
        json(
                get("/vents", token).post(Entity.json(Map.of("text", "hi", "audience", "public"))),
                201)
            .get("id")
            .asText();
    Response anonymous = get("/vents/" + id, null).get();
    json(anonymous, 200);
    assertThat(anonymous.getHeaderString("Cache-Control")).isEqualTo("no-cache");
    assertThat(anonymous.getHeaderString("Vary")).isEqualTo("Authorization");
    String etag = anonymous.getHeaderString("ETag");
    Response authed = get("/vents/" + id, token).header("If-None-Match", etag).get();
    assertThat(authed.getStatus()).isEqualTo(304);
    assertThat(authed.getHeaderString("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(authed.getHeaderString("Vary")).isEqualTo("Authorization");
    // A vent that is gone is a 404 problem, If-None-Match or not.
    assertThat(get("/vents/" + id, token).delete().getStatus()).isEqualTo(204);
    problem(get("/vents/" + id, null).header("If-None-Match", "*").get(), 404, "VENT_NOT_FOUND");
  }

  @Test
  void problemPagesAreHtmlByDefaultAndJsonOnRequest() {
    Response html = get("/problems/USER_NOT_FOUND", null).get();
    assertThat(html.getStatus()).isEqualTo(200);
    assertThat(html.getMediaType().toString()).startsWith("text/html");
    assertThat(html.readEntity(String.class))
        .contains("<h1>USER_NOT_FOUND</h1>", "404 Not Found", "No user has that id or username.");

    Response browser =
        get("/problems", null)
            .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .get();
    assertThat(browser.getMediaType().toString()).startsWith("text/html");
    assertThat(browser.readEntity(String.class))
        .contains("href=\"/api/v1/problems/RATE_LIMITED\"", "<code>VALIDATION_FAILED</code>");

    JsonNode one =
        json(get("/problems/user-not-found", null).accept("application/json").get(), 200);
    assertThat(one.get("code").asText()).isEqualTo("USER_NOT_FOUND");
    assertThat(one.get("status").asInt()).isEqualTo(404);
    assertThat(one.get("type").asText()).isEqualTo("/api/v1/problems/USER_NOT_FOUND");
    assertThat(one.get("meaning").asText()).isNotBlank();
    assertThat(one.get("action").asText()).isNotBlank();

    JsonNode index = json(get("/problems", null).accept("application/json").get(), 200);
    assertThat(index.get("problems").size()).isGreaterThan(40);

    problem(get("/problems/NO_SUCH_CODE", null).get(), 404, "NOT_FOUND");
    problem(get("/problems/NO_SUCH_CODE", null).accept("application/json").get(), 404, "NOT_FOUND");
  }

  @Test
  void theTypeOfAnAnsweredProblemIsAServedPage() {
    JsonNode problem = problem(get("/users/abc", null).get(), 400, "INVALID_USER_ID");
    String type = problem.get("type").asText();
    Response page = get(type.substring("/api/v1".length()), null).accept("application/json").get();
    assertThat(json(page, 200).get("code").asText()).isEqualTo("INVALID_USER_ID");
  }
}
