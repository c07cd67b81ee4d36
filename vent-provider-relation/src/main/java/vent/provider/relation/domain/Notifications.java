package vent.provider.relation.domain;

import dev.vent.api.rules.VentIds;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.VentException;

/**
 * Use cases of notification inboxes: list one, mark it read, add mentions. The followee's side of a
 * follow fills them ({@link FollowGraph#applyHandOffs}), and so do posted vents ({@link
 * #mentioned}).
 */
public final class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final NotificationRepository repository;
  private final PageLimit pageLimit;

  /**
   * @param pageLimit the page sizes allowed, shared with the follow lists
   */
  public Notifications(NotificationRepository repository, PageLimit pageLimit) {
    this.repository = Objects.requireNonNull(repository);
    this.pageLimit = Objects.requireNonNull(pageLimit);
  }

  /**
   * @param limit 1 to the largest page ({@link PageLimit}), 0 for 20
   * @param cursor empty for the first page, else a {@link NotificationPage#nextCursor()}
   * @throws VentException INVALID_USER_ID, INVALID_LIMIT, INVALID_CURSOR (checked in that order)
   */
  public NotificationPage list(String userId, int limit, String cursor) {
    UserIds.require(userId, "user_id");
    int size = pageLimit.resolve(limit);
    InboxCursor after = cursor == null || cursor.isEmpty() ? null : InboxCursor.decode(cursor);
    List<NotificationItem> items = repository.page(userId, after, size + 1);
    long unread = repository.unreadCount(userId);
    if (items.size() <= size) {
      return new NotificationPage(items, "", unread);
    }
    List<NotificationItem> page = List.copyOf(items.subList(0, size));
    return new NotificationPage(page, page.get(size - 1).cursorAfter().encode(), unread);
  }

  /**
   * {@code authorId} mentioned {@code mentionedIds} in the vent {@code ventId}: a "mentioned you"
   * entry for each of them (the author and malformed ids left out). Idempotent.
   *
   * @param atMs when the vent was posted, milliseconds since the epoch
   * @return how many entries were added; 0 when the author or vent id is malformed (nothing added)
   */
  public int mentioned(String authorId, String ventId, long atMs, List<String> mentionedIds) {
    if (!dev.vent.api.rules.UserIds.isWellFormed(authorId) || !VentIds.isOf(ventId, authorId)) {
      LOG.warn(
          "event=mention_skipped reason=malformed_ids authorId={} ventId={}", authorId, ventId);
      return 0;
    }
    List<String> owners =
        mentionedIds.stream()
            .filter(dev.vent.api.rules.UserIds::isWellFormed)
            .filter(id -> !id.equals(authorId))
            .distinct()
            .toList();
    if (owners.isEmpty()) {
      return 0;
    }
    int added = repository.addMentions(authorId, ventId, atMs, owners);
    LOG.info(
        "event=mentions_added authorId={} ventId={} mentioned={} added={}",
        authorId,
        ventId,
        owners.size(),
        added);
    return added;
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
