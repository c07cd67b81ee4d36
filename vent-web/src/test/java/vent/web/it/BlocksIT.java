package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * Blocks and mutes end to end over real HTTP: a block removes the follows both ways (the other side
 * through the relation hand-off), refuses new ones either way and hides each one's vents from the
 * other; a mute keeps the follow and hides the muted user's notifications and home-timeline vents;
 * mentions reach the inbox by the same rules; both lists page; bad input gets its codes.
 */
@SharedStack
class BlocksIT {

  /** Bound on the hand-off converging (an import that ran just before queues many follows). */
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final Rest rest;

  BlocksIT(Stack stack) {
    this.rest = new Rest(stack.api());
  }

  @Test
  void aBlockRemovesFollowsBothWaysAndRefusesNewOnesUntilLifted() throws InterruptedException {
    Account a = Accounts.register(rest, Accounts.uniqueName("block_a"));
    Account b = Accounts.register(rest, Accounts.uniqueName("block_b"));
    assertThat(rest.put("/me/following/" + b.id(), a.accessToken()).status()).isEqualTo(204);
    assertThat(rest.put("/me/following/" + a.id(), b.accessToken()).status()).isEqualTo(204);
    await("both follows applied", () -> counts(a) + "/" + counts(b), "1:1/1:1"::equals);
    await("B's follow in A's inbox", () -> inboxActors(a), ids -> ids.contains(b.id()));

    assertThat(rest.put("/me/blocks/" + b.id(), a.accessToken()).status()).isEqualTo(204);
    assertThat(rest.put("/me/blocks/" + b.id(), a.accessToken()).status())
        .as("idempotent")
        .isEqualTo(204);
    assertThat(counts(a)).as("the blocker's side at once").isEqualTo("0:0");
    await("B's side through the hand-off", () -> counts(b), "0:0"::equals);
    JsonNode fromA = relationship(a, b);
    assertThat(fromA.get("blocking").asBoolean()).isTrue();
    assertThat(fromA.get("following").asBoolean()).isFalse();
    assertThat(fromA.get("followedBy").asBoolean()).isFalse();
    JsonNode fromB = relationship(b, a);
    assertThat(fromB.get("blocking").asBoolean()).isFalse();
    assertThat(fromB.has("blockedBy")).as("nobody is told who blocks them").isFalse();
    assertThat(inboxActors(a))
        .as("the blocked user's notification is hidden")
        .doesNotContain(b.id());

    problem(rest.put("/me/following/" + b.id(), a.accessToken()), 403, "BLOCKED");
    problem(rest.put("/me/following/" + a.id(), b.accessToken()), 403, "BLOCKED");
    assertThat(counts(a) + "/" + counts(b)).isEqualTo("0:0/0:0");
    JsonNode blocks = page(a, "/me/blocks");
    assertThat(ids(blocks)).containsExactly(b.id());

    assertThat(rest.delete("/me/blocks/" + b.id(), a.accessToken()).status()).isEqualTo(204);
    assertThat(rest.delete("/me/blocks/" + b.id(), a.accessToken()).status())
        .as("idempotent")
        .isEqualTo(204);
    assertThat(ids(page(a, "/me/blocks"))).isEmpty();
    assertThat(counts(a)).as("removed follows stay removed").isEqualTo("0:0");
    assertThat(rest.put("/me/following/" + b.id(), a.accessToken()).status()).isEqualTo(204);
    await(
        "B may follow A once the unblock's hand-off applied",
        () -> rest.put("/me/following/" + a.id(), b.accessToken()).status(),
        status -> status == 204);
    await("both follows again", () -> counts(a) + "/" + counts(b), "1:1/1:1"::equals);
  }

  @Test
  void aMuteKeepsTheFollowAndHidesTheMutedUsersNotifications() throws InterruptedException {
    Account e = Accounts.register(rest, Accounts.uniqueName("mute_e"));
    Account f = Accounts.register(rest, Accounts.uniqueName("mute_f"));
    assertThat(rest.put("/me/mutes/" + f.id(), e.accessToken()).status()).isEqualTo(204);
    assertThat(rest.put("/me/following/" + e.id(), f.accessToken()).status()).isEqualTo(204);
    // The followers list and the inbox entry are written by one script of the hand-off.
    await("F's follow applied", () -> counts(e), "1:0"::equals);
    assertThat(inboxActors(e)).as("the muted follower's notification is hidden").isEmpty();
    assertThat(rest.get("/me/notifications", e.accessToken()).json().get("unreadCount").asLong())
        .isZero();
    JsonNode rel = relationship(e, f);
    assertThat(rel.get("muting").asBoolean()).isTrue();
    assertThat(rel.get("followedBy").asBoolean()).isTrue();
    assertThat(rel.get("blocking").asBoolean()).isFalse();
    assertThat(rest.put("/me/following/" + f.id(), e.accessToken()).status())
        .as("a mute does not forbid follows")
        .isEqualTo(204);

    assertThat(rest.delete("/me/mutes/" + f.id(), e.accessToken()).status()).isEqualTo(204);
    assertThat(inboxActors(e)).containsExactly(f.id());
    assertThat(relationship(e, f).get("muting").asBoolean()).isFalse();
  }

