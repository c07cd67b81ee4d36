package vent.web.rpc;

import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.BatchFollowResponse;
import dev.vent.relation.v1.BlockRequest;
import dev.vent.relation.v1.Edge;
import dev.vent.relation.v1.FollowCounts;
import dev.vent.relation.v1.FollowRequest;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.GetRelationshipsRequest;
import dev.vent.relation.v1.ListFollowsRequest;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.relation.v1.MuteRequest;
import dev.vent.relation.v1.RelationService;
import dev.vent.relation.v1.Relationship;
import dev.vent.relation.v1.SuggestFollowsRequest;
import dev.vent.relation.v1.Suggestion;
import dev.vent.relation.v1.UnfollowRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import vent.common.error.RequestChecks;

/**
 * The relation provider as vent-web uses it. Every method throws {@link
 * vent.common.error.VentException} with the provider's reason (see {@code
 * vent/relation/v1/relation.proto}: INVALID_USER_ID, CANNOT_FOLLOW_SELF, CANNOT_BLOCK_SELF,
 * CANNOT_MUTE_SELF, BLOCKED, INVALID_LIMIT, INVALID_CURSOR, TOO_MANY_IDS) or UNAVAILABLE /
 * DEPENDENCY_UNAVAILABLE.
 */
public final class RelationClient {

  private final RelationService relations;
  private final ReadRetry readRetry;

  /** Reads are not retried. */
  public RelationClient(RelationService relations) {
    this(relations, ReadRetry.none());
  }

  /**
   * @param readRetry how reads are retried when their provider instance fails
   */
  public RelationClient(RelationService relations, ReadRetry readRetry) {
    // Every request is checked against the IDL's field rules before it leaves.
    this.relations = RequestChecks.checking(RelationService.class, relations);
    this.readRetry = readRetry;
  }

  /** Idempotent. */
  public void follow(String followerId, String followeeId) {
    Rpc.call(
        () ->
            relations.follow(
                FollowRequest.newBuilder()
                    .setFollowerId(followerId)
                    .setFolloweeId(followeeId)
                    .build()));
  }

  /** Idempotent. */
  public void block(String userId, String otherId) {
    Rpc.call(() -> relations.block(pair(userId, otherId)));
  }

  /** Idempotent. */
  public void unblock(String userId, String otherId) {
    Rpc.call(() -> relations.unblock(pair(userId, otherId)));
  }

  /** Idempotent. */
  public void mute(String userId, String otherId) {
    Rpc.call(
        () ->
            relations.mute(MuteRequest.newBuilder().setUserId(userId).setOtherId(otherId).build()));
  }

  /** Idempotent. */
  public void unmute(String userId, String otherId) {
    Rpc.call(
        () ->
            relations.unmute(
                MuteRequest.newBuilder().setUserId(userId).setOtherId(otherId).build()));
  }

  /** Idempotent. */
  public void unfollow(String followerId, String followeeId) {
    Rpc.call(
        () ->
            relations.unfollow(
                UnfollowRequest.newBuilder()
                    .setFollowerId(followerId)
                    .setFolloweeId(followeeId)
                    .build()));
  }

  /** Up to 10000 edges, idempotent; returns how many edges were new. */
  public CompletableFuture<BatchFollowResponse> batchFollowAsync(List<Edge> edges) {
    return Rpc.async(
        () ->
            relations.batchFollowAsync(BatchFollowRequest.newBuilder().addAllEdges(edges).build()));
  }

  /** Counts of one user, without waiting. */
  public CompletableFuture<FollowCounts> countsAsync(String userId) {
    return Rpc.asyncRead(
            readRetry,
            () ->
                relations.getCountsAsync(GetCountsRequest.newBuilder().addUserIds(userId).build()))
        .thenApply(
            response ->
                response.getCountsCount() == 0
                    ? FollowCounts.newBuilder().setUserId(userId).build()
                    : response.getCounts(0));
  }

  /** How {@code userId} relates to each of {@code otherIds} (up to 500), in request order. */
  public List<Relationship> relationships(String userId, List<String> otherIds) {
    return Rpc.read(
            readRetry,
            () ->
                relations.getRelationshipsAsync(
                    GetRelationshipsRequest.newBuilder()
                        .setUserId(userId)
                        .addAllOtherIds(otherIds)
                        .build()))
        .getRelationshipsList();
  }

  /**
   * A page of followers, newest first, without waiting. {@code cursor} empty for the first page.
   */
  public CompletableFuture<ListFollowsResponse> followersAsync(
      String userId, int limit, String cursor) {
    return Rpc.asyncRead(
        readRetry, () -> relations.listFollowersAsync(page(userId, limit, cursor)));
  }

  /** A page of followees, newest first, without waiting. */
  public CompletableFuture<ListFollowsResponse> followingAsync(
      String userId, int limit, String cursor) {
    return Rpc.asyncRead(
        readRetry, () -> relations.listFollowingAsync(page(userId, limit, cursor)));
  }

  /** A page of the users {@code userId} blocks, most recent first, without waiting. */
  public CompletableFuture<ListFollowsResponse> blocksAsync(
      String userId, int limit, String cursor) {
    return Rpc.asyncRead(readRetry, () -> relations.listBlocksAsync(page(userId, limit, cursor)));
  }

  /** A page of the users {@code userId} mutes, most recent first, without waiting. */
  public CompletableFuture<ListFollowsResponse> mutesAsync(
      String userId, int limit, String cursor) {
    return Rpc.asyncRead(readRetry, () -> relations.listMutesAsync(page(userId, limit, cursor)));
  }

  /** Second-degree suggestions, best first. */
  public List<Suggestion> suggestions(String userId, int limit) {
    return Rpc.read(
            readRetry,
            () ->
                relations.suggestFollowsAsync(
                    SuggestFollowsRequest.newBuilder().setUserId(userId).setLimit(limit).build()))
        .getSuggestionsList();
  }

  private static BlockRequest pair(String userId, String otherId) {
    return BlockRequest.newBuilder().setUserId(userId).setOtherId(otherId).build();
  }

  private static ListFollowsRequest page(String userId, int limit, String cursor) {
    return ListFollowsRequest.newBuilder()
        .setUserId(userId)
        .setLimit(limit)
        .setCursor(cursor == null ? "" : cursor)
        .build();
  }
}
