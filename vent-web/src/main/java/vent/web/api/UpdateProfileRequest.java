package vent.web.api;

/**
 * PATCH /me body: {@code {displayName?, bio?}}, at least one of them; absent fields are kept.
 *
 * @param displayName 1-50 characters (Unicode code points), no format characters
 * @param bio at most 160 characters (code points), no format characters; empty clears it
 */
public record UpdateProfileRequest(
    @CodePoints(min = 1, max = 50) @NoFormatCharacters String displayName,
    @CodePoints(max = 160) @NoFormatCharacters String bio) {

  /** True when the request changes nothing (both fields absent). */
  public boolean changesNothing() {
    return displayName == null && bio == null;
  }
}
