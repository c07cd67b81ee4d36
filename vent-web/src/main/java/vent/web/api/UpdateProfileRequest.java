package vent.web.api;

import jakarta.validation.constraints.Size;

/**
 * PATCH /me body: {@code {displayName?, bio?}}, at least one of them; absent fields are kept.
 *
 * @param displayName 1-50 characters
 * @param bio at most 160 characters; empty clears it
 */
public record UpdateProfileRequest(@Size(min = 1, max = 50) String displayName, @Size(max = 160) String bio) {

  /** True when the request changes nothing (both fields absent). */
  public boolean changesNothing() {
    return displayName == null && bio == null;
  }
}
