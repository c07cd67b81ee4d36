package vent.provider.post.events;

import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.provider.post.domain.Vents;

/**
 * Consumer of the user event stream: on UserDeleted, removes the user's vents, list of vents and
 * home timeline. Other events are acknowledged unread.
 */
public final class UserDeletedHandler implements EventHandler {

  /** The consumer group shared by every post instance. */
  public static final String GROUP = "post-user-deleted";

  private final Vents vents;

  public UserDeletedHandler(Vents vents) {
    this.vents = vents;
  }

  @Override
  public void handle(DomainEvent event) {
    if (event.event().hasUserDeleted()) {
      vents.removeUser(event.event().getUserDeleted().getUserId());
    }
  }
}
