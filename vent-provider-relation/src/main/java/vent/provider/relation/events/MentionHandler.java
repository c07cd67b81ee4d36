package vent.provider.relation.events;

import dev.vent.events.v1.VentPosted;
import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.provider.relation.domain.Notifications;

/**
 * Consumer of the post event stream: on VentPosted, a "mentioned you" entry in the inbox of each
 * mentioned user. Other events (VentDeleted included: an entry of a deleted vent stays and leads to
 * a vent that is not found) are acknowledged unread. Throwing leaves the batch pending, so it is
 * retried until applied.
 */
public final class MentionHandler implements EventHandler {

  /** The consumer group shared by every relation instance. */
  public static final String GROUP = "relation-mentions";

  private final Notifications notifications;

  public MentionHandler(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void handle(DomainEvent event) {
    if (event.event().hasVentPosted()) {
      VentPosted posted = event.event().getVentPosted();
      notifications.mentioned(
          posted.getAuthorId(),
          posted.getVentId(),
          posted.getCreatedAtMs(),
          posted.getMentionedUserIdsList());
    }
  }
}
