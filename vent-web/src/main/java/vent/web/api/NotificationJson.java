package vent.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One inbox entry: {@code {type, user, createdAt, read}}, and {@code ventId} for {@code mentioned}.
 *
 * @param type what happened: {@code followed} ({@code user} followed the caller) or {@code
 *     mentioned} ({@code user} mentioned the caller in the vent {@code ventId}); clients must skip
 *     types they do not know
 * @param user the public profile of who did it
 * @param createdAt ISO-8601 UTC instant of when it happened (the follow, or the vent's posting)
 * @param read false until the caller marks the inbox read after this entry arrived
 * @param ventId {@code mentioned}: the vent ({@code GET /vents/{id}}); absent for other types
 */
public record NotificationJson(
    String type,
    UserJson user,
    String createdAt,
    boolean read,
    @JsonInclude(JsonInclude.Include.NON_NULL) String ventId) {

  /** The {@code type} of "someone followed you". */
  public static final String FOLLOWED = "followed";

  /** The {@code type} of "someone mentioned you in a vent". */
  public static final String MENTIONED = "mentioned";
}
