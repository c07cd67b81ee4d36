package vent.provider.relation.service;

import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.BatchFollowResponse;
import dev.vent.relation.v1.BlockRequest;
import dev.vent.relation.v1.BlockResponse;
import dev.vent.relation.v1.DubboRelationServiceTriple;
import dev.vent.relation.v1.Edge;
import dev.vent.relation.v1.FollowCounts;
import dev.vent.relation.v1.FollowEntry;
import dev.vent.relation.v1.FollowRequest;
import dev.vent.relation.v1.FollowResponse;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.GetCountsResponse;
import dev.vent.relation.v1.GetRelationshipsRequest;
import dev.vent.relation.v1.GetRelationshipsResponse;
import dev.vent.relation.v1.ListFollowsRequest;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.relation.v1.ListMutualFollowsRequest;
import dev.vent.relation.v1.ListMutualFollowsResponse;
import dev.vent.relation.v1.MuteRequest;
import dev.vent.relation.v1.MuteResponse;
import dev.vent.relation.v1.Relationship;
import dev.vent.relation.v1.SuggestFollowsRequest;
import dev.vent.relation.v1.SuggestFollowsResponse;
import dev.vent.relation.v1.Suggestion;
import dev.vent.relation.v1.UnfollowRequest;
import dev.vent.relation.v1.UnfollowResponse;
import java.util.ArrayList;
import java.util.List;
import vent.provider.relation.domain.Direction;
import vent.provider.relation.domain.FollowEdge;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.domain.FollowItem;
import vent.provider.relation.domain.FollowPage;
import vent.provider.relation.domain.Relation;
import vent.provider.relation.domain.SuggestedUser;
import vent.provider.relation.domain.UserCounts;

/**
 * The Triple face of {@link FollowGraph}: protobuf in, domain call, protobuf out. Behaviour, limits
 * and errors are those of relation.proto, implemented by {@link FollowGraph}; domain failures
 * ({@code VentException}) become gRPC statuses in vent-common's {@code VentErrorFilter}.
 */
public final class RelationServiceImpl extends DubboRelationServiceTriple.RelationServiceImplBase {

  private final FollowGraph graph;

  /**
   * @param graph the use cases this adapter exposes
   */
  public RelationServiceImpl(FollowGraph graph) {
    this.graph = graph;
  }

  @Override
  public FollowResponse follow(FollowRequest request) {
    return FollowResponse.newBuilder()
        .setCreated(graph.follow(request.getFollowerId(), request.getFolloweeId()))
        .build();
  }

  @Override
  public UnfollowResponse unfollow(UnfollowRequest request) {
    return UnfollowResponse.newBuilder()
        .setRemoved(graph.unfollow(request.getFollowerId(), request.getFolloweeId()))
        .build();
  }

  @Override
  public BatchFollowResponse batchFollow(BatchFollowRequest request) {
    List<FollowEdge> edges = new ArrayList<>(request.getEdgesCount());
    for (Edge edge : request.getEdgesList()) {
      edges.add(new FollowEdge(edge.getFollowerId(), edge.getFolloweeId()));
    }
    return BatchFollowResponse.newBuilder().setCreated(graph.batchFollow(edges)).build();
  }

  @Override
  public GetRelationshipsResponse getRelationships(GetRelationshipsRequest request) {
    GetRelationshipsResponse.Builder out = GetRelationshipsResponse.newBuilder();
    for (Relation r : graph.relationships(request.getUserId(), request.getOtherIdsList())) {
      out.addRelationships(
          Relationship.newBuilder()
              .setUserId(r.userId())
              .setFollowing(r.following())
              .setFollowedBy(r.followedBy())
              .setBlocking(r.blocking())
              .setBlockedBy(r.blockedBy())
              .setMuting(r.muting()));
    }
    return out.build();
  }

  @Override
  public ListFollowsResponse listFollowers(ListFollowsRequest request) {
    return list(Direction.FOLLOWERS, request);
  }

  @Override
  public ListFollowsResponse listFollowing(ListFollowsRequest request) {
    return list(Direction.FOLLOWING, request);
  }

  @Override
  public GetCountsResponse getCounts(GetCountsRequest request) {
    GetCountsResponse.Builder out = GetCountsResponse.newBuilder();
    for (UserCounts c : graph.counts(request.getUserIdsList())) {
      out.addCounts(
          FollowCounts.newBuilder()
              .setUserId(c.userId())
              .setFollowers(c.followers())
              .setFollowing(c.following()));
    }
    return out.build();
  }

  @Override
  public ListMutualFollowsResponse listMutualFollows(ListMutualFollowsRequest request) {
    return ListMutualFollowsResponse.newBuilder()
        .addAllUserIds(graph.mutuals(request.getUserId(), request.getLimit()))
        .build();
  }

  @Override
  public SuggestFollowsResponse suggestFollows(SuggestFollowsRequest request) {
    SuggestFollowsResponse.Builder out = SuggestFollowsResponse.newBuilder();
    for (SuggestedUser s : graph.suggestions(request.getUserId(), request.getLimit())) {
      out.addSuggestions(
          Suggestion.newBuilder().setUserId(s.userId()).setMutualCount(s.mutualCount()));
    }
    return out.build();
  }

  @Override
  public BlockResponse block(BlockRequest request) {
    return BlockResponse.newBuilder()
        .setChanged(graph.block(request.getUserId(), request.getOtherId()))
        .build();
  }

  @Override
  public BlockResponse unblock(BlockRequest request) {
    return BlockResponse.newBuilder()
        .setChanged(graph.unblock(request.getUserId(), request.getOtherId()))
        .build();
  }

  @Override
  public ListFollowsResponse listBlocks(ListFollowsRequest request) {
    return list(Direction.BLOCKING, request);
  }

  @Override
  public MuteResponse mute(MuteRequest request) {
    return MuteResponse.newBuilder()
        .setChanged(graph.mute(request.getUserId(), request.getOtherId()))
        .build();
  }

  @Override
  public MuteResponse unmute(MuteRequest request) {
    return MuteResponse.newBuilder()
        .setChanged(graph.unmute(request.getUserId(), request.getOtherId()))
        .build();
  }

  @Override
  public ListFollowsResponse listMutes(ListFollowsRequest request) {
    return list(Direction.MUTING, request);
  }

  private ListFollowsResponse list(Direction direction, ListFollowsRequest request) {
    FollowPage page =
        graph.list(direction, request.getUserId(), request.getLimit(), request.getCursor());
    ListFollowsResponse.Builder out =
        ListFollowsResponse.newBuilder().setNextCursor(page.nextCursor());
    for (FollowItem item : page.items()) {
      out.addEntries(
          FollowEntry.newBuilder().setUserId(item.userId()).setFollowedAtMs(item.followedAtMs()));
    }
    return out.build();
  }
}
