package vent.web.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.web.resources.ProblemAssert.json;
import static vent.web.resources.ProblemAssert.problem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vent.user.v1.User;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationResourceTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes);
  private User me;
  private String token;

  @BeforeEach
  void signIn() {
    me = fakes.addUser("myself");
    token = fakes.tokenOf(me);
  }

  private Invocation.Builder inbox(String limit, String cursor, String bearer) {
    WebTarget target = api.target("/me/notifications");
    if (limit != null) {
      target = target.queryParam("limit", limit);
    }
    if (cursor != null) {
      target = target.queryParam("cursor", cursor);
    }
    Invocation.Builder request = target.request();
    return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
  }

  @Test
  void itemsAreHydratedNewestFirstWithTheUnreadCount() {
    User bob = fakes.addUser("bob");
    User carol = fakes.addUser("carol");
    fakes.notifications.followed(me.getId(), bob.getId(), 1_700_000_000_000L);
    fakes.notifications.followed(me.getId(), carol.getId(), 1_700_000_001_000L);

    JsonNode page = json(inbox(null, null, token).get(), 200);
    assertThat(page.get("unreadCount").asLong()).isEqualTo(2);
    assertThat(page.get("nextCursor").isNull()).isTrue();
    JsonNode first = page.get("items").get(0);
    assertThat(first.get("type").asText()).isEqualTo("followed");
    assertThat(first.get("user").get("username").asText()).isEqualTo("carol");
    assertThat(first.get("createdAt").asText()).isEqualTo("2023-11-14T22:13:21Z");
    assertThat(first.get("read").asBoolean()).isFalse();
    assertThat(page.get("items").get(1).get("user").get("id").asText()).isEqualTo(bob.getId());
    assertThat(fakes.users.batchCalls).as("one BatchGetUsers for the page").isEqualTo(1);
  }

  @Test
  void mentionsCarryTheirVent() {
    User bob = fakes.addUser("bob");
    fakes.notifications.followed(me.getId(), bob.getId(), 1_700_000_000_000L);
    fakes.notifications.mentioned(
        me.getId(), bob.getId(), bob.getId() + "-abc", 1_700_000_001_000L);

    JsonNode items = json(inbox(null, null, token).get(), 200).get("items");
    assertThat(items.get(0).get("type").asText()).isEqualTo("mentioned");
    assertThat(items.get(0).get("ventId").asText()).isEqualTo(bob.getId() + "-abc");
    assertThat(items.get(0).get("user").get("username").asText()).isEqualTo("bob");
    assertThat(items.get(1).get("type").asText()).isEqualTo("followed");
    assertThat(items.get(1).has("ventId")).isFalse();
  }

  @Test
  void pagesFollowTheCursorAndMarkingReadIsIdempotent() {
    for (int i = 0; i < 5; i++) {
      fakes.notifications.followed(
          me.getId(), fakes.addUser("fan" + i).getId(), 1_700_000_000_000L + i);
    }
    JsonNode first = json(inbox("2", null, token).get(), 200);
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("user").get("username").asText()).isEqualTo("fan4");
    JsonNode second = json(inbox("2", first.get("nextCursor").asText(), token).get(), 200);
    assertThat(second.get("items").get(0).get("user").get("username").asText()).isEqualTo("fan2");

    assertThat(
            api.target("/me/notifications/read")
                .request()
                .header("Authorization", "Bearer " + token)
                .post(Entity.json(""))
                .getStatus())
        .isEqualTo(204);
    assertThat(
            api.target("/me/notifications/read")
                .request()
                .header("Authorization", "Bearer " + token)
                .post(null)
                .getStatus())
        .isEqualTo(204);
    JsonNode read = json(inbox(null, null, token).get(), 200);
    assertThat(read.get("unreadCount").asLong()).isZero();
    assertThat(read.get("items").findValuesAsText("read")).containsOnly("true");
  }

  @Test
  void entriesOfDeletedActorsAreLeftOut() {
    User bob = fakes.addUser("bob");
    User gone = fakes.addUser("gone");
    fakes.notifications.followed(me.getId(), bob.getId(), 1L);
    fakes.notifications.followed(me.getId(), gone.getId(), 2L);
    fakes.auth.deleteAccount(
        dev.vent.auth.v1.DeleteAccountRequest.newBuilder()
            .setUserId(gone.getId())
            .setPassword(FakeProviders.PASSWORD)
            .build());
    JsonNode page = json(inbox(null, null, token).get(), 200);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("user").get("id").asText()).isEqualTo(bob.getId());
  }

  @Test
  void badLimitsAndCursorsGetTheCodesOfTheFollowerLists() {
    problem(inbox("0", null, token).get(), 400, "INVALID_LIMIT");
    problem(inbox("101", null, token).get(), 400, "INVALID_LIMIT");
    problem(inbox("ten", null, token).get(), 400, "INVALID_LIMIT");
    problem(inbox(null, "x".repeat(600), token).get(), 400, "INVALID_CURSOR");
    JsonNode provider = problem(inbox(null, "not-a-cursor", token).get(), 400, "INVALID_CURSOR");
    assertThat(provider.get("errors").get(0).get("field").asText()).isEqualTo("cursor");
  }

  @Test
  void aTokenIsRequired() {
    problem(inbox(null, null, null).get(), 401, "UNAUTHENTICATED");
    problem(inbox(null, null, "garbage").get(), 401, "TOKEN_INVALID");
    problem(
        api.target("/me/notifications/read").request().post(Entity.json("")),
        401,
        "UNAUTHENTICATED");
  }
}
