package vent.provider.relation.domain;

import java.util.List;

/**
 * The most recent followees of a user, and how many followees they have in all.
 *
 * @param userIds newest first
 * @param total the user's following count; equal to {@code userIds.size()} when the sample is
 *     complete
 */
public record RecentFollowing(List<String> userIds, long total) {

  /**
   * @return whether {@link #userIds} holds every followee
   */
  public boolean complete() {
    return userIds.size() >= total;
  }
}