  /**
   * A vent's {@code @username} mentions travel from the post service through the post stream to the
   * relation provider's {@code relation-mentions} group: the mentioned user gets a {@code
   * mentioned} notification; a user who blocks the author is not mentioned at all (they may not see
   * the vent); a user who mutes the author has the notification hidden until they unmute.
   */
  @Test
  void mentionsReachTheInboxUnlessBlockedOrMuted() throws InterruptedException {
    List<Account> users = Accounts.registerMany(rest, "mention", 4);
    Account author = users.get(0);
    Account plain = users.get(1);
    Account blocker = users.get(2);
    Account muter = users.get(3);
    assertThat(rest.put("/me/blocks/" + author.id(), blocker.accessToken()).status())
        .isEqualTo(204);
    assertThat(rest.put("/me/mutes/" + author.id(), muter.accessToken()).status()).isEqualTo(204);
    Rest.Response posted =
        rest.post(
            "/vents",
            Rest.obj(
                "text",
                "hello @"
                    + plain.username()
                    + ", @"
                    + blocker.username()
                    + " and @"
                    + muter.username().toUpperCase(java.util.Locale.ROOT),
                "audience",
                "public"),
            author.accessToken());
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    String ventId = posted.json().get("id").asText();
    List<String> mentioned = new java.util.ArrayList<>();
    posted.json().get("mentions").forEach(m -> mentioned.add(m.get("id").asText()));
    assertThat(mentioned)
        .as("only users who may see the vent are mentioned")
        .containsExactly(plain.id(), muter.id());

    JsonNode item =
        await(
                "the mention in the inbox",
                () -> page(plain, "/me/notifications"),
                p -> p.get("items").size() == 1)
            .get("items")
            .get(0);
    assertThat(item.get("type").asText()).isEqualTo("mentioned");
    assertThat(item.get("ventId").asText()).isEqualTo(ventId);
    assertThat(item.get("user").get("id").asText()).isEqualTo(author.id());
    assertThat(inboxActors(blocker)).as("no mention from a blocked author").isEmpty();
    assertThat(inboxActors(muter)).as("a muted author's mention is hidden").isEmpty();
    assertThat(rest.delete("/me/mutes/" + author.id(), muter.accessToken()).status())
        .isEqualTo(204);
    await(
        "the muted mention, shown once unmuted",
        () -> inboxActors(muter),
        ids -> ids.equals(List.of(author.id())));
  }

  /**
   * A block hides each one's vents from the other on every read, whatever the audience; a mute
   * hides the muted author's vents from the muter's home timeline only, at once and until unmuted.
   */
  @Test
  void aBlockHidesVentsBothWaysAndAMuteHidesThemFromTheHomeTimeline() throws InterruptedException {
    List<Account> users = Accounts.registerMany(rest, "vent_block", 3);
    Account author = users.get(0);
    Account blocker = users.get(1);
    Account muter = users.get(2);
    assertThat(rest.put("/me/following/" + author.id(), blocker.accessToken()).status())
        .isEqualTo(204);
    assertThat(rest.put("/me/following/" + author.id(), muter.accessToken()).status())
        .isEqualTo(204);
    String vent = postPublic(author, "before the block");
    await("fanned out", () -> timeline(blocker), ids -> ids.contains(vent));
    await("fanned out", () -> timeline(muter), ids -> ids.contains(vent));

    assertThat(rest.put("/me/blocks/" + author.id(), blocker.accessToken()).status())
        .isEqualTo(204);
    String blockersVent = postPublic(blocker, "after the block");
    problem(rest.get("/vents/" + vent, blocker.accessToken()), 404, "VENT_NOT_FOUND");
    problem(rest.get("/vents/" + blockersVent, author.accessToken()), 404, "VENT_NOT_FOUND");
    assertThat(ventIds(page(blocker, "/users/" + author.id() + "/vents"))).isEmpty();
    assertThat(ventIds(page(author, "/users/" + blocker.id() + "/vents"))).isEmpty();
    assertThat(timeline(blocker)).containsExactly(blockersVent);
    assertThat(rest.get("/vents/" + vent, null).status()).as("others still see it").isEqualTo(200);

    assertThat(rest.put("/me/mutes/" + author.id(), muter.accessToken()).status()).isEqualTo(204);
    assertThat(timeline(muter)).as("muted at once").isEmpty();
    assertThat(ventIds(page(muter, "/users/" + author.id() + "/vents")))
        .as("the profile still shows it")
        .containsExactly(vent);
    assertThat(rest.get("/vents/" + vent, muter.accessToken()).status()).isEqualTo(200);
    assertThat(rest.delete("/me/mutes/" + author.id(), muter.accessToken()).status())
        .isEqualTo(204);
    assertThat(timeline(muter)).as("back once unmuted").containsExactly(vent);
  }

