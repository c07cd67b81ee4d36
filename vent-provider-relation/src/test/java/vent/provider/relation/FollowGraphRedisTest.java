package vent.provider.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.error.VentException;
import vent.common.testing.MutableClock;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.FollowPage;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.SuggestedUser;
import vent.provider.relation.domain.UserCounts;
import vent.provider.relation.store.HandOffDriver;
import vent.provider.relation.store.RedisRelationRepository;

/** The use cases end to end on a real Redis: cursors, equal follow times, suggestions. */
class FollowGraphRedisTest {

  private static final long T0 = 1_767_225_600_000L;

  /** Redis' order among equal follow times: user id descending, byte order. */
  private static final Comparator<String> BYTES_DESCENDING =
      Comparator.<String>naturalOrder().reversed();

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private MutableClock clock;
  private FollowGraph graph;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    graph =
        new FollowGraph(
            new HandOffDriver(REDIS.client(), clock::millis)
                .settling(
                    HandOffDriver.repository(
                        REDIS.client(), RedisRelationRepository.DEFAULT_BATCH_CHUNK_EDGES)),
            clock);
  }

  @Test
  void followAndUnfollowAreIdempotent() {
    assertThat(graph.follow("1", "2")).isTrue();
    assertThat(graph.follow("1", "2")).isFalse();
    assertThat(graph.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 0, 1), new UserCounts("2", 1, 0));
    assertThat(graph.relationships("2", List.of("1")))
        .containsExactly(new Relation("1", false, true));
    assertThat(graph.unfollow("1", "2")).isTrue();
    assertThat(graph.unfollow("1", "2")).isFalse();
    assertThat(graph.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 0, 0), new UserCounts("2", 0, 0));
  }

  @Test
  void followersInPagesNewestFirstThenTheEnd() {
    for (int i = 1; i <= 45; i++) {
      graph.follow(String.valueOf(100 + i), "1");
      clock.advance(1000);
    }
    FollowPage first = graph.list(Direction.FOLLOWERS, "1", 20, "");
    assertThat(first.items()).hasSize(20);
    assertThat(first.items().get(0)).isEqualTo(new FollowItem("145", T0 + 44_000));
    assertThat(first.nextCursor()).isNotEmpty();
    FollowPage second = graph.list(Direction.FOLLOWERS, "1", 20, first.nextCursor());
    assertThat(second.items().get(0).userId()).isEqualTo("125");
    FollowPage third = graph.list(Direction.FOLLOWERS, "1", 20, second.nextCursor());
    assertThat(third.items())
        .extracting(FollowItem::userId)
        .containsExactly("105", "104", "103", "102", "101");
    assertThat(third.nextCursor()).isEmpty();

    assertThat(graph.list(Direction.FOLLOWING, "101", 0, "").items())
        .containsExactly(new FollowItem("1", T0));
  }

  @Test
  void aFullLastPageCarriesNoCursor() {
    for (int i = 1; i <= 40; i++) {
      graph.follow("1", String.valueOf(100 + i));
      clock.advance(1);
    }
    FollowPage first = graph.list(Direction.FOLLOWING, "1", 0, "");
    assertThat(first.items()).hasSize(20);
    FollowPage second = graph.list(Direction.FOLLOWING, "1", 0, first.nextCursor());
    assertThat(second.items()).hasSize(20);
    assertThat(second.nextCursor()).isEmpty();
    assertThat(graph.list(Direction.FOLLOWING, "2", 0, ""))
        .isEqualTo(new FollowPage(List.of(), ""));
  }

  @Test
  void equalFollowTimesPageEachEntryExactlyOnceInOrder() {
    List<String> ids = importFollowersOf("1", 250);
    List<String> seen = readAll("1", 20, (page, n) -> {});
    assertThat(seen).isEqualTo(ids.stream().sorted(BYTES_DESCENDING).toList());
  }

  @Test
  void equalFollowTimesSurviveRemovalsBetweenPages() {
    List<String> ids = importFollowersOf("1", 250);
    List<String> order = ids.stream().sorted(BYTES_DESCENDING).toList();
    Set<String> removedUnseen = new HashSet<>();
    List<String> seen =
        readAll(
            "1",
            20,
            (page, n) -> {
              // The reader's cursor entry unfollows, and so does an entry a few places ahead (not
              // read yet).
              String last = page.get(page.size() - 1).userId();
              graph.unfollow(last, "1");
              int ahead = order.indexOf(last) + 7;
              if (ahead < order.size() && graph.unfollow(order.get(ahead), "1")) {
                removedUnseen.add(order.get(ahead));
              }
            });
    List<String> expected =
        ids.stream().filter(id -> !removedUnseen.contains(id)).sorted(BYTES_DESCENDING).toList();
    assertThat(removedUnseen).isNotEmpty();
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void aRefollowBetweenPagesIsNotReadTwice() {
    List<String> ids = importFollowersOf("1", 100);
    List<String> seen =
        readAll(
            "1",
            15,
            (page, n) -> {
              String last = page.get(page.size() - 1).userId();
              graph.unfollow(last, "1");
              clock.advance(1);
              graph.follow(last, "1"); // moves to the top, behind the reader
            });
    assertThat(seen).isEqualTo(ids.stream().sorted(BYTES_DESCENDING).toList());
  }

  @Test
  void mixedTimesWithRemovals() {
    List<String> expected = new ArrayList<>();
    for (int group = 0; group < 5; group++) {
      List<FollowEdge> edges = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String id = String.valueOf(1000 * (group + 1) + i * 7);
        edges.add(new FollowEdge(id, "1"));
        ids.add(id);
      }
      graph.batchFollow(edges);
      clock.advance(5);
      expected.addAll(0, ids.stream().sorted(BYTES_DESCENDING).toList());
    }
    List<String> seen =
        readAll("1", 13, (page, n) -> graph.unfollow(page.get(page.size() - 1).userId(), "1"));
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void aForeignCursorIsRejected() {
    assertThatThrownBy(() -> graph.list(Direction.FOLLOWERS, "1", 10, "eyJwYWdlIjoyfQ"))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_CURSOR"));
  }

  @Test
  void batchFollowSkipsSelfEdgesAndIsIdempotent() {
    List<FollowEdge> edges =
        List.of(
            new FollowEdge("1", "2"),
            new FollowEdge("3", "3"),
            new FollowEdge("2", "1"),
            new FollowEdge("1", "2"));
    assertThat(graph.batchFollow(edges)).isEqualTo(2);
    assertThat(graph.batchFollow(edges)).isZero();
    assertThat(graph.counts(List.of("3"))).containsExactly(new UserCounts("3", 0, 0));
    assertThat(graph.mutuals("1", 0)).containsExactly("2");
  }

  @Test
  void suggestionsFromAHandMadeGraph() {
    // 1 follows 2, 3, 4. 2 follows 5, 6, 7, 1; 3 follows 5, 6, 4; 4 follows 5, 8.
    // Candidates: 5 (by 2, 3, 4), 6 (by 2, 3), 7 and 8 (by one each); 1 is self, 4 is followed.
    follow("1", "2", "3", "4");
    follow("2", "5", "6", "7", "1");
    follow("3", "5", "6", "4");
    follow("4", "5", "8");
    assertThat(graph.suggestions("1", 0))
        .containsExactly(
            new SuggestedUser("5", 3),
            new SuggestedUser("6", 2),
            new SuggestedUser("7", 1),
            new SuggestedUser("8", 1));
    assertThat(graph.suggestions("1", 2))
        .containsExactly(new SuggestedUser("5", 3), new SuggestedUser("6", 2));
    assertThat(graph.suggestions("5", 0)).isEmpty();
  }

  @Test
  void suggestionsLeaveOutFolloweesOlderThanTheSample() {
    // 1 follows 300 users: 1000-1099 first, then 2000-2199 (the 200 most recent, the sample).
    List<FollowEdge> old = new ArrayList<>();
    for (int i = 1000; i < 1100; i++) {
      old.add(new FollowEdge("1", String.valueOf(i)));
    }
    graph.batchFollow(old);
    clock.advance(10);
    List<FollowEdge> recent = new ArrayList<>();
    for (int i = 2000; i < 2200; i++) {
      recent.add(new FollowEdge("1", String.valueOf(i)));
    }
    graph.batchFollow(recent);
    follow("2000", "1050", "5000");
    follow("2001", "5000");
    follow("1000", "6000"); // outside the sample: not a source of suggestions
    assertThat(graph.suggestions("1", 0)).containsExactly(new SuggestedUser("5000", 2));
  }

  /**
   * Makes {@code count} users follow {@code userId} in one batch (one follow time); returns their
   * ids.
   */
  private List<String> importFollowersOf(String userId, int count) {
    List<FollowEdge> edges = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.valueOf(7 + i * 13); // mixed lengths, so byte order differs from numeric
      ids.add(id);
      edges.add(new FollowEdge(id, userId));
    }
    assertThat(graph.batchFollow(edges)).isEqualTo(count);
    clock.advance(1);
    return ids;
  }

  /**
   * Reads a followers list to its end; {@code between} runs after each page but the last (page,
   * index).
   */
  private List<String> readAll(
      String userId, int limit, BiConsumer<List<FollowItem>, Integer> between) {
    List<String> seen = new ArrayList<>();
    String cursor = "";
    for (int n = 0; n < 1000; n++) {
      FollowPage page = graph.list(Direction.FOLLOWERS, userId, limit, cursor);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      page.items().forEach(item -> seen.add(item.userId()));
      if (page.nextCursor().isEmpty()) {
        assertThat(seen).doesNotHaveDuplicates();
        return seen;
      }
      assertThat(page.items()).hasSize(limit);
      between.accept(page.items(), n);
      cursor = page.nextCursor();
    }
    throw new AssertionError("pagination did not end");
  }

  private void follow(String follower, String... followees) {
    for (String followee : followees) {
      graph.follow(follower, followee);
      clock.advance(1);
    }
  }
}
