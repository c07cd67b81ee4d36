package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vent.common.testing.Eventually;
import vent.stack.RedisNodes;
import vent.web.it.Accounts.Account;
import vent.web.it.fuzz.RedisProbe;

/**
 * Vents and home timelines end to end: posting and reading back, fan-out to followers' timelines,
 * audiences (public, followers, mutuals) on every read, deletion, expiry, account deletion and
 * pagination, through real HTTP against the post provider.
 */
@SharedStack
class VentsIT {

  /** Bound on a fan-out reaching a follower's timeline (the post hand-off, asynchronous). */
  private static final Duration FAN_OUT_WITHIN = Duration.ofSeconds(10);

  /**
   * How long the test waits for a deleted account's vents to leave every timeline: only a stalled
   * removal fails it on a loaded CI machine. The promise (2 s) is a measured figure, printed as
   * {@code event=deleted_account_vents_gone}, not a timed assertion.
   */
  private static final Duration ACCOUNT_GONE_WITHIN = Duration.ofSeconds(15);

  private final Stack stack;
  private final Rest rest;

  VentsIT(Stack stack) {
    this.stack = stack;
    this.rest = new Rest(stack.api());
  }

  @Test
  void aPostedVentReadsBackAndIsInItsAuthorsTimelineAtOnce() {
    Account author = Accounts.register(rest, Accounts.uniqueName("vent_a"));
    Rest.Response created = post(author, "first vent\nsecond line", "public", null);
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    JsonNode vent = created.json();
    String id = vent.get("id").asText();
    assertThat(id).matches(author.id() + "-[0-9a-z]{1,13}");
    assertThat(created.header("Location")).isEqualTo(stack.api() + "/vents/" + id);
    assertThat(vent.get("author").get("id").asText()).isEqualTo(author.id());
    assertThat(vent.get("author").get("username").asText()).isEqualTo(author.username());
    assertThat(vent.get("author").get("displayName").asText())
        .isEqualTo("Name of " + author.username());
    assertThat(vent.get("text").asText()).isEqualTo("first vent\nsecond line");
    assertThat(vent.get("audience").asText()).isEqualTo("public");
    Instant createdAt = Instant.parse(vent.get("createdAt").asText());
    assertThat(createdAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
    assertThat(vent.get("expiresAt").isNull()).isTrue();
    assertThat(vent.get("mentions")).isEmpty();

    assertThat(ok(rest.get("/vents/" + id, null))).as("anonymous read").isEqualTo(vent);
    assertThat(ok(rest.get("/vents/" + id, author.accessToken()))).isEqualTo(vent);
    // Read-your-writes: no waiting for the fan-out.
    assertThat(ids(timeline(author, ""))).first().isEqualTo(id);
    assertThat(ok(rest.get("/users/" + author.id() + "/vents", null)).get("items").get(0))
        .isEqualTo(vent);
  }

  @Test
  void audiencesDecideWhoSeesAVentOnEveryRead() throws InterruptedException {
    Account author = Accounts.register(rest, Accounts.uniqueName("vent_au"));
    Account follower = Accounts.register(rest, Accounts.uniqueName("vent_fo"));
    Account mutual = Accounts.register(rest, Accounts.uniqueName("vent_mu"));
    Account stranger = Accounts.register(rest, Accounts.uniqueName("vent_st"));
    follow(follower, author);
    follow(mutual, author);
    follow(author, mutual);

    long t0 = System.nanoTime();
    String everyone = id(post(author, "to everyone", "public", null));
    String followers = id(post(author, "to my followers", "followers", null));
    String mutuals = id(post(author, "to my mutuals", "mutuals", null));

    awaitTimeline(follower, "the public and followers-only vents", everyone, followers);
    System.out.printf("event=fan_out_latency ms=%.0f%n", (System.nanoTime() - t0) / 1e6);
    awaitTimeline(mutual, "all three vents", everyone, followers, mutuals);

    // The follower: public and followers-only, never the mutuals-only one.
    assertThat(ids(timeline(follower, ""))).containsExactly(followers, everyone);
    ok(rest.get("/vents/" + followers, follower.accessToken()));
    notFound(rest.get("/vents/" + mutuals, follower.accessToken()));
    assertThat(userVents(author, follower)).containsExactly(followers, everyone);
    // The mutual follow sees everything.
    assertThat(ids(timeline(mutual, ""))).containsExactly(mutuals, followers, everyone);
    assertThat(userVents(author, mutual)).containsExactly(mutuals, followers, everyone);
    ok(rest.get("/vents/" + mutuals, mutual.accessToken()));
    // A stranger and an anonymous caller: the public vent only, the others do not exist for them.
    for (String token : new String[] {stranger.accessToken(), null}) {
      ok(rest.get("/vents/" + everyone, token));
      notFound(rest.get("/vents/" + followers, token));
      notFound(rest.get("/vents/" + mutuals, token));
      assertThat(userVents(author, token == null ? null : stranger)).containsExactly(everyone);
    }
    assertThat(ids(timeline(stranger, ""))).doesNotContain(everyone, followers, mutuals);
    // The hidden vent answers exactly as a vent that never existed.
    JsonNode hidden = rest.get("/vents/" + followers, stranger.accessToken()).json();
    JsonNode missing = rest.get("/vents/" + author.id() + "-zzzzzz", stranger.accessToken()).json();
    assertThat(hidden.get("detail")).isEqualTo(missing.get("detail"));
    assertThat(hidden.get("type")).isEqualTo(missing.get("type"));

    // Unfollowing takes the followers-only vent away at once, on every read.
    assertThat(rest.delete("/me/following/" + author.id(), follower.accessToken()).status())
        .isEqualTo(204);
    notFound(rest.get("/vents/" + followers, follower.accessToken()));
    assertThat(ids(timeline(follower, ""))).doesNotContain(followers, mutuals);
  }

  @Test
  void aDeletedVentIsGoneEverywhere() throws InterruptedException {
    Account author = Accounts.register(rest, Accounts.uniqueName("vent_da"));
    Account follower = Accounts.register(rest, Accounts.uniqueName("vent_df"));
    follow(follower, author);
    String kept = id(post(author, "kept", "public", null));
    String doomed = id(post(author, "regretted", "followers", null));
    awaitTimeline(follower, "both vents", kept, doomed);

    notFound(rest.delete("/vents/" + doomed, follower.accessToken()));
    notFound(rest.delete("/vents/" + doomed, null), 401, "UNAUTHENTICATED");
    ok(rest.get("/vents/" + doomed, follower.accessToken()));

    Rest.Response deleted = rest.delete("/vents/" + doomed, author.accessToken());
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
    notFound(rest.get("/vents/" + doomed, author.accessToken()));
    notFound(rest.get("/vents/" + doomed, follower.accessToken()));
    notFound(rest.delete("/vents/" + doomed, author.accessToken()));
    assertThat(userVents(author, author)).containsExactly(kept);
    assertThat(ids(timeline(author, ""))).containsExactly(kept);
    assertThat(ids(timeline(follower, ""))).containsExactly(kept);
  }

  /**
   * Expiry: the shortest lifetime is an hour, so the test checks the two things that make a vent
   * vanish on time: its {@code expiresAt} is its creation plus its lifetime, and its Redis hash
   * carries that instant as its expiry, so Redis itself removes it then. It then lets that expiry
   * come now (as an operator would with PEXPIREAT on the stack's Redis, no hook in the provider)
   * and checks that every read drops the vent once its data is gone.
   */
  @Test
  void anExpiringVentCarriesItsExpiryIntoRedisAndVanishesFromEveryReadWhenItComes()
      throws InterruptedException {
    Account author = Accounts.register(rest, Accounts.uniqueName("vent_ea"));
    Account follower = Accounts.register(rest, Accounts.uniqueName("vent_ef"));
    follow(follower, author);
    String kept = id(post(author, "for good", "public", null));
    JsonNode expiring = ok(post(author, "for an hour", "public", 3600L));
    String id = expiring.get("id").asText();
    Instant createdAt = Instant.parse(expiring.get("createdAt").asText());
    Instant expiresAt = Instant.parse(expiring.get("expiresAt").asText());
    assertThat(expiresAt).isEqualTo(createdAt.plusSeconds(3600));
    assertThat(ok(rest.get("/vents/" + id, null)).get("expiresAt").asText())
        .isEqualTo(expiring.get("expiresAt").asText());
    awaitTimeline(follower, "both vents", kept, id);

    VentHash hash = ventHash(author.id(), id);
    assertThat(hash.call("PEXPIRETIME"))
        .as("the hash expires at expiresAt")
        .isEqualTo(expiresAt.toEpochMilli());
    assertThat(ventHash(author.id(), kept).call("PEXPIRETIME"))
        .as("a kept vent never expires")
        .isEqualTo(-1L);

    // Expiry comes now: Redis removes the hash, and every read drops the vent.
    assertThat(hash.call("PEXPIREAT", Long.toString(System.currentTimeMillis() - 1))).isEqualTo(1L);
    assertThat(hash.call("EXISTS")).isEqualTo(0L);
    notFound(rest.get("/vents/" + id, null));
    notFound(rest.get("/vents/" + id, author.accessToken()));
    assertThat(userVents(author, null)).containsExactly(kept);
    assertThat(ids(timeline(author, ""))).containsExactly(kept);
    assertThat(ids(timeline(follower, ""))).containsExactly(kept);
  }

  @Test
  void aDeletedAccountsVentsLeaveEveryTimeline() throws InterruptedException {
    Account author = Accounts.register(rest, Accounts.uniqueName("vent_xa"));
    Account follower = Accounts.register(rest, Accounts.uniqueName("vent_xf"));
    Account other = Accounts.register(rest, Accounts.uniqueName("vent_xo"));
    follow(follower, author);
    follow(follower, other);
    String gone = id(post(author, "last words", "public", null));
    String stays = id(post(other, "still here", "public", null));
    awaitTimeline(follower, "both authors' vents", gone, stays);

    Rest.Response deleted =
        rest.send(
            "DELETE",
            "/me",
            Rest.obj("password", Accounts.PASSWORD).toString(),
            "application/json",
            author.accessToken());
    long t0 = System.nanoTime();
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
    Eventually.succeeds(
        "the deleted account's vent out of the follower's timeline and unreadable",
        ACCOUNT_GONE_WITHIN,
        () -> {
          assertThat(ids(timeline(follower, ""))).containsExactly(stays);
          notFound(rest.get("/vents/" + gone, follower.accessToken()));
          notFound(rest.get("/vents/" + gone, null));
        });
    System.out.printf("event=deleted_account_vents_gone ms=%.0f%n", (System.nanoTime() - t0) / 1e6);
    Rest.Response list = rest.get("/users/" + author.id() + "/vents", null);
    assertThat(list.status()).as(list.raw()).isEqualTo(404);
    assertThat(list.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
    // Not only hidden: the provider removes the account's vents from Redis.
    Eventually.until(
        "the deleted account's vent data removed from Redis",
        Duration.ofSeconds(10),
        () -> ventKeys(author.id()).isEmpty());
  }

  @Test
  void pagesAreNewestFirstAndFollowTheirCursors() throws InterruptedException {
    Account author = Accounts.register(rest, Accounts.uniqueName("vent_pa"));
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posted.add(0, id(post(author, "vent number " + i, "public", null)));
    }
    assertThat(allPages("/users/" + author.id() + "/vents", null))
        .containsExactlyElementsOf(posted);
    assertThat(allPages("/me/timeline", author.accessToken())).containsExactlyElementsOf(posted);
    JsonNode last = ok(rest.get("/users/" + author.id() + "/vents?limit=5", null));
    assertThat(ids(last)).containsExactlyElementsOf(posted);
    JsonNode beyond = ok(rest.get("/users/" + author.id() + "/vents?limit=4", null));
    assertThat(beyond.get("nextCursor").isNull()).isFalse();
    JsonNode tail =
        ok(
            rest.get(
                "/users/"
                    + author.id()
                    + "/vents?limit=4&cursor="
                    + beyond.get("nextCursor").asText(),
                null));
    assertThat(ids(tail)).containsExactly(posted.get(4));
    assertThat(tail.get("nextCursor").isNull()).isTrue();
  }

  /** Every item id of every page of {@code path} at 2 per page. */
  private List<String> allPages(String path, String token) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          ok(rest.get(path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token));
      assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
      out.addAll(ids(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return out;
  }

  private Rest.Response post(Account author, String text, String audience, Long expiresInSeconds) {
    var body = Rest.obj("text", text, "audience", audience);
    if (expiresInSeconds != null) {
      body.put("expiresInSeconds", expiresInSeconds);
    }
    return rest.post("/vents", body, author.accessToken());
  }

  private void follow(Account who, Account whom) {
    Rest.Response r = rest.put("/me/following/" + whom.id(), who.accessToken());
    assertThat(r.status()).as(r.raw()).isEqualTo(204);
  }

  private JsonNode timeline(Account owner, String query) {
    return ok(rest.get("/me/timeline" + query, owner.accessToken()));
  }

  private List<String> userVents(Account author, Account viewer) {
    return ids(
        ok(
            rest.get(
                "/users/" + author.id() + "/vents", viewer == null ? null : viewer.accessToken())));
  }

  private void awaitTimeline(Account owner, String what, String... ventIds)
      throws InterruptedException {
    Eventually.succeeds(
        what + " in the timeline of " + owner.username(),
        FAN_OUT_WITHIN,
        () -> assertThat(ids(timeline(owner, ""))).contains(ventIds));
  }

  /** The Redis keys of {@code authorId}'s vents, on whichever primary holds their slot. */
  private List<String> ventKeys(String authorId) {
    List<String> keys = new ArrayList<>();
    for (RedisProbe redis : redisNodes()) {
      keys.addAll(redis.keys("vent:post:{" + authorId + "}:*"));
    }
    return keys;
  }

  /** The Redis hash of one vent, found by its id (its key ends with the id). */
  private VentHash ventHash(String authorId, String ventId) {
    for (RedisProbe redis : redisNodes()) {
      for (String key : redis.keys("vent:post:{" + authorId + "}:*")) {
        try {
          if (key.endsWith(":" + ventId) && "hash".equals(redis.call("TYPE", key))) {
            return new VentHash(redis, key);
          }
        } catch (IllegalStateException replica) {
          // A cluster replica lists its primary's keys but redirects commands on them (MOVED).
        }
      }
    }
    throw new AssertionError("no Redis hash of vent " + ventId);
  }

  /** One vent's hash on the Redis node that holds it, as the stack's admin user. */
  private record VentHash(RedisProbe redis, String key) {
    Object call(String command, String... args) {
      String[] full = new String[args.length + 2];
      full[0] = command;
      full[1] = key;
      System.arraycopy(args, 0, full, 2, args.length);
      return redis.call(full);
    }
  }

  /** Every Redis node of the stack (one, or every primary and replica of the cluster). */
  private List<RedisProbe> redisNodes() {
    List<RedisProbe> probes = new ArrayList<>();
    for (RedisNodes.Node node : stack.settings().redisNodes()) {
      probes.add(
          new RedisProbe(
              node.port(),
              stack.settings().topology().redis().adminUser(),
              stack.secret("REDIS_PASSWORD_admin")));
    }
    return probes;
  }

  private static String id(Rest.Response created) {
    return ok(created).get("id").asText();
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(item -> out.add(item.get("id").asText()));
    return out;
  }

  private static JsonNode ok(Rest.Response r) {
    assertThat(r.status()).as(r.raw()).isBetween(200, 201);
    return r.json();
  }

  private static void notFound(Rest.Response r) {
    notFound(r, 404, "VENT_NOT_FOUND");
  }

  private static void notFound(Rest.Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("code").asText()).as(r.raw()).isEqualTo(code);
  }
}
