package vent.provider.relation.domain;

import java.util.List;

/**
 * One page of a followers or following list.
 *
 * @param items newest first, at most the requested limit
 * @param nextCursor the cursor of the next page, empty when there is none
 */
public record FollowPage(List<FollowItem> items, String nextCursor) {}
