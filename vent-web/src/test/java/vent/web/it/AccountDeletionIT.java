package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vent.common.testing.Eventually;
import vent.web.it.Accounts.Account;

/**
 * The deletion cascade of a user with thousands of followers from an imported graph: a registered
 * user {@code u900001}, followed by 2,500 imported users (nodes 910001-912500) and by a registered
 * user, and following 300 of them, deletes their account ({@code DELETE /me}). After the 204 the
 * profile is gone, every follow edge is gone from both sides (counts and lists of all 2,801
 * others), the access token gets 401 TOKEN_INVALID, the refresh token and the old password are
 * refused, and the username is free again. The time until all of it holds is printed (the figure of
 * docs/SCALING.md); the test fails if it does not hold within {@link #CASCADE_LIMIT}.
 */
@SharedStack
class AccountDeletionIT {

  private static final int NODE = 900_001;
  private static final int FIRST_FOLLOWER = 910_001;
  private static final int FOLLOWERS = 2_500;

  /** {@code u900001} follows the first 300 of its imported followers back. */
  private static final int FOLLOWED_BACK = 300;

  /**
   * How long the test waits for the cascade: long enough that only a stalled cascade fails it on a
   * loaded 2-core CI machine. What users are promised (2 s) is a measured figure, printed as {@code
   * event=account_deletion_cascade} and kept in docs/SCALING.md, not a timed assertion.
   */
  private static final Duration CASCADE_LIMIT = Duration.ofSeconds(15);

  private static final Pattern SUMMARY =
      Pattern.compile("import done: users created=(\\d+) follows written=(\\d+)");

  private final Stack stack;
  private final Rest rest;

  AccountDeletionIT(Stack stack) {
    this.stack = stack;
    this.rest = new Rest(stack.api());
  }

