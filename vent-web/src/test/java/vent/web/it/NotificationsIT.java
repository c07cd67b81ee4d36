package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * "X followed you" notifications end to end: the relation provider fills the inbox from Followed
 * events, vent-web serves it hydrated, newest first, paged like the follower lists.
 */
@SharedStack
class NotificationsIT {

  /**
   * Bound on the inbox converging: the relation hand-off writes it, behind whatever the shard holds
   * (an import that ran just before queues 100,000 follows).
   */
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final Rest rest;

  NotificationsIT(Stack stack) {
    this.rest = new Rest(stack.api());
  }

  @Test
  void followsReachTheInboxPagedNewestFirstAndDeletedFollowersLeaveIt()
      throws InterruptedException {
    Account a = Accounts.register(rest, Accounts.uniqueName("notif_a"));
    Account b = Accounts.register(rest, Accounts.uniqueName("notif_b"));
    Account c = Accounts.register(rest, Accounts.uniqueName("notif_c"));
    Account d = Accounts.register(rest, Accounts.uniqueName("notif_d"));

    long t0 = System.nanoTime();
    follow(a, b);
    JsonNode inbox = await(b, "A's follow", page -> page.get("items").size() == 1);
    System.out.printf("event=notification_latency ms=%.0f%n", (System.nanoTime() - t0) / 1e6);
    JsonNode item = inbox.get("items").get(0);
    assertThat(item.get("type").asText()).isEqualTo("followed");
    assertThat(item.get("user").get("id").asText()).isEqualTo(a.id());
    assertThat(item.get("user").get("username").asText()).isEqualTo(a.username());
    assertThat(item.get("read").asBoolean()).isFalse();
    assertThat(item.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(inbox.get("unreadCount").asLong()).isEqualTo(1);
    assertThat(inbox.get("nextCursor").isNull()).isTrue();

    // Following again is a no-op, also for the inbox.
    follow(a, b);
    Thread.sleep(500);
    JsonNode again = inbox(b, "");
    assertThat(again.get("items")).hasSize(1);
    assertThat(again.get("unreadCount").asLong()).isEqualTo(1);

    follow(c, b);
    await(b, "C's follow", page -> page.get("items").size() == 2);
    follow(d, b);
    await(b, "D's follow", page -> page.get("items").size() == 3);
    JsonNode first = inbox(b, "?limit=2");
    assertThat(actors(first)).containsExactly(d.id(), c.id());
    assertThat(first.get("unreadCount").asLong()).isEqualTo(3);
    JsonNode second = inbox(b, "?limit=2&cursor=" + first.get("nextCursor").asText());
    assertThat(actors(second)).containsExactly(a.id());
    assertThat(second.get("nextCursor").isNull()).isTrue();

    Rest.Response read = rest.post("/me/notifications/read", Rest.obj(), b.accessToken());
    assertThat(read.status()).as(read.raw()).isEqualTo(204);
    JsonNode allRead = inbox(b, "");
    assertThat(allRead.get("unreadCount").asLong()).isZero();
    assertThat(allRead.get("items").findValuesAsText("read")).containsOnly("true").hasSize(3);
    assertThat(rest.post("/me/notifications/read", Rest.obj(), b.accessToken()).status())
        .as("idempotent")
        .isEqualTo(204);

    Rest.Response deleted =
        rest.send(
            "DELETE",
            "/me",
            Rest.obj("password", Accounts.PASSWORD).toString(),
            "application/json",
            c.accessToken());
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
    JsonNode withoutC = await(b, "C's deletion", page -> !actors(page).contains(c.id()));
    assertThat(actors(withoutC)).containsExactly(d.id(), a.id());
    assertThat(withoutC.get("unreadCount").asLong()).isZero();
    // Not only hidden by vent-web: the provider drops C's entry, so pages are full again. On the
    // cluster topology that is a hand-off to B's slot, so it is awaited, not assumed.
    await(b, "?limit=2", "C's entry dropped", page -> actors(page).size() == 2);
    JsonNode onePage = inbox(b, "?limit=1");
    assertThat(actors(onePage)).containsExactly(d.id());
    assertThat(actors(inbox(b, "?limit=1&cursor=" + onePage.get("nextCursor").asText())))
        .containsExactly(a.id());
  }

  @Test
  void badParametersAndMissingTokensGetTheCodesOfTheFollowerLists() {
    Account me = Accounts.register(rest, Accounts.uniqueName("notif_me"));
    for (String limit : List.of("0", "101", "-1", "abc", "1.5")) {
      problem(rest.get("/me/notifications?limit=" + limit, me.accessToken()), 400, "INVALID_LIMIT");
      problem(
          rest.get("/users/" + me.id() + "/followers?limit=" + limit, null), 400, "INVALID_LIMIT");
    }
    for (String cursor : List.of("garbage", "x".repeat(600))) {
      problem(
          rest.get("/me/notifications?cursor=" + cursor, me.accessToken()), 400, "INVALID_CURSOR");
      problem(
          rest.get("/users/" + me.id() + "/followers?cursor=" + cursor, null),
          400,
          "INVALID_CURSOR");
    }
    problem(rest.get("/me/notifications", null), 401, "UNAUTHENTICATED");
    problem(rest.post("/me/notifications/read", Rest.obj(), null), 401, "UNAUTHENTICATED");
    problem(rest.get("/me/notifications", "not.a.token"), 401, "TOKEN_INVALID");
    JsonNode empty = inbox(me, "");
    assertThat(empty.get("items")).isEmpty();
    assertThat(empty.get("unreadCount").asLong()).isZero();
    assertThat(empty.get("nextCursor").isNull()).isTrue();
  }

  private void follow(Account who, Account whom) {
    Rest.Response r = rest.put("/me/following/" + whom.id(), who.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(204);
  }

  private JsonNode inbox(Account owner, String query) {
    Rest.Response r = rest.get("/me/notifications" + query, owner.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.json();
  }

  /** Polls the inbox of {@code owner} until {@code condition} holds, at most {@link #WITHIN}. */
  private JsonNode await(Account owner, String what, Predicate<JsonNode> condition)
      throws InterruptedException {
    return await(owner, "", what, condition);
  }

  /** Polls the inbox page {@code query} of {@code owner} until {@code condition} holds. */
  private JsonNode await(Account owner, String query, String what, Predicate<JsonNode> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (true) {
      JsonNode page = inbox(owner, query);
      if (condition.test(page)) {
        return page;
      }
      assertThat(System.nanoTime())
          .as("%s not in the inbox within %s: %s", what, WITHIN, page)
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static List<String> actors(JsonNode page) {
    return page.get("items").findValues("user").stream().map(u -> u.get("id").asText()).toList();
  }

  private static void problem(Rest.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("code").asText()).as(r.raw()).isEqualTo(code);
  }
}
