package vent.provider.relation.domain;

import java.util.List;

/**
 * One page of an inbox.
 *
 * @param items newest first, at most the requested limit
 * @param nextCursor the cursor of the next page, empty when there is none
 * @param unreadCount unread entries in the whole inbox
 */
public record NotificationPage(List<NotificationItem> items, String nextCursor, long unreadCount) {}
