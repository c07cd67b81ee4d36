package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.HandOff;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.UserCounts;
import vent.provider.relation.events.HandOffHandler;

/**
 * The hand-off between the two sides of an edge: the actor reads their writes back at once, and the
 * other side converges to the newest write whatever the order, repetition or timing of the events
 * that carry it.
 */
class HandOffTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private RedisRelationRepository repo;
  private HandOffDriver driver;
  private RedisNotificationRepository inbox;

  @BeforeEach
  void setUp() {
    repo = HandOffDriver.repository(REDIS.client(), 1000);
    driver = new HandOffDriver(REDIS.client(), () -> 0L);
    inbox = new RedisNotificationRepository(REDIS.client());
  }

  @Test
  void theActorReadsTheirWritesBackBeforeAnyHandOff() {
    repo.follow("1", "2", 100L);
    assertThat(repo.relationships("1", List.of("2")))
        .containsExactly(new Relation("2", true, false));
    assertThat(repo.relationships("2", List.of("1")))
        .containsExactly(new Relation("1", false, true));
    assertThat(repo.counts(List.of("1"))).containsExactly(new UserCounts("1", 0, 1));
    assertThat(repo.page(Direction.FOLLOWERS, "2", null, 10)).as("not handed off yet").isEmpty();
    repo.unfollow("1", "2", 200L);
    assertThat(repo.relationships("2", List.of("1")))
        .containsExactly(new Relation("1", false, false));
  }

  @Test
  void anyOrderAndRepetitionOfFollowUnfollowFollowConvergesToTheNewest() {
    repo.follow("1", "2", 100L);
    repo.unfollow("1", "2", 200L);
    repo.follow("1", "2", 300L);
    List<HandOff> all = handOffs();
    assertThat(all).hasSize(3);
    for (List<HandOff> order : permutations(all)) {
      REDIS
          .client()
          .getKeys()
          .delete("vent:relation:{2}:followers", "vent:relation:{2}:unfollowed");
      List<HandOff> twice = new ArrayList<>(order);
      twice.addAll(order);
      for (HandOff h : twice) {
        repo.applyHandOffs(List.of(h), 0L);
      }
      assertThat(repo.page(Direction.FOLLOWERS, "2", null, 10))
          .as("order %s", order)
          .containsExactly(new FollowItem("1", 300L));
    }
  }

  @Test
  void aLateFollowDoesNotUndoTheUnfollowAfterIt() {
    repo.follow("1", "2", 100L);
    repo.unfollow("1", "2", 200L);
    List<HandOff> all = handOffs();
    repo.applyHandOffs(List.of(all.get(1)), 0L);
    repo.applyHandOffs(List.of(all.get(0)), 0L);
    assertThat(repo.page(Direction.FOLLOWERS, "2", null, 10)).isEmpty();
    assertThat(inbox.page("2", null, 10)).isEmpty();
  }

  @Test
  void aFollowOfAUserDeletedMeanwhileIsUndoneOnTheFollowersSide() {
    repo.follow("1", "2", 100L);
    repo.removeUser("2", 200L);
    driver.settling(repo);
    driver.settle();
    assertThat(repo.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 0, 0), new UserCounts("2", 0, 0));
    assertThat(inbox.page("2", null, 10)).isEmpty();
  }

  @Test
  void aFollowInFlightWhenTheFollowerIsDeletedLeavesNothingOnTheFolloweesSide() {
    repo.follow("1", "2", 100L);
    repo.removeUser("1", 200L);
    List<HandOff> all = handOffs();
    assertThat(all)
        .extracting(HandOff::kind)
        .containsExactly(HandOff.Kind.FOLLOWED, HandOff.Kind.FOLLOWER_DELETED);
    repo.applyHandOffs(List.of(all.get(1)), 0L);
    repo.applyHandOffs(List.of(all.get(0)), 0L);
    assertThat(repo.counts(List.of("2"))).containsExactly(new UserCounts("2", 0, 0));
    assertThat(inbox.page("2", null, 10)).isEmpty();
  }

  @Test
  void unfollowTombstonesOlderThanTheRetentionAreDropped() {
    long day = 24 * 3600 * 1000L;
    repo.follow("1", "2", 10 * day);
    repo.unfollow("1", "2", 11 * day);
    repo.follow("3", "2", 12 * day);
    repo.unfollow("3", "2", 13 * day);
    List<HandOff> all = handOffs();
    repo.applyHandOffs(all, 19 * day);
    assertThat(REDIS.client().getScoredSortedSet(RelationKeys.unfollowed("2")).readAll())
        .as("3's is younger than 7 days, 1's is not")
        .containsExactly("3");
  }

  @Test
  void aRefollowReplacesTheNotificationTime() {
    repo.follow("1", "2", 100L);
    repo.unfollow("1", "2", 200L);
    repo.follow("1", "2", 300L);
    repo.applyHandOffs(handOffs(), 0L);
    assertThat(inbox.page("2", null, 10)).containsExactly(new NotificationItem("1", 300L, false));
  }

  private List<HandOff> handOffs() {
    List<HandOff> out = new ArrayList<>();
    for (Event e : driver.events()) {
      HandOffHandler.handOff(e).ifPresent(out::add);
    }
    return out;
  }

  private static List<List<HandOff>> permutations(List<HandOff> items) {
    if (items.size() <= 1) {
      return List.of(items);
    }
    List<List<HandOff>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<HandOff> rest = new ArrayList<>(items);
      HandOff first = rest.remove(i);
      for (List<HandOff> tail : permutations(rest)) {
        List<HandOff> p = new ArrayList<>(Collections.singletonList(first));
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }
}
