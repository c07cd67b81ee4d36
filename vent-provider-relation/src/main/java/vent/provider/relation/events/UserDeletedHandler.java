package vent.provider.relation.events;

import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.provider.relation.domain.FollowGraph;

/**
 * Consumer of the user event stream: on UserDeleted, removes the user from the follow graph (every
 * edge, both sides, and their notifications). Other events are acknowledged unread.
 */
public final class UserDeletedHandler implements EventHandler {

  /** The consumer group shared by every relation instance. */
  public static final String GROUP = "relation-user-deleted";

  private final FollowGraph graph;

  public UserDeletedHandler(FollowGraph graph) {
    this.graph = graph;
  }

  @Override
  public void handle(DomainEvent event) {
    if (event.event().hasUserDeleted()) {
      graph.removeUser(event.event().getUserDeleted().getUserId());
    }
  }
}
