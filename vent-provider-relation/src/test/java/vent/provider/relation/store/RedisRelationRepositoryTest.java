package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScoredSortedSet;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.FollowOutcome;
import vent.provider.relation.domain.PageCursor;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.RelationRepository;
import vent.provider.relation.domain.UserCounts;

/** The Redis store against a real redis-server. */
class RedisRelationRepositoryTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private HandOffDriver handOffs;
  private RelationRepository repo;

  @BeforeEach
  void setUp() {
    handOffs = new HandOffDriver(REDIS.client(), () -> 0L);
    repo =
        handOffs.settling(
            HandOffDriver.repository(
                REDIS.client(), RedisRelationRepository.DEFAULT_BATCH_CHUNK_EDGES));
  }

  @Test
  void followIsStoredOnBothSidesWithItsTime() {
    assertThat(repo.follow("1", "2", 1000L)).isEqualTo(FollowOutcome.CREATED);
    assertThat(zset("vent:relation:{1}:following")).containsExactly(Map.entry("2", 1000L));
    assertThat(zset("vent:relation:{2}:followers")).containsExactly(Map.entry("1", 1000L));
    assertThat(REDIS.client().getKeys().getKeysStream())
        .as("each user's keys carry the user's hash tag")
        .filteredOn(k -> !k.startsWith("vent:outbox:") && !k.startsWith("vent:events:"))
        .containsExactlyInAnyOrder(
            "vent:relation:{1}:following",
            "vent:relation:{1}:clock",
            "vent:relation:{2}:followers",
            "vent:notification:{2}:inbox");
  }

  @Test
  void followIsIdempotentAndKeepsTheFirstTime() {
    repo.follow("1", "2", 1000L);
    assertThat(repo.follow("1", "2", 5000L)).isEqualTo(FollowOutcome.UNCHANGED);
    assertThat(zset("vent:relation:{1}:following")).containsExactly(Map.entry("2", 1000L));
    assertThat(zset("vent:relation:{2}:followers")).containsExactly(Map.entry("1", 1000L));
  }

  @Test
  void unfollowRemovesBothSidesAndIsIdempotent() {
    repo.follow("1", "2", 1000L);
    repo.follow("1", "3", 1000L);
    assertThat(repo.unfollow("1", "2", 9000L)).isTrue();
    assertThat(zset("vent:relation:{1}:following")).containsOnlyKeys("3");
    assertThat(zset("vent:relation:{2}:followers")).isEmpty();
    assertThat(repo.unfollow("1", "2", 9000L)).isFalse();
    assertThat(repo.unfollow("7", "8", 9000L)).isFalse();
    assertThat(zset("vent:relation:{1}:following")).containsOnlyKeys("3");
  }

  @Test
  void countsInRequestOrder() {
    repo.follow("1", "2", 1L);
    repo.follow("3", "2", 1L);
    repo.follow("2", "1", 1L);
    assertThat(repo.counts(List.of("2", "1", "99", "2")))
        .containsExactly(
            new UserCounts("2", 2, 1),
            new UserCounts("1", 1, 1),
            new UserCounts("99", 0, 0),
            new UserCounts("2", 2, 1));
  }

  @Test
  void relationshipsInRequestOrder() {
    repo.follow("1", "2", 1L);
    repo.follow("3", "1", 1L);
    repo.follow("1", "4", 1L);
    repo.follow("4", "1", 1L);
    assertThat(repo.relationships("1", List.of("4", "3", "2", "5", "1", "2")))
        .containsExactly(
            new Relation("4", true, true),
            new Relation("3", false, true),
            new Relation("2", true, false),
            new Relation("5", false, false),
            new Relation("1", false, false),
            new Relation("2", true, false));
  }

  @Test
  void fiveHundredIdsInOneCall() {
    List<String> others = new ArrayList<>();
    for (int i = 2; i <= 501; i++) {
      others.add(String.valueOf(i));
      if (i % 2 == 0) {
        repo.follow("1", String.valueOf(i), 1L);
      }
    }
    List<Relation> relations = repo.relationships("1", others);
    assertThat(relations).hasSize(500);
    assertThat(relations)
        .filteredOn(Relation::following)
        .hasSize(250)
        .allMatch(r -> Integer.parseInt(r.userId()) % 2 == 0);
    List<UserCounts> counts = repo.counts(others);
    assertThat(counts).hasSize(500);
    assertThat(counts.get(0)).isEqualTo(new UserCounts("2", 1, 0));
    assertThat(counts.get(1)).isEqualTo(new UserCounts("3", 0, 0));
  }

  @Test
  void batchFollowCountsNewEdgesOnlyAndWritesBothSides() {
    RelationRepository smallChunks = handOffs.settling(HandOffDriver.repository(REDIS.client(), 7));
    repo.follow("1", "2", 10L);
    List<FollowEdge> edges = new ArrayList<>();
    for (int a = 1; a <= 10; a++) {
      for (int b = 11; b <= 15; b++) {
        edges.add(new FollowEdge(String.valueOf(a), String.valueOf(b)));
      }
    }
    edges.add(new FollowEdge("1", "2")); // existed before
    edges.add(new FollowEdge("3", "12")); // duplicate within the call
    assertThat(smallChunks.batchFollow(edges, 20L)).isEqualTo(50);
    for (int a = 1; a <= 10; a++) {
      for (int b = 11; b <= 15; b++) {
        assertThat(zset(RelationKeys.following(String.valueOf(a))))
            .containsEntry(String.valueOf(b), 20L);
        assertThat(zset(RelationKeys.followers(String.valueOf(b))))
            .containsEntry(String.valueOf(a), 20L);
      }
    }
    assertThat(zset(RelationKeys.following("1"))).containsEntry("2", 10L);
    assertThat(smallChunks.batchFollow(edges, 30L)).isZero();
    assertThat(zset(RelationKeys.following("1"))).containsEntry("11", 20L);
  }

  @Test
  void batchFollowSpeed() {
    // A wiki-Vote-sized graph: 100 000 random edges among 7 000 users, in calls of 10 000.
    Random random = new Random(42);
    List<List<FollowEdge>> calls = new ArrayList<>();
    Set<FollowEdge> distinct = new HashSet<>();
    for (int c = 0; c < 10; c++) {
      List<FollowEdge> call = new ArrayList<>(10_000);
      while (call.size() < 10_000) {
        int a = 1 + random.nextInt(7000);
        int b = 1 + random.nextInt(7000);
        if (a != b) {
          FollowEdge edge = new FollowEdge(String.valueOf(a), String.valueOf(b));
          call.add(edge);
          distinct.add(edge);
        }
      }
      calls.add(call);
    }
    // The follower's side only (what an import call waits for), then the hand-offs.
    RelationRepository writer =
        HandOffDriver.repository(REDIS.client(), RedisRelationRepository.DEFAULT_BATCH_CHUNK_EDGES);
    // Warm up the JIT, the connections and the script cache on users outside the measured graph.
    for (int w = 0; w < 3; w++) {
      List<FollowEdge> warmUp = new ArrayList<>(10_000);
      for (int i = 0; i < 10_000; i++) {
        warmUp.add(
            new FollowEdge(
                String.valueOf(100_000 + random.nextInt(5000)), String.valueOf(200_000 + i)));
      }
      writer.batchFollow(warmUp, 1L);
    }
    long t0 = System.nanoTime();
    long created = 0;
    for (List<FollowEdge> call : calls) {
      created += writer.batchFollow(call, 2L);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    handOffs.settle();
    double applySeconds = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        "event=batch_follow_speed edges=100000 created=%d seconds=%.3f edgesPerSecond=%.0f"
            + " handOffSeconds=%.3f%n",
        created, seconds, 100_000 / seconds, applySeconds);
    assertThat(created).isEqualTo(distinct.size());
    long following =
        repo.counts(List.of("1", "2", "3")).stream().mapToLong(UserCounts::following).sum();
    long expected =
        distinct.stream().filter(e -> Set.of("1", "2", "3").contains(e.followerId())).count();
    assertThat(following).isEqualTo(expected);
  }

  /** Writes one edge with exactly the given time (single follows are kept strictly ordered). */
  private void followAt(String followerId, String followeeId, long atMs) {
    repo.batchFollow(List.of(new FollowEdge(followerId, followeeId)), atMs);
  }

  @Test
  void followsOfOneUserWithinOneMillisecondKeepTheOrderTheyHappenedIn() {
    repo.follow("1", "2", 100L);
    repo.follow("1", "3", 100L);
    repo.follow("1", "4", 50L);
    assertThat(repo.page(Direction.FOLLOWING, "1", null, 10))
        .containsExactly(
            new FollowItem("4", 102L), new FollowItem("3", 101L), new FollowItem("2", 100L));
    assertThat(repo.page(Direction.FOLLOWERS, "4", null, 10))
        .containsExactly(new FollowItem("1", 102L));
  }

  @Test
  void pageIsNewestFirstWithTiesByIdDescendingInByteOrder() {
    followAt("5", "1", 100L);
    followAt("9", "1", 300L);
    followAt("10", "1", 200L);
    followAt("20", "1", 200L);
    followAt("3", "1", 200L);
    assertThat(repo.page(Direction.FOLLOWERS, "1", null, 10))
        .containsExactly(
            new FollowItem("9", 300L),
            new FollowItem("3", 200L),
            new FollowItem("20", 200L),
            new FollowItem("10", 200L),
            new FollowItem("5", 100L));
    assertThat(repo.page(Direction.FOLLOWING, "5", null, 10))
        .containsExactly(new FollowItem("1", 100L));
    assertThat(repo.page(Direction.FOLLOWING, "1", null, 10)).isEmpty();
  }

  @Test
  void pageContinuesAfterACursorWhoseEntryIsGoneOrMoved() {
    for (String id : List.of("11", "12", "13", "14", "15")) {
      followAt(id, "1", 100L);
    }
    followAt("2", "1", 50L);
    PageCursor after13 = new PageCursor(100L, "13");
    List<FollowItem> rest =
        List.of(new FollowItem("12", 100L), new FollowItem("11", 100L), new FollowItem("2", 50L));
    assertThat(repo.page(Direction.FOLLOWERS, "1", after13, 10)).isEqualTo(rest);

    repo.unfollow("13", "1", 9000L);
    assertThat(repo.page(Direction.FOLLOWERS, "1", after13, 10)).isEqualTo(rest);

    followAt("13", "1", 999L); // re-followed: now at the top, already behind the reader
    assertThat(repo.page(Direction.FOLLOWERS, "1", after13, 10)).isEqualTo(rest);

    // A cursor between existing members and past the end.
    assertThat(repo.page(Direction.FOLLOWERS, "1", new PageCursor(100L, "125"), 10))
        .isEqualTo(rest);
    assertThat(repo.page(Direction.FOLLOWERS, "1", new PageCursor(100L, "10"), 10))
        .containsExactly(new FollowItem("2", 50L));
    assertThat(repo.page(Direction.FOLLOWERS, "1", new PageCursor(1L, "9"), 10)).isEmpty();
  }

  @Test
  void mutualsAreMostRecentlyFollowedFirstWhicheverSideIsSmaller() {
    // 1 follows 2..7 (2 first, 6 last, 5 and 7 at one time); 3, 5, 6 follow back; plus many
    // followers who are not followed.
    for (int i = 2; i <= 4; i++) {
      followAt("1", String.valueOf(i), 100L + i);
    }
    repo.batchFollow(List.of(new FollowEdge("1", "5"), new FollowEdge("1", "7")), 105L);
    followAt("1", "6", 106L);
    for (String id : List.of("3", "5", "6")) {
      followAt(id, "1", 1L);
    }
    assertThat(repo.mutuals("1", 10)).containsExactly("6", "5", "3");
    assertThat(repo.mutuals("1", 2)).containsExactly("6", "5");

    // Now followers are fewer than followees: the other branch gives the same answer.
    List<FollowEdge> more = new ArrayList<>();
    for (int i = 100; i < 120; i++) {
      more.add(new FollowEdge("1", String.valueOf(i)));
    }
    repo.batchFollow(more, 10L);
    assertThat(repo.mutuals("1", 10)).containsExactly("6", "5", "3");
    assertThat(repo.mutuals("1", 1)).containsExactly("6");
    followAt("7", "1", 1L); // 7 was followed at the time of 5: ties by id descending
    assertThat(repo.mutuals("1", 10)).containsExactly("6", "7", "5", "3");
    assertThat(repo.mutuals("42", 10)).isEmpty();
  }

  @Test
  void mutualsOfAHugeAccountLookAtTheMostRecentFolloweesWithinTheBudget() {
    int n = RedisRelationRepository.MUTUAL_SCAN_BUDGET + 500;
    List<FollowEdge> old = new ArrayList<>();
    List<FollowEdge> back = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      old.add(new FollowEdge("1", String.valueOf(100_000 + i)));
      back.add(new FollowEdge(String.valueOf(200_000 + i), "1"));
    }
    followAt("1", "200000", 5L); // the oldest followee, beyond the budget
    repo.batchFollow(old, 10L);
    repo.batchFollow(back, 10L);
    followAt("1", "7", 20L);
    followAt("7", "1", 20L);
    assertThat(repo.mutuals("1", 10)).containsExactly("7");
  }

  @Test
  void recentFollowingAndSecondLevel() {
    for (int i = 2; i <= 6; i++) {
      repo.follow("1", String.valueOf(i), i);
    }
    repo.follow("2", "9", 1L);
    repo.follow("2", "8", 2L);
    var sample = repo.recentFollowing("1", 3);
    assertThat(sample.userIds()).containsExactly("6", "5", "4");
    assertThat(sample.total()).isEqualTo(5);
    assertThat(sample.complete()).isFalse();
    assertThat(repo.recentFollowing("1", 200).complete()).isTrue();

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("2", List.of("8"));
    expected.put("3", List.of());
    assertThat(repo.recentFollowingOf(List.of("2", "3"), 1)).isEqualTo(expected);
  }

  @Test
  void followedAmongManyCandidates() {
    List<FollowEdge> edges = new ArrayList<>();
    for (int i = 1; i <= 2500; i++) {
      edges.add(new FollowEdge("1", String.valueOf(10 * i)));
    }
    repo.batchFollow(edges, 1L);
    List<String> candidates = new ArrayList<>();
    for (int i = 1; i <= 30_000; i += 3) {
      candidates.add(String.valueOf(i));
    }
    Set<String> expected = new HashSet<>();
    for (String c : candidates) {
      int v = Integer.parseInt(c);
      if (v % 10 == 0 && v <= 25_000) {
        expected.add(c);
      }
    }
    assertThat(repo.followedAmong("1", candidates)).isEqualTo(expected);
  }

  private static Map<String, Long> zset(String key) {
    RScoredSortedSet<String> set = REDIS.client().getScoredSortedSet(key, StringCodec.INSTANCE);
    Map<String, Long> out = new LinkedHashMap<>();
    for (ScoredEntry<String> e : set.entryRange(0, -1)) {
      out.put(e.getValue(), e.getScore().longValue());
    }
    return out;
  }
}
