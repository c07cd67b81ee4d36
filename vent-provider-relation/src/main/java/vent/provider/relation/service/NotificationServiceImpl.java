package vent.provider.relation.service;

import dev.vent.notification.v1.DubboNotificationServiceTriple;
import dev.vent.notification.v1.ListNotificationsRequest;
import dev.vent.notification.v1.ListNotificationsResponse;
import dev.vent.notification.v1.MarkNotificationsReadRequest;
import dev.vent.notification.v1.MarkNotificationsReadResponse;
import dev.vent.notification.v1.Notification;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.NotificationPage;
import vent.provider.relation.domain.Notifications;

/**
 * The Triple face of {@link Notifications}: protobuf in, domain call, protobuf out. Behaviour and
 * errors are those of notification.proto.
 */
public final class NotificationServiceImpl
    extends DubboNotificationServiceTriple.NotificationServiceImplBase {

  private final Notifications notifications;

  /**
   * @param notifications the use cases this adapter exposes
   */
  public NotificationServiceImpl(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public ListNotificationsResponse listNotifications(ListNotificationsRequest request) {
    NotificationPage page =
        notifications.list(request.getUserId(), request.getLimit(), request.getCursor());
    ListNotificationsResponse.Builder out =
        ListNotificationsResponse.newBuilder()
            .setNextCursor(page.nextCursor())
            .setUnreadCount(page.unreadCount());
    for (NotificationItem item : page.items()) {
      out.addNotifications(
          Notification.newBuilder()
              .setKind(
                  item.kind() == NotificationItem.Kind.MENTIONED
                      ? Notification.Kind.MENTIONED
                      : Notification.Kind.FOLLOWED)
              .setActorId(item.actorId())
              .setVentId(item.ventId())
              .setAtMs(item.atMs())
              .setRead(item.read()));
    }
    return out.build();
  }

  @Override
  public MarkNotificationsReadResponse markNotificationsRead(MarkNotificationsReadRequest request) {
    return MarkNotificationsReadResponse.newBuilder()
        .setMarked(notifications.markRead(request.getUserId()))
        .build();
  }
}
