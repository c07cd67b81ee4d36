package vent.provider.relation.domain;

/**
 * One inbox entry.
 *
 * @param kind what happened
 * @param actorId who did it: followed the owner, or mentioned them
 * @param ventId {@link Kind#MENTIONED}: the vent that mentions the owner; empty for other kinds
 * @param atMs when, milliseconds since the Unix epoch (UTC)
 * @param read whether the owner has marked the inbox read since this entry arrived
 */
public record NotificationItem(Kind kind, String actorId, String ventId, long atMs, boolean read) {

  /** A "followed you" entry. */
  public NotificationItem(String actorId, long atMs, boolean read) {
    this(Kind.FOLLOWED, actorId, "", atMs, read);
  }

  /** Kinds of entries; the inbox keeps one entry per (kind, actor) and, for mentions, per vent. */
  public enum Kind {
    /** The actor followed the owner. */
    FOLLOWED,
    /** The actor mentioned the owner in a vent. */
    MENTIONED
  }

  /**
   * @return the cursor of the page that starts right after this entry
   */
  public InboxCursor cursorAfter() {
    return new InboxCursor(atMs, kind == Kind.MENTIONED ? ventId : actorId);
  }
}
