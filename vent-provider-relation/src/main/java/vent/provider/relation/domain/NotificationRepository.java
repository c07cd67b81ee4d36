package vent.provider.relation.domain;

import java.util.List;

/**
 * Storage of notification inboxes: per user, one entry per actor who followed them and one per vent
 * that mentions them, newest first. "Followed you" entries are written by the followee's side of a
 * follow ({@link RelationRepository#applyHandOffs}), mentions by the consumer of posted vents, each
 * on the owner's keys. Failures surface as the store's runtime exceptions (UNAVAILABLE to callers).
 */
public interface NotificationRepository {

  /**
   * Entries newest first (ties: entry descending, byte order), each flagged read or unread; entries
   * whose actor the owner blocks, is blocked by, or mutes are left out.
   *
   * @param after where the previous page ended, or {@code null} for the first page
   * @param max how many entries at most
   */
  List<NotificationItem> page(String ownerId, InboxCursor after, int max);

  /**
   * @return how many entries the owner may see arrived after the owner last marked the inbox read
   */
  long unreadCount(String ownerId);

  /** Marks every current entry read. @return how many were unread */
  long markRead(String ownerId);

  /**
   * Adds a "mentioned you" entry for {@code ventId} to each owner's inbox, unless the owner is
   * deleted or either the owner or the author blocks the other. Repeating it changes nothing.
   *
   * @param atMs when the vent was posted, milliseconds since the epoch
   * @return how many entries were added
   */
  int addMentions(String authorId, String ventId, long atMs, List<String> ownerIds);
}
