package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.Followed;
import dev.vent.events.v1.Unfollowed;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventStreams;
import vent.common.events.Outbox;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowOutcome;

/**
 * Graph writes publish their events through the outbox of the actor's slot to the actor's shard;
 * no-ops and refused writes publish none.
 */
class RelationEventsTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private RedisRelationRepository repo;
  private HandOffDriver handOffs;

  @BeforeEach
  void setUp() {
    repo = HandOffDriver.repository(REDIS.client(), 2);
    handOffs = new HandOffDriver(REDIS.client(), () -> 0L);
  }

  @Test
  void followAndUnfollowPublishOnlyWhenTheGraphChangesToTheFollowersShard() {
    repo.follow("1", "2", 1000L);
    repo.follow("1", "2", 2000L);
    repo.unfollow("1", "2", 1000L);
    repo.unfollow("1", "2", 3000L);
    List<Event> expected =
        List.of(
            Event.newBuilder()
                .setFollowed(
                    Followed.newBuilder()
                        .setFollowerId("1")
                        .setFolloweeId("2")
                        .setFollowedAtMs(1000L))
                .build(),
            Event.newBuilder()
                .setUnfollowed(
                    Unfollowed.newBuilder()
                        .setFollowerId("1")
                        .setFolloweeId("2")
                        .setUnfollowedAtMs(1001L))
                .build());
    assertThat(handOffs.events()).isEqualTo(expected);
    String shard = EventStreams.shardFor(EventStreams.RELATION, "1", HandOffDriver.SHARDS);
    assertThat(
            REDIS
                .client()
                .<String, String>getStream(shard, StringCodec.INSTANCE)
                .range(StreamMessageId.MIN, StreamMessageId.MAX))
        .hasSize(2);
    assertThat(
            REDIS
                .client()
                .<String, String>getStream(Outbox.key("relation", "1"), StringCodec.INSTANCE)
                .size())
        .as("relayed at once")
        .isZero();
  }

  @Test
  void versionsOfOneFollowerStrictlyIncrease() {
    repo.follow("1", "2", 1000L);
    repo.follow("1", "3", 1000L);
    repo.unfollow("1", "2", 500L);
    assertThat(handOffs.events())
        .extracting(
            e ->
                e.hasFollowed()
                    ? e.getFollowed().getFollowedAtMs()
                    : e.getUnfollowed().getUnfollowedAtMs())
        .containsExactly(1000L, 1001L, 1002L);
  }

  @Test
  void batchFollowPublishesOneEventPerNewEdgeAcrossChunks() {
    repo.follow("1", "2", 5L);
    repo.batchFollow(
        List.of(
            new FollowEdge("1", "2"),
            new FollowEdge("1", "3"),
            new FollowEdge("4", "3"),
            new FollowEdge("4", "3"),
            new FollowEdge("5", "1")),
        7L);
    assertThat(handOffs.events())
        .extracting(e -> e.getFollowed().getFollowerId() + ">" + e.getFollowed().getFolloweeId())
        .containsExactlyInAnyOrder("1>2", "1>3", "4>3", "5>1");
  }

  @Test
  void aDeletedUserCanNeitherFollowNorBeFollowed() {
    repo.follow("1", "2", 1L);
    repo.removeUser("2", 10L);
    assertThat(repo.follow("3", "2", 20L)).isEqualTo(FollowOutcome.UNCHANGED);
    assertThat(repo.follow("2", "3", 20L)).isEqualTo(FollowOutcome.UNCHANGED);
    assertThat(repo.batchFollow(List.of(new FollowEdge("2", "3")), 20L)).isZero();
    assertThat(handOffs.events())
        .as("1's follow was not handed off yet: 2's cascade had no edge to remove")
        .extracting(Event::getPayloadCase)
        .containsExactly(Event.PayloadCase.FOLLOWED);
  }
}
