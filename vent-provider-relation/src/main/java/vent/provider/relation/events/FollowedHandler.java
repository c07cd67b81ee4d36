package vent.provider.relation.events;

import java.util.ArrayList;
import java.util.List;
import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.events.v1.Followed;
import vent.provider.relation.domain.FollowNotice;
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
    handleBatch(List.of(event));
  }

  /** All the batch's Followed events in one round trip: an import writes 100,000 of them. */
  @Override
  public void handleBatch(List<DomainEvent> events) {
    List<FollowNotice> notices = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      if (event.event().hasFollowed()) {
        Followed followed = event.event().getFollowed();
        notices.add(new FollowNotice(followed.getFollowerId(), followed.getFolloweeId(), followed.getFollowedAtMs()));
      }
    }
    notifications.followed(notices);
  }
}
