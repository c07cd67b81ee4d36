package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.FollowOutcome;
import vent.provider.relation.domain.HandOff;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.RelationRepository;
import vent.provider.relation.domain.UserCounts;

/** Blocks and mutes in the Redis store against a real redis-server, hand-offs included. */
class BlocksTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private HandOffDriver handOffs;
  private RedisRelationRepository raw;
  private RelationRepository repo;

  @BeforeEach
  void setUp() {
    handOffs = new HandOffDriver(REDIS.client(), () -> 0L);
    raw = HandOffDriver.repository(REDIS.client(), 1000);
    repo = handOffs.settling(raw);
  }

  @Test
  void blockRemovesTheFollowsBothWaysAndKeepsCountsExact() {
    repo.follow("1", "2", 100L);
    repo.follow("2", "1", 100L);
    repo.follow("3", "1", 100L);
    assertThat(repo.block("1", "2", 200L)).isTrue();
    assertThat(repo.block("1", "2", 300L)).as("idempotent").isFalse();
    assertThat(repo.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 1, 0), new UserCounts("2", 0, 0));
    assertThat(repo.page(Direction.FOLLOWERS, "1", null, 10))
        .extracting(FollowItem::userId)
        .containsExactly("3");
    assertThat(repo.relationships("1", List.of("2")))
        .containsExactly(new Relation("2", false, false, true, false, false));
    assertThat(repo.relationships("2", List.of("1")))
        .containsExactly(new Relation("1", false, false, false, true, false));
    assertThat(handOffs.events())
        .filteredOn(Event::hasBlocked)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getBlocked().getBlockerId()).isEqualTo("1");
              assertThat(e.getBlocked().getBlockedId()).isEqualTo("2");
            });
  }

  @Test
  void followIsRefusedBothWaysWhileBlockedAndAllowedAfterUnblock() {
    repo.block("1", "2", 100L);
    assertThat(repo.follow("1", "2", 200L)).isEqualTo(FollowOutcome.BLOCKED);
    assertThat(repo.follow("2", "1", 200L)).isEqualTo(FollowOutcome.BLOCKED);
    assertThat(repo.batchFollow(List.of(new FollowEdge("2", "1"), new FollowEdge("2", "3")), 200L))
        .as("the blocked pair is skipped")
        .isOne();
    assertThat(repo.unblock("1", "2", 300L)).isTrue();
    assertThat(repo.unblock("1", "2", 300L)).isFalse();
    assertThat(repo.relationships("2", List.of("1")))
        .containsExactly(new Relation("1", false, false));
    assertThat(repo.follow("2", "1", 400L)).isEqualTo(FollowOutcome.CREATED);
    assertThat(repo.follow("1", "2", 400L)).isEqualTo(FollowOutcome.CREATED);
    assertThat(repo.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 1, 1), new UserCounts("2", 1, 2));
  }

  @Test
  void aFollowInTheWindowBeforeTheBlocksHandOffIsUndone() {
    raw.block("1", "2", 100L);
    assertThat(raw.follow("2", "1", 150L))
        .as("2's side does not know of the block yet")
        .isEqualTo(FollowOutcome.CREATED);
    handOffs.settle();
    assertThat(repo.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 0, 0), new UserCounts("2", 0, 0));
    assertThat(repo.follow("2", "1", 200L)).isEqualTo(FollowOutcome.BLOCKED);
  }

  @Test
  void aFollowHandedOffBeforeTheBlockIsRemovedByIt() {
    raw.follow("2", "1", 150L);
    raw.block("1", "2", 100L);
    handOffs.settle();
    assertThat(repo.counts(List.of("1", "2")))
        .containsExactly(new UserCounts("1", 0, 0), new UserCounts("2", 0, 0));
  }

  @Test
  void newestBlockVersionWinsWhateverTheOrder() {
    raw.block("1", "2", 100L);
    raw.unblock("1", "2", 200L);
    List<HandOff> handOffsInOrder = handOffsOf(handOffs.events());
    List<HandOff> reversed = List.of(handOffsInOrder.get(1), handOffsInOrder.get(0));
    raw.applyHandOffs(reversed, 0L);
    raw.applyHandOffs(handOffsInOrder, 0L);
    assertThat(repo.relationships("2", List.of("1")))
        .as("the unblock is newer: 2 is not blocked")
        .containsExactly(new Relation("1", false, false));
    raw.block("1", "2", 300L);
    handOffs.settle();
    raw.applyHandOffs(reversed, 0L);
    assertThat(repo.relationships("2", List.of("1")))
        .as("older events redelivered change nothing")
        .containsExactly(new Relation("1", false, false, false, true, false));
  }

  @Test
  void mutesKeepFollowsAndListNewestFirst() {
    repo.follow("1", "2", 100L);
    assertThat(repo.mute("1", "2", 200L)).isTrue();
    assertThat(repo.mute("1", "2", 300L)).isFalse();
    repo.mute("1", "3", 250L);
    assertThat(repo.relationships("1", List.of("2")))
        .containsExactly(new Relation("2", true, false, false, false, true));
    assertThat(repo.page(Direction.MUTING, "1", null, 10))
        .containsExactly(new FollowItem("3", 250L), new FollowItem("2", 200L));
    assertThat(repo.unmute("1", "2")).isTrue();
    assertThat(repo.unmute("1", "2")).isFalse();
    assertThat(repo.page(Direction.MUTING, "1", null, 10))
        .extracting(FollowItem::userId)
        .containsExactly("3");
  }

  @Test
  void blocksListNewestFirst() {
    repo.block("1", "2", 100L);
    repo.block("1", "3", 200L);
    assertThat(repo.page(Direction.BLOCKING, "1", null, 1))
        .extracting(FollowItem::userId)
        .containsExactly("3");
    assertThat(repo.page(Direction.BLOCKING, "1", null, 10))
        .extracting(FollowItem::userId)
        .containsExactly("3", "2");
  }

  @Test
  void accountDeletionDropsTheUsersBlocksAndMutes() {
    repo.block("1", "2", 100L);
    repo.block("3", "1", 100L);
    repo.mute("1", "4", 100L);
    repo.removeUser("1", 200L);
    assertThat(REDIS.client().getKeys().getKeysStream())
        .filteredOn(k -> k.startsWith("vent:relation:{1}"))
        .containsExactly("vent:relation:{1}:deleted");
    assertThat(repo.block("1", "5", 300L)).as("a deleted user blocks no one").isFalse();
  }

  private static List<HandOff> handOffsOf(List<Event> events) {
    return events.stream()
        .map(vent.provider.relation.events.HandOffHandler::handOff)
        .flatMap(java.util.Optional::stream)
        .toList();
  }
}
