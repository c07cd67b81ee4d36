package vent.provider.relation.events;

import dev.vent.events.v1.Blocked;
import dev.vent.events.v1.EdgeRemoved;
import dev.vent.events.v1.Event;
import dev.vent.events.v1.Followed;
import dev.vent.events.v1.Unblocked;
import dev.vent.events.v1.Unfollowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.provider.relation.domain.FollowGraph;
import vent.provider.relation.domain.HandOff;

/**
 * Consumer of the relation event stream's shards: applies the other side of each edge change
 * (Followed, Unfollowed: the followee's followers list and inbox; EdgeRemoved: the side of the user
 * who was not deleted; Blocked, Unblocked: the blocked user's side). Throwing leaves the batch
 * pending, so it is retried until applied.
 */
public final class HandOffHandler implements EventHandler {

  /** The consumer group shared by every relation instance. */
  public static final String GROUP = "relation-hand-off";

  private final FollowGraph graph;

  public HandOffHandler(FollowGraph graph) {
    this.graph = graph;
  }

  @Override
  public void handle(DomainEvent event) {
    handleBatch(List.of(event));
  }

  /** The whole batch in one pipelined round trip: an import writes 100,000 events at once. */
  @Override
  public void handleBatch(List<DomainEvent> events) {
    List<HandOff> handOffs = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      handOff(event.event()).ifPresent(handOffs::add);
    }
    graph.applyHandOffs(handOffs);
  }

  /**
   * @return the side an event asks to apply, or empty for events of other kinds
   */
  public static Optional<HandOff> handOff(Event event) {
    switch (event.getPayloadCase()) {
      case FOLLOWED -> {
        Followed f = event.getFollowed();
        return Optional.of(
            new HandOff(
                HandOff.Kind.FOLLOWED, f.getFollowerId(), f.getFolloweeId(), f.getFollowedAtMs()));
      }
      case UNFOLLOWED -> {
        Unfollowed u = event.getUnfollowed();
        return Optional.of(
            new HandOff(
                HandOff.Kind.UNFOLLOWED,
                u.getFollowerId(),
                u.getFolloweeId(),
                u.getUnfollowedAtMs()));
      }
      case EDGE_REMOVED -> {
        EdgeRemoved r = event.getEdgeRemoved();
        HandOff.Kind kind =
            r.getDeletedUserId().equals(r.getFollowerId())
                ? HandOff.Kind.FOLLOWER_DELETED
                : HandOff.Kind.FOLLOWEE_DELETED;
        return Optional.of(
            new HandOff(kind, r.getFollowerId(), r.getFolloweeId(), r.getRemovedAtMs()));
      }
      case BLOCKED -> {
        Blocked b = event.getBlocked();
        return Optional.of(
            new HandOff(
                HandOff.Kind.BLOCKED, b.getBlockerId(), b.getBlockedId(), b.getBlockedAtMs()));
      }
      case UNBLOCKED -> {
        Unblocked u = event.getUnblocked();
        return Optional.of(
            new HandOff(
                HandOff.Kind.UNBLOCKED, u.getBlockerId(), u.getBlockedId(), u.getUnblockedAtMs()));
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
