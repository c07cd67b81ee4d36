package vent.provider.post.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What this service reads of the follow graph (the relation service). */
public interface RelationDirectory {

  /**
   * @param userId the asking side
   * @param otherIds distinct users, any number (asked in chunks the relation service accepts)
   * @return how {@code userId} stands to each of them, by id; every id is present
   */
  Map<String, Relationship> relationships(String userId, Collection<String> otherIds);

  /**
   * @return how many followers {@code userId} has
   */
  long followerCount(String userId);

  /**
   * One page of {@code userId}'s followers, newest follow first.
   *
   * @param cursor empty for the first page, else {@link FollowerPage#nextCursor()}
   */
  FollowerPage followers(String userId, String cursor, int limit);

  /**
   * @param followerIds the page's followers
   * @param nextCursor empty when there are no more pages
   */
  record FollowerPage(List<String> followerIds, String nextCursor) {}
}
