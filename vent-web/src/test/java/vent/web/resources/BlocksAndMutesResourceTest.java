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
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/** {@code /me/blocks} and {@code /me/mutes} over the fake providers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BlocksAndMutesResourceTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes);
  private User me;
  private User other;
  private String token;

  @BeforeEach
  void signIn() {
    me = fakes.addUser("myself");
    other = fakes.addUser("other");
    token = fakes.tokenOf(me);
  }

  private Invocation.Builder as(String path) {
    String[] pathAndQuery = path.split("\\?", 2);
    var target = api.target(pathAndQuery[0]);
    if (pathAndQuery.length == 2) {
      for (String pair : pathAndQuery[1].split("&")) {
        String[] nameValue = pair.split("=", 2);
        target = target.queryParam(nameValue[0], nameValue[1]);
      }
    }
    return target
        .property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true)
        .request()
        .header("Authorization", "Bearer " + token);
  }

  @Test
  void blockingListsTheUserAndRefusesFollowsBothWays() {
    assertThat(as("/me/blocks/" + other.getId()).put(Entity.json("")).getStatus()).isEqualTo(204);
    assertThat(as("/me/blocks/" + other.getId()).put(Entity.json("")).getStatus()).isEqualTo(204);
    JsonNode page = json(as("/me/blocks?limit=10").get(), 200);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(other.getId());
    assertThat(page.get("nextCursor").isNull()).isTrue();
    problem(as("/me/following/" + other.getId()).put(Entity.json("")), 403, "BLOCKED");
    JsonNode relationship = json(as("/me/relationships?ids=" + other.getId()).get(), 200).get(0);
    assertThat(relationship.get("blocking").asBoolean()).isTrue();
    assertThat(relationship.get("muting").asBoolean()).isFalse();
    assertThat(relationship.has("blockedBy")).as("a user is not told who blocks them").isFalse();
    assertThat(as("/me/blocks/" + other.getId()).delete().getStatus()).isEqualTo(204);
    assertThat(as("/me/following/" + other.getId()).put(Entity.json("")).getStatus())
        .isEqualTo(204);
  }

  @Test
  void mutingListsTheUser() {
    assertThat(as("/me/mutes/" + other.getId()).put(Entity.json("")).getStatus()).isEqualTo(204);
    JsonNode page = json(as("/me/mutes").get(), 200);
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(other.getId());
    assertThat(
            json(as("/me/relationships?ids=" + other.getId()).get(), 200)
                .get(0)
                .get("muting")
                .asBoolean())
        .isTrue();
    assertThat(as("/me/mutes/" + other.getId()).delete().getStatus()).isEqualTo(204);
    assertThat(json(as("/me/mutes").get(), 200).get("items")).isEmpty();
  }

  @Test
  void badIdsSelfAndUnknownUsersAreRefused() {
    for (String route : new String[] {"/me/blocks/", "/me/mutes/"}) {
      problem(as(route + "abc").put(Entity.json("")), 400, "INVALID_USER_ID");
      problem(as(route + "0").delete(), 400, "INVALID_USER_ID");
      problem(as(route + "999999").put(Entity.json("")), 404, "USER_NOT_FOUND");
    }
    problem(as("/me/blocks/" + me.getId()).put(Entity.json("")), 400, "CANNOT_BLOCK_SELF");
    problem(as("/me/mutes/" + me.getId()).put(Entity.json("")), 400, "CANNOT_MUTE_SELF");
    problem(as("/me/blocks?limit=0").get(), 400, "INVALID_LIMIT");
    problem(as("/me/mutes?cursor=" + "x".repeat(600)).get(), 400, "INVALID_CURSOR");
  }
}