  @Test
  void deletingAUserWithThousandsOfFollowersCascadesToEveryOtherUser() throws Exception {
    Account target = Accounts.register(rest, "u" + NODE);
    Account fan = Accounts.register(rest, Accounts.uniqueName("fan"));
    assertThat(rest.put("/me/following/" + target.id(), fan.accessToken()).status()).isEqualTo(204);
    importGraph();

    // The followers side converges as the relation hand-off applies the import's follows.
    Eventually.succeeds(
        "the imported followers of u" + NODE,
        Duration.ofSeconds(30),
        () ->
            assertThat(profile(target.id()).get("followersCount").asInt())
                .isEqualTo(FOLLOWERS + 1));
    JsonNode before = profile(target.id());
    assertThat(before.get("followingCount").asInt()).isEqualTo(FOLLOWED_BACK);
    List<String> followers = allIds("/users/" + target.id() + "/followers");
    List<String> followees = allIds("/users/" + target.id() + "/following");
    assertThat(followers).hasSize(FOLLOWERS + 1).contains(fan.id());
    assertThat(followees).hasSize(FOLLOWED_BACK);

    // A wrong password changes nothing.
    Rest.Response wrong = deleteMe(target.accessToken(), "not the password");
    assertThat(wrong.status()).as(wrong.raw()).isEqualTo(401);
    assertThat(wrong.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(rest.get("/me", target.accessToken()).status()).isEqualTo(200);
    assertThat(profile(target.id())).isEqualTo(before);

    Rest.Response deleted = deleteMe(target.accessToken(), Accounts.PASSWORD);
    long t0 = System.nanoTime();
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
    double cascadeMs = awaitCascade(target, fan, followers, followees, t0);
    System.out.printf(
        "event=account_deletion_cascade followers=%d followees=%d ms=%.0f%n",
        followers.size(), followees.size(), cascadeMs);
    assertThat(cascadeMs).as("cascade time, ms").isLessThanOrEqualTo(CASCADE_LIMIT.toMillis());

    // Everything else, checked once: every follower and followee, the lists, sessions, the name.
    for (String list : List.of("/followers", "/following")) {
      Rest.Response gone = rest.get("/users/" + target.id() + list, null);
      assertThat(gone.status()).as(list + " " + gone.raw()).isEqualTo(404);
      assertThat(gone.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
    }
    long t1 = System.nanoTime();
    // Each one's side is applied by the relation hand-off: exact once applied, waited for
    // (bounded).
    everyOther(
        followers,
        id ->
            converged(
                "u" + id + " unlinked", () -> assertNoLongerLinked(id, target.id(), "following")));
    everyOther(
        followees,
        id ->
            converged(
                "u" + id + " unlinked", () -> assertNoLongerLinked(id, target.id(), "followers")));
    System.out.printf(
        "event=account_deletion_checked users=%d seconds=%.1f%n",
        followers.size() + followees.size(), (System.nanoTime() - t1) / 1e9);
    Rest.Response login =
        rest.post(
            "/sessions",
            Rest.obj("username", target.username(), "password", Accounts.PASSWORD),
            null);
    assertThat(login.status()).as(login.raw()).isEqualTo(401);

    Account again = Accounts.register(rest, target.username());
    assertThat(again.id()).isNotEqualTo(target.id());
    JsonNode fresh = profile(again.id());
    assertThat(fresh.get("followersCount").asInt()).isZero();
    assertThat(fresh.get("followingCount").asInt()).isZero();
    assertThat(rest.get("/me", again.accessToken()).status()).isEqualTo(200);
    assertThat(rest.get("/me", target.accessToken()).status())
        .as("the old token stays refused")
        .isEqualTo(401);
  }

  /**
   * Polls until the deletion shows everywhere a client would notice it first, and returns the time
   * from the 204 until then, ms. Followers and followees checked here: the registered fan and 25
   * imported users spread over both lists (edges are removed in chunks, oldest first, so the newest
   * follower is among the last).
   */
  private double awaitCascade(
      Account target, Account fan, List<String> followers, List<String> followees, long t0)
      throws InterruptedException {
    List<String> sampleFollowers = spread(followers, 20);
    List<String> sampleFollowees = spread(followees, 5);
    String refreshToken = target.refreshToken();
    long deadline = t0 + CASCADE_LIMIT.toNanos() + Duration.ofSeconds(3).toNanos();
    while (true) {
      boolean done =
          rest.get("/users/" + target.id(), null).status() == 404
              && tokenInvalid(target.accessToken())
              && followingCount(fan.id()) == 0
              && sampleFollowers.stream()
                  .allMatch(id -> !listContains(id, "following", target.id()))
              && sampleFollowees.stream()
                  .allMatch(id -> !listContains(id, "followers", target.id()));
      if (done) {
        Rest.Response refresh =
            rest.post("/sessions/refresh", Rest.obj("refreshToken", refreshToken), null);
        if (refresh.status() == 401) {
          assertThat(refresh.json().get("code").asText()).isEqualTo("REFRESH_TOKEN_INVALID");
          return (System.nanoTime() - t0) / 1e6;
        }
        // Still working: a refresh token must die too, so the new one is checked next time.
        assertThat(refresh.status()).as(refresh.raw()).isEqualTo(200);
        refreshToken = refresh.json().get("refreshToken").asText();
      }
      assertThat(System.nanoTime())
          .as("the cascade did not complete within %s + 3 s", CASCADE_LIMIT)
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private void importGraph() throws IOException {
    StringBuilder edges =
        new StringBuilder("# AccountDeletionIT: ")
            .append(FOLLOWERS)
            .append(" followers of ")
            .append(NODE)
            .append(", who follows ")
            .append(FOLLOWED_BACK)
            .append(" back\n");
    for (int i = 0; i < FOLLOWERS; i++) {
      edges.append(FIRST_FOLLOWER + i).append('\t').append(NODE).append('\n');
      if (i < FOLLOWED_BACK) {
        edges.append(NODE).append(' ').append(FIRST_FOLLOWER + i).append("\r\n");
      }
    }
    Path file = stack.home().resolve("vent-web/target/account-deletion-graph.txt");
    Files.writeString(file, edges);
    Stack.Result result = stack.vent(Duration.ofMinutes(5), "import", file.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    Matcher summary = SUMMARY.matcher(result.output());
    assertThat(summary.find()).as(result.output()).isTrue();
    assertThat(Integer.parseInt(summary.group(1))).as("users created").isEqualTo(FOLLOWERS);
    assertThat(Integer.parseInt(summary.group(2)))
        .as("follows written")
        .isEqualTo(FOLLOWERS + FOLLOWED_BACK);
  }

  private Rest.Response deleteMe(String token, String password) {
    return rest.send(
        "DELETE", "/me", Rest.obj("password", password).toString(), "application/json", token);
  }

  private boolean tokenInvalid(String token) {
    Rest.Response me = rest.get("/me", token);
    return me.status() == 401 && "TOKEN_INVALID".equals(me.json().get("code").asText());
  }

  private JsonNode profile(String id) {
    Rest.Response r = rest.get("/users/" + id, null);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.json();
  }

  private int followingCount(String id) {
    return profile(id).get("followingCount").asInt();
  }

  private boolean listContains(String id, String list, String member) {
    Rest.Response page = rest.get("/users/" + id + "/" + list + "?limit=100", null);
    assertThat(page.status()).as(page.raw()).isEqualTo(200);
    return page.json().get("items").findValuesAsText("id").contains(member);
  }

  /** An imported user (one edge each way at most with the target) no longer linked to it. */
  private void assertNoLongerLinked(String id, String targetId, String list) {
    assertThat(listContains(id, list, targetId))
        .as("%s of %s still has %s", list, id, targetId)
        .isFalse();
    JsonNode p = profile(id);
    if (!p.get("username").asText().startsWith("u")) {
      // The registered fan: it followed only the target.
      assertThat(p.get("followingCount").asInt()).isZero();
      return;
    }
    int node = Integer.parseInt(p.get("username").asText().substring(1));
    assertThat(p.get("followingCount").asInt()).as("following of %s", id).isZero();
    assertThat(p.get("followersCount").asInt()).as("followers of %s", id).isZero();
    assertThat(node).isBetween(FIRST_FOLLOWER, FIRST_FOLLOWER + FOLLOWERS - 1);
  }

  /** Every id of a list, page by page (100 a page), newest first. */
  private List<String> allIds(String path) {
    Set<String> ids = new LinkedHashSet<>();
    String cursor = null;
    do {
      Rest.Response page =
          rest.get(path + "?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null);
      assertThat(page.status()).as(page.raw()).isEqualTo(200);
      page.json().get("items").forEach(user -> ids.add(user.get("id").asText()));
      cursor =
          page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
    } while (cursor != null);
    return new ArrayList<>(ids);
  }

  /** {@code n} ids spread evenly over {@code ids}, the first and the last included. */
  private static List<String> spread(List<String> ids, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ids.get((int) ((long) i * (ids.size() - 1) / (n - 1))));
    }
    return out;
  }

  /** Runs {@code check} for every id on 4 threads; fails with the first failure. */
  /** {@code check} once the relation hand-off has applied it, waiting at most 10 s. */
  private static void converged(String what, Runnable check) {
    try {
      Eventually.succeeds(what, Duration.ofSeconds(10), check);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void everyOther(List<String> ids, Consumer<String> check) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Map<String, Throwable> failures = new ConcurrentHashMap<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String id : ids) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    check.accept(id);
                  } catch (Throwable t) {
                    failures.put(id, t);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(failures).as("users still linked to the deleted one").isEmpty();
  }
}
