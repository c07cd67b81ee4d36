package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.testing.Eventually;
import vent.web.it.Accounts.Account;

/**
 * The journey a client app makes, over real HTTP to vent-web, through real providers, Consul and
 * Redis: captcha, register, log in, profile, follow, lists with cursors, relationships,
 * suggestions, unfollow, refresh, log out.
 */
@SharedStack
class RestJourneyIT {

  /** Bound on the followee's side converging through the relation hand-off. */
  private static final Duration CONVERGED = Duration.ofSeconds(30);

  private static Rest rest;

  @BeforeAll
  static void stack(Stack stack) {
    rest = new Rest(stack.api());
  }

  @Test
  void captchaIsAPngDataUrlWithAnExpiry() {
    Rest.Response r = rest.post("/captchas", Rest.obj(), null);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    String image = r.json().get("image").asText();
    assertThat(image).startsWith("data:image/png;base64,");
    byte[] png = Base64.getDecoder().decode(image.substring("data:image/png;base64,".length()));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Instant.parse(r.json().get("expiresAt").asText())).isAfter(Instant.now());
    assertThat(r.json().get("id").asText()).isNotBlank();
  }

  @Test
  void registerLogInAndReadOwnProfile() {
    String name = Accounts.uniqueName("alice");
    Account alice = Accounts.register(rest, name);

    Rest.Response login =
        rest.post("/sessions", Rest.obj("username", name, "password", Accounts.PASSWORD), null);
    assertThat(login.status()).as(login.raw()).isEqualTo(200);
    assertThat(login.json().get("expiresIn").asLong()).isPositive();
    String token = login.json().get("accessToken").asText();

    Rest.Response me = rest.get("/me", token);
    assertThat(me.status()).as(me.raw()).isEqualTo(200);
    assertThat(me.json().get("id").asText()).isEqualTo(alice.id());
    assertThat(me.json().get("username").asText()).isEqualTo(name);
    assertThat(me.json().get("followersCount").asLong()).isZero();
    assertThat(me.json().get("followingCount").asLong()).isZero();

    Rest.Response patched =
        rest.patch("/me", Rest.obj("displayName", "Alice A.", "bio", "hello"), token);
    assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
    assertThat(patched.json().get("displayName").asText()).isEqualTo("Alice A.");
    assertThat(rest.get("/users/" + alice.id(), null).json().get("bio").asText())
        .isEqualTo("hello");

    Rest.Response byName = rest.get("/users?username=" + name.toUpperCase(), null);
    assertThat(byName.status()).as(byName.raw()).isEqualTo(200);
    assertThat(byName.json().get("id").asText()).isEqualTo(alice.id());

    Rest.Response wrong =
        rest.post("/sessions", Rest.obj("username", name, "password", "not the password"), null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void followersAndFollowingArePagedNewestFirst() throws InterruptedException {
    Account alice = Accounts.register(rest, Accounts.uniqueName("star"));
    List<Account> fans = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Account fan = Accounts.register(rest, Accounts.uniqueName("fan" + i));
      assertThat(rest.put("/me/following/" + alice.id(), fan.accessToken()).status())
          .isEqualTo(204);
      fans.add(fan);
    }
    // Following twice changes nothing.
    assertThat(rest.put("/me/following/" + alice.id(), fans.get(0).accessToken()).status())
        .isEqualTo(204);

    // The followee's side converges through the hand-off (the followers list, its count).
    Eventually.succeeds(
        "alice's followers list",
        CONVERGED,
        () -> {
          Rest.Response page1 = rest.get("/users/" + alice.id() + "/followers?limit=3", null);
          assertThat(page1.status()).as(page1.raw()).isEqualTo(200);
          assertThat(ids(page1.json().get("items")))
              .containsExactly(fans.get(4).id(), fans.get(3).id(), fans.get(2).id());
          String cursor = page1.json().get("nextCursor").asText();
          assertThat(cursor).isNotBlank();

          Rest.Response page2 =
              rest.get("/users/" + alice.id() + "/followers?limit=3&cursor=" + cursor, null);
          assertThat(page2.status()).as(page2.raw()).isEqualTo(200);
          assertThat(ids(page2.json().get("items")))
              .containsExactly(fans.get(1).id(), fans.get(0).id());
          assertThat(page2.json().get("nextCursor").isNull()).isTrue();
          assertThat(page2.json().get("items").get(0).get("username").asText())
              .isEqualTo(fans.get(1).username());
        });

    for (Account fan : fans) {
      assertThat(rest.put("/me/following/" + fan.id(), alice.accessToken()).status())
          .isEqualTo(204);
    }
    Rest.Response following1 = rest.get("/users/" + alice.id() + "/following?limit=4", null);
    assertThat(ids(following1.json().get("items")))
        .containsExactly(fans.get(4).id(), fans.get(3).id(), fans.get(2).id(), fans.get(1).id());
    Rest.Response following2 =
        rest.get(
            "/users/"
                + alice.id()
                + "/following?limit=4&cursor="
                + following1.json().get("nextCursor").asText(),
            null);
    assertThat(ids(following2.json().get("items"))).containsExactly(fans.get(0).id());

    JsonNode profile = rest.get("/users/" + alice.id(), null).json();
    assertThat(profile.get("followingCount").asLong()).as("the actor's side, at once").isEqualTo(5);
    Eventually.succeeds(
        "alice's followers count",
        CONVERGED,
        () ->
            assertThat(rest.get("/users/" + alice.id(), null).json().get("followersCount").asLong())
                .isEqualTo(5));
  }

  @Test
  void relationshipsSuggestionsAndUnfollow() throws InterruptedException {
    Account me = Accounts.register(rest, Accounts.uniqueName("me"));
    Account bob = Accounts.register(rest, Accounts.uniqueName("bob"));
    Account carol = Accounts.register(rest, Accounts.uniqueName("carol"));
    Account frank = Accounts.register(rest, Accounts.uniqueName("frank"));
    Account gina = Accounts.register(rest, Accounts.uniqueName("gina"));
    follow(me, bob);
    follow(me, carol);
    follow(bob, me);
    follow(bob, frank);
    follow(carol, frank);
    follow(bob, gina);
    follow(carol, bob);

    Rest.Response rel =
        rest.get(
            "/me/relationships?ids=" + bob.id() + "," + carol.id() + "," + frank.id(),
            me.accessToken());
    assertThat(rel.status()).as(rel.raw()).isEqualTo(200);
    assertThat(rel.json()).hasSize(3);
    assertThat(rel.json().get(0).get("id").asText()).isEqualTo(bob.id());
    assertThat(rel.json().get(0).get("following").asBoolean()).isTrue();
    assertThat(rel.json().get(0).get("followedBy").asBoolean()).isTrue();
    assertThat(rel.json().get(1).get("following").asBoolean()).isTrue();
    assertThat(rel.json().get(1).get("followedBy").asBoolean()).isFalse();
    assertThat(rel.json().get(2).get("following").asBoolean()).isFalse();

    // frank is followed by two of my followees, gina by one; bob is already followed; I am
    // excluded.
    Rest.Response sug = rest.get("/me/suggestions?limit=10", me.accessToken());
    assertThat(sug.status()).as(sug.raw()).isEqualTo(200);
    assertThat(sug.json()).hasSize(2);
    assertThat(sug.json().get(0).get("user").get("id").asText()).isEqualTo(frank.id());
    assertThat(sug.json().get(0).get("mutualCount").asInt()).isEqualTo(2);
    assertThat(sug.json().get(1).get("user").get("id").asText()).isEqualTo(gina.id());
    assertThat(sug.json().get(1).get("mutualCount").asInt()).isEqualTo(1);

    assertThat(rest.delete("/me/following/" + carol.id(), me.accessToken()).status())
        .isEqualTo(204);
    assertThat(rest.delete("/me/following/" + carol.id(), me.accessToken()).status())
        .isEqualTo(204);
    JsonNode after = rest.get("/me/relationships?ids=" + carol.id(), me.accessToken()).json();
    assertThat(after.get(0).get("following").asBoolean()).isFalse();
    Eventually.succeeds(
        "carol's followers count",
        CONVERGED,
        () ->
            assertThat(rest.get("/users/" + carol.id(), null).json().get("followersCount").asLong())
                .isZero());
    assertThat(rest.get("/me", me.accessToken()).json().get("followingCount").asLong())
        .isEqualTo(1);
  }

  @Test
  void refreshRotatesAndLogoutEndsTheSession() {
    String name = Accounts.uniqueName("sess");
    Accounts.register(rest, name);
    JsonNode login =
        rest.post("/sessions", Rest.obj("username", name, "password", Accounts.PASSWORD), null)
            .json();
    String refresh1 = login.get("refreshToken").asText();

    Rest.Response refreshed =
        rest.post("/sessions/refresh", Rest.obj("refreshToken", refresh1), null);
    assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
    String access2 = refreshed.json().get("accessToken").asText();
    String refresh2 = refreshed.json().get("refreshToken").asText();
    assertThat(refresh2).isNotEqualTo(refresh1);
    assertThat(rest.get("/me", access2).status()).isEqualTo(200);

    Rest.Response logout = rest.delete("/sessions", access2);
    assertThat(logout.status()).as(logout.raw()).isEqualTo(204);

    Rest.Response stale = rest.post("/sessions/refresh", Rest.obj("refreshToken", refresh2), null);
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    assertThat(stale.json().get("code").asText()).isEqualTo("REFRESH_TOKEN_INVALID");
    Rest.Response spent = rest.post("/sessions/refresh", Rest.obj("refreshToken", refresh1), null);
    assertThat(spent.status()).isEqualTo(401);
  }

  @Test
  void aTakenUsernameIsAConflictAndLeavesNothingBehind() {
    String name = Accounts.uniqueName("dup");
    Account first = Accounts.register(rest, name);
    Rest.Response again =
        rest.post(
            "/users",
            Rest.obj(
                "username",
                name.toUpperCase(),
                "password",
                Accounts.PASSWORD,
                "displayName",
                "Other",
                "captchaId",
                Accounts.newCaptcha(rest),
                "captchaAnswer",
                Stack.CAPTCHA_ANSWER),
            null);
    assertThat(again.status()).as(again.raw()).isEqualTo(409);
    assertThat(again.json().get("code").asText()).isEqualTo("USERNAME_TAKEN");
    assertThat(rest.get("/users?username=" + name, null).json().get("id").asText())
        .isEqualTo(first.id());
    // The first owner's password still works: the failed registration changed no credentials.
    assertThat(
            rest.post("/sessions", Rest.obj("username", name, "password", Accounts.PASSWORD), null)
                .status())
        .isEqualTo(200);
  }

  private static void follow(Account who, Account whom) {
    Rest.Response r = rest.put("/me/following/" + whom.id(), who.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(204);
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
