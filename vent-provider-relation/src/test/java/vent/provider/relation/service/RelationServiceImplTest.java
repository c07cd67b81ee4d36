package vent.provider.relation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.BlockRequest;
import dev.vent.relation.v1.Edge;
import dev.vent.relation.v1.FollowCounts;
import dev.vent.relation.v1.FollowEntry;
import dev.vent.relation.v1.FollowRequest;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.GetRelationshipsRequest;
import dev.vent.relation.v1.ListFollowsRequest;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.relation.v1.ListMutualFollowsRequest;
import dev.vent.relation.v1.MuteRequest;
import dev.vent.relation.v1.Relationship;
import dev.vent.relation.v1.SuggestFollowsRequest;
import dev.vent.relation.v1.Suggestion;
import dev.vent.relation.v1.UnfollowRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.common.testing.MutableClock;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.store.HandOffDriver;

/** The protobuf mapping of every RPC (called directly, without Dubbo), on a real Redis. */
class RelationServiceImplTest {

  private static final long T0 = 1_767_225_600_000L;

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  private RelationServiceImpl service;

  @BeforeEach
  void setUp() {
    service =
        new RelationServiceImpl(
            new FollowGraph(
                new HandOffDriver(REDIS.client(), () -> T0)
                    .settling(HandOffDriver.repository(REDIS.client(), 1000)),
                new MutableClock(T0)));
  }

  @Test
  void everyRpcMapsItsFields() {
    assertThat(service.follow(follow("1", "2")).getCreated()).isTrue();
    assertThat(service.follow(follow("1", "2")).getCreated()).isFalse();
    assertThat(
            service
                .batchFollow(
                    BatchFollowRequest.newBuilder()
                        .addEdges(Edge.newBuilder().setFollowerId("2").setFolloweeId("1"))
                        .addEdges(Edge.newBuilder().setFollowerId("2").setFolloweeId("3"))
                        .addEdges(Edge.newBuilder().setFollowerId("3").setFolloweeId("3"))
                        .build())
                .getCreated())
        .isEqualTo(2);

    assertThat(
            service
                .getRelationships(
                    GetRelationshipsRequest.newBuilder()
                        .setUserId("1")
                        .addOtherIds("2")
                        .addOtherIds("3")
                        .build())
                .getRelationshipsList())
        .containsExactly(
            Relationship.newBuilder().setUserId("2").setFollowing(true).setFollowedBy(true).build(),
            Relationship.newBuilder().setUserId("3").build());

    ListFollowsResponse followers =
        service.listFollowers(ListFollowsRequest.newBuilder().setUserId("1").build());
    assertThat(followers.getEntriesList())
        .containsExactly(FollowEntry.newBuilder().setUserId("2").setFollowedAtMs(T0).build());
    assertThat(followers.getNextCursor()).isEmpty();
    ListFollowsResponse following =
        service.listFollowing(ListFollowsRequest.newBuilder().setUserId("2").setLimit(1).build());
    assertThat(following.getEntriesCount()).isEqualTo(1);
    assertThat(following.getNextCursor()).isNotEmpty();
    assertThat(
            service
                .listFollowing(
                    ListFollowsRequest.newBuilder()
                        .setUserId("2")
                        .setLimit(1)
                        .setCursor(following.getNextCursor())
                        .build())
                .getEntriesCount())
        .isEqualTo(1);

    assertThat(
            service
                .getCounts(GetCountsRequest.newBuilder().addUserIds("2").build())
                .getCountsList())
        .containsExactly(
            FollowCounts.newBuilder().setUserId("2").setFollowers(1).setFollowing(2).build());
    assertThat(
            service
                .listMutualFollows(ListMutualFollowsRequest.newBuilder().setUserId("1").build())
                .getUserIdsList())
        .containsExactly("2");
    assertThat(
            service
                .suggestFollows(SuggestFollowsRequest.newBuilder().setUserId("1").build())
                .getSuggestionsList())
        .containsExactly(Suggestion.newBuilder().setUserId("3").setMutualCount(1).build());

    assertThat(
            service
                .unfollow(
                    UnfollowRequest.newBuilder().setFollowerId("1").setFolloweeId("2").build())
                .getRemoved())
        .isTrue();
  }

  @Test
  void domainErrorsPassThrough() {
    assertThatThrownBy(() -> service.follow(follow("4", "4")))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.reason()).isEqualTo("CANNOT_FOLLOW_SELF"));
    assertThatThrownBy(
            () ->
                service.listFollowers(
                    ListFollowsRequest.newBuilder().setUserId("1").setLimit(101).build()))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_LIMIT"));
  }

  @Test
  void blockAndMuteRpcsMapTheirFields() {
    service.follow(follow("1", "2"));
    assertThat(service.block(block("1", "2")).getChanged()).isTrue();
    assertThat(service.block(block("1", "2")).getChanged()).isFalse();
    assertThatThrownBy(() -> service.follow(follow("2", "1")))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
              assertThat(e.reason()).isEqualTo("BLOCKED");
            });
    assertThat(service.mute(mute("1", "3")).getChanged()).isTrue();
    assertThat(
            service
                .getRelationships(
                    GetRelationshipsRequest.newBuilder()
                        .setUserId("1")
                        .addOtherIds("2")
                        .addOtherIds("3")
                        .build())
                .getRelationshipsList())
        .containsExactly(
            Relationship.newBuilder().setUserId("2").setBlocking(true).build(),
            Relationship.newBuilder().setUserId("3").setMuting(true).build());
    assertThat(
            service
                .getRelationships(
                    GetRelationshipsRequest.newBuilder().setUserId("2").addOtherIds("1").build())
                .getRelationshipsList())
        .containsExactly(Relationship.newBuilder().setUserId("1").setBlockedBy(true).build());
    assertThat(
            service
                .listBlocks(ListFollowsRequest.newBuilder().setUserId("1").build())
                .getEntriesList())
        .containsExactly(FollowEntry.newBuilder().setUserId("2").setFollowedAtMs(T0 + 1).build());
    assertThat(
            service
                .listMutes(ListFollowsRequest.newBuilder().setUserId("1").build())
                .getEntriesList())
        .containsExactly(FollowEntry.newBuilder().setUserId("3").setFollowedAtMs(T0).build());
    assertThat(service.unblock(block("1", "2")).getChanged()).isTrue();
    assertThat(service.unmute(mute("1", "3")).getChanged()).isTrue();
    assertThat(service.unmute(mute("1", "3")).getChanged()).isFalse();
    assertThatThrownBy(() -> service.block(block("5", "5")))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.reason()).isEqualTo("CANNOT_BLOCK_SELF"));
  }

  private static BlockRequest block(String user, String other) {
    return BlockRequest.newBuilder().setUserId(user).setOtherId(other).build();
  }

  private static MuteRequest mute(String user, String other) {
    return MuteRequest.newBuilder().setUserId(user).setOtherId(other).build();
  }

  private static FollowRequest follow(String follower, String followee) {
    return FollowRequest.newBuilder().setFollowerId(follower).setFolloweeId(followee).build();
  }
}
