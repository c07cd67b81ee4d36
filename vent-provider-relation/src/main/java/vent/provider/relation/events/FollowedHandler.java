package vent.provider.relation.events;

import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.events.v1.Followed;
import vent.provider.relation.domain.Notifications;

/**
 * Consumer of the relation event stream: on Followed, puts "X followed you" into the followee's
 * inbox. Other events are acknowledged unread.
 */
public final class FollowedHandler implements EventHandler {

  /** The consumer group shared by every relation instance. */
  public static final String GROUP = "notifications";

  private final Notifications notifications;

  public FollowedHandler(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void handle(DomainEvent event) {
    if (event.event().hasFollowed()) {
      Followed followed = event.event().getFollowed();
      notifications.followed(followed.getFollowerId(), followed.getFolloweeId(), followed.getFollowedAtMs());
    }
  }
}
