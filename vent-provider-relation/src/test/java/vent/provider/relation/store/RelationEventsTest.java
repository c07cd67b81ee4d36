package vent.provider.relation.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import vent.common.events.EventJson;
import vent.common.events.EventStreams;
import vent.common.testing.RedisExtension;
import vent.events.v1.Event;
import vent.events.v1.Followed;
import vent.events.v1.Unfollowed;
import vent.provider.relation.domain.FollowEdge;

/** Graph writes publish their events in the same script; no-ops and refused writes publish none. */
class RelationEventsTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private static RedisRelationRepository repo;

  @BeforeAll
  static void setUp() {
    repo = new RedisRelationRepository(REDIS.client(), 2);
  }

  @Test
  void followAndUnfollowPublishOnlyWhenTheGraphChanges() {
    repo.follow("1", "2", 1000L);
    repo.follow("1", "2", 2000L);
    repo.unfollow("1", "2");
    repo.unfollow("1", "2");
    assertThat(events()).containsExactly(
        Event.newBuilder().setFollowed(Followed.newBuilder().setFollowerId("1").setFolloweeId("2").setFollowedAtMs(1000L)).build(),
        Event.newBuilder().setUnfollowed(Unfollowed.newBuilder().setFollowerId("1").setFolloweeId("2")).build());
  }

  @Test
  void followedCarriesTheStoredTimeWhenRaisedPastTheNewestEntry() {
    repo.follow("1", "2", 1000L);
    repo.follow("3", "2", 1000L);
    assertThat(events()).extracting(e -> e.getFollowed().getFollowedAtMs()).containsExactly(1000L, 1001L);
  }

  @Test
  void batchFollowPublishesOneEventPerNewEdgeAcrossChunks() {
    repo.follow("1", "2", 5L);
    repo.batchFollow(List.of(new FollowEdge("1", "2"), new FollowEdge("1", "3"), new FollowEdge("4", "3"),
        new FollowEdge("4", "3"), new FollowEdge("5", "1")), 7L);
    assertThat(events()).extracting(e -> e.getFollowed().getFollowerId() + ">" + e.getFollowed().getFolloweeId())
        .containsExactlyInAnyOrder("1>2", "1>3", "4>3", "5>1");
  }

  @Test
  void aDeletedUserCanNeitherFollowNorBeFollowed() {
    repo.follow("1", "2", 1L);
    repo.removeUser("2");
    assertThat(repo.follow("3", "2", 2L)).isFalse();
    assertThat(repo.follow("2", "3", 2L)).isFalse();
    assertThat(events()).hasSize(1);
  }

  private static List<Event> events() {
    List<Event> out = new ArrayList<>();
    REDIS.client().<String, String>getStream(EventStreams.RELATION, StringCodec.INSTANCE)
        .range(StreamMessageId.MIN, StreamMessageId.MAX)
        .forEach((id, fields) -> out.add(EventJson.decode(id.toString(), fields).event()));
    return out;
  }
}
