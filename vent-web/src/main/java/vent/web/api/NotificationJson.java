package vent.web.api;

/**
 * One inbox entry: {@code {type: "followed", user, createdAt, read}}.
 *
 * @param type what happened; {@code followed} ({@code user} followed the caller) is the only type
 *     so far, clients must skip types they do not know
 * @param user the public profile of who did it
 * @param createdAt ISO-8601 UTC instant of when it happened (for {@code followed}: the follow)
 * @param read false until the caller marks the inbox read after this entry arrived
 */
public record NotificationJson(String type, UserJson user, String createdAt, boolean read) {

  /** The {@code type} of "someone followed you". */
  public static final String FOLLOWED = "followed";
}
