package vent.provider.relation.domain;

import java.util.List;

/**
 * Storage of notification inboxes: per user, one entry per actor who followed them, newest first.
 * Failures surface as the store's runtime exceptions (UNAVAILABLE to callers).
 */
public interface NotificationRepository {

  /**
   * Records that {@code actorId} followed {@code ownerId} at {@code atMs}; idempotent (one entry
   * per actor, kept at the newer time). Does nothing when either user has been deleted.
   *
   * @return true when the inbox changed
   */
  boolean recordFollowed(String ownerId, String actorId, long atMs);

  /**
   * {@link #recordFollowed} for each notice (owner = followee, actor = follower), in one round trip.
   *
   * @return how many inboxes changed
   */
  int recordFollowed(List<FollowNotice> notices);

  /**
   * Entries newest first (ties: actor id descending), each flagged read or unread.
   *
   * @param after where the previous page ended, or {@code null} for the first page
   * @param max how many entries at most
   */
  List<NotificationItem> page(String ownerId, PageCursor after, int max);

  /** @return how many entries arrived after the owner last marked the inbox read */
  long unreadCount(String ownerId);

  /** Marks every current entry read. @return how many were unread */
  long markRead(String ownerId);
}
