package vent.web.rpc;

import dev.vent.notification.v1.ListNotificationsRequest;
import dev.vent.notification.v1.ListNotificationsResponse;
import dev.vent.notification.v1.MarkNotificationsReadRequest;
import dev.vent.notification.v1.NotificationService;
import java.util.concurrent.CompletableFuture;
import vent.common.error.RequestChecks;

/**
 * The notification inbox (served by vent-provider-relation, {@code
 * vent/notification/v1/notification.proto}) as vent-web uses it. Every method throws {@link
 * vent.common.error.VentException} with the provider's reason (INVALID_USER_ID, INVALID_LIMIT,
 * INVALID_CURSOR) or UNAVAILABLE / DEPENDENCY_UNAVAILABLE.
 */
public final class NotificationClient {

  private final NotificationService notifications;
  private final ReadRetry readRetry;

  /** Asynchronous reads are not retried. */
  public NotificationClient(NotificationService notifications) {
    this(notifications, ReadRetry.none());
  }

  /**
   * @param readRetry how asynchronous reads are retried when their provider instance fails
   */
  public NotificationClient(NotificationService notifications, ReadRetry readRetry) {
    // Every request is checked against the IDL's field rules before it leaves.
    this.notifications = RequestChecks.checking(NotificationService.class, notifications);
    this.readRetry = readRetry;
  }

  /**
   * A page of the inbox of {@code userId}, newest first, with the unread count of the whole inbox,
   * without waiting.
   *
   * @param limit 1..100
   * @param cursor empty (or null) for the first page, else the previous page's next cursor
   */
  public CompletableFuture<ListNotificationsResponse> listAsync(
      String userId, int limit, String cursor) {
    ListNotificationsRequest request =
        ListNotificationsRequest.newBuilder()
            .setUserId(userId)
            .setLimit(limit)
            .setCursor(cursor == null ? "" : cursor)
            .build();
    return Rpc.asyncRead(readRetry, () -> notifications.listNotificationsAsync(request));
  }

  /** Marks the whole inbox read; idempotent. @return how many entries were unread */
  public long markRead(String userId) {
    return Rpc.call(
            () ->
                notifications.markNotificationsRead(
                    MarkNotificationsReadRequest.newBuilder().setUserId(userId).build()))
        .getMarked();
  }
}
