package vent.web.api;

/**
 * PATCH /me body: {@code {displayName?, bio?}}, at least one of them; absent fields are kept.
 *
 * <p>Both are checked by the rules of {@code vent.user.v1.UpdateUserRequest} before the call (400
 * INVALID_DISPLAY_NAME, INVALID_BIO).
 *
 * @param displayName 1-50 characters (Unicode code points), no control or format characters
 * @param bio at most 160 characters, no control characters but newline, no format characters; empty
 *     clears it
 */
public record UpdateProfileRequest(String displayName, String bio) {

  /** True when the request changes nothing (both fields absent). */
  public boolean changesNothing() {
    return displayName == null && bio == null;
  }
}