  private String postPublic(Account author, String text) {
    Rest.Response r =
        rest.post("/vents", Rest.obj("text", text, "audience", "public"), author.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private List<String> timeline(Account owner) {
    return ventIds(page(owner, "/me/timeline"));
  }

  /** The ids of a page's vents. */
  private static List<String> ventIds(JsonNode page) {
    List<String> ids = new java.util.ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  @Test
  void blocksAndMutesPageMostRecentFirst() {
    List<Account> users = Accounts.registerMany(rest, "blocks_list", 4);
    Account me = users.get(0);
    for (String list : List.of("/me/blocks", "/me/mutes")) {
      for (int i = 1; i < 4; i++) {
        assertThat(rest.put(list + "/" + users.get(i).id(), me.accessToken()).status())
            .isEqualTo(204);
      }
      JsonNode first = page(me, list + "?limit=2");
      assertThat(ids(first)).containsExactly(users.get(3).id(), users.get(2).id());
      JsonNode second = page(me, list + "?limit=2&cursor=" + first.get("nextCursor").asText());
      assertThat(ids(second)).containsExactly(users.get(1).id());
      assertThat(second.get("nextCursor").isNull()).isTrue();
    }
  }

  @Test
  void badIdsSelfAndUnknownUsersGetTheirCodes() {
    Account me = Accounts.register(rest, Accounts.uniqueName("blocks_bad"));
    String token = me.accessToken();
    for (String list : List.of("/me/blocks", "/me/mutes")) {
      for (String bad : List.of("abc", "0", "01", "-1", "1".repeat(20))) {
        problem(rest.put(list + "/" + bad, token), 400, "INVALID_USER_ID");
        problem(rest.delete(list + "/" + bad, token), 400, "INVALID_USER_ID");
      }
      problem(rest.put(list + "/999999999999999", token), 404, "USER_NOT_FOUND");
      assertThat(rest.delete(list + "/999999999999999", token).status()).isEqualTo(204);
      problem(rest.get(list + "?limit=0", token), 400, "INVALID_LIMIT");
      problem(rest.get(list + "?cursor=garbage", token), 400, "INVALID_CURSOR");
      problem(rest.put(list + "/1", null), 401, "UNAUTHENTICATED");
      problem(rest.get(list, null), 401, "UNAUTHENTICATED");
    }
    problem(rest.put("/me/blocks/" + me.id(), token), 400, "CANNOT_BLOCK_SELF");
    problem(rest.put("/me/mutes/" + me.id(), token), 400, "CANNOT_MUTE_SELF");
  }

  /** {@code "<followers>:<following>"} of the user's profile. */
  private String counts(Account who) {
    Rest.Response r = rest.get("/users/" + who.id(), null);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.json().get("followersCount").asLong() + ":" + r.json().get("followingCount").asLong();
  }

  private JsonNode relationship(Account from, Account to) {
    Rest.Response r = rest.get("/me/relationships?ids=" + to.id(), from.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.json().get(0);
  }

  private List<String> inboxActors(Account owner) {
    return ids(page(owner, "/me/notifications"));
  }

  private JsonNode page(Account owner, String path) {
    Rest.Response r = rest.get(path, owner.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.json();
  }

  /** The user ids of a page's items (of a notification: its actor's). */
  private static List<String> ids(JsonNode page) {
    return page.get("items").findValues("id").stream().map(JsonNode::asText).toList();
  }

  /** Polls {@code value} until {@code condition} holds, at most {@link #WITHIN}. */
  private static <T> T await(String what, Supplier<T> value, Predicate<T> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (true) {
      T current = value.get();
      if (condition.test(current)) {
        return current;
      }
      assertThat(System.nanoTime())
          .as("%s not within %s: %s", what, WITHIN, current)
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void problem(Rest.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("code").asText()).as(r.raw()).isEqualTo(code);
  }
}
