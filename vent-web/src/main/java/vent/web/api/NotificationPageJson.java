package vent.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of the caller's inbox, newest first: {@code {items, nextCursor, unreadCount}}.
 *
 * @param items this page (entries whose actor no longer exists are left out, so a page may be
 *     shorter than {@code limit} and still have a next one)
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 * @param unreadCount unread entries in the whole inbox, not only this page
 */
public record NotificationPageJson(
    List<NotificationJson> items,
    @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
    long unreadCount)
    implements Paged {}
