package vent.provider.relation.domain;

/**
 * One inbox entry: {@code actorId} followed the inbox's owner.
 *
 * @param actorId who followed
 * @param atMs when, milliseconds since the Unix epoch (UTC)
 * @param read whether the owner has marked the inbox read since this entry arrived
 */
public record NotificationItem(String actorId, long atMs, boolean read) {}
