package vent.provider.relation.domain;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/** Use cases of notification inboxes: fill one from a follow, list it, mark it read. */
public final class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final NotificationRepository repository;
  private final PageLimit pageLimit;

  /** @param pageLimit the page sizes allowed, shared with the follow lists */
  public Notifications(NotificationRepository repository, PageLimit pageLimit) {
    this.repository = Objects.requireNonNull(repository);
    this.pageLimit = Objects.requireNonNull(pageLimit);
  }

  /**
   * Puts "X followed you" into the followee's inbox for each notice, in one round trip.
   * Idempotent, so a redelivered Followed event changes nothing.
   *
   * @throws VentException INVALID_USER_ID if an id is malformed (then nothing is recorded)
   */
  public void followed(List<FollowNotice> notices) {
    for (FollowNotice notice : notices) {
      UserIds.require(notice.followerId(), "follower_id");
      UserIds.require(notice.followeeId(), "followee_id");
    }
    int changed = repository.recordFollowed(notices);
    LOG.debug("event=notifications_added count={} changed={}", notices.size(), changed);
  }

  /**
   * @param limit 1 to the largest page ({@link PageLimit}), 0 for 20
   * @param cursor empty for the first page, else a {@link NotificationPage#nextCursor()}
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT, INVALID_CURSOR (checked in that order)
   */
  public NotificationPage list(String userId, int limit, String cursor) {
    UserIds.require(userId, "user_id");
    int size = pageLimit.resolve(limit);
    PageCursor after = cursor == null || cursor.isEmpty() ? null : PageCursor.decode(cursor);
    List<NotificationItem> items = repository.page(userId, after, size + 1);
    long unread = repository.unreadCount(userId);
    if (items.size() <= size) {
      return new NotificationPage(items, "", unread);
    }
    List<NotificationItem> page = List.copyOf(items.subList(0, size));
    NotificationItem last = page.get(size - 1);
    return new NotificationPage(page, new PageCursor(last.atMs(), last.actorId()).encode(), unread);
  }

  /**
   * @return how many entries were unread
   * @throws VentException INVALID_USER_ID if the id is malformed
   */
  public long markRead(String userId) {
    UserIds.require(userId, "user_id");
    return repository.markRead(userId);
  }
}
