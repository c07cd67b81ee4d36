package vent.provider.user.domain;

/**
 * The profile fields an update changes; a {@code null} field is kept as it is.
 *
 * @param displayName new display name, or {@code null} to keep it
 * @param bio new bio (may be empty), or {@code null} to keep it
 */
public record ProfileUpdate(String displayName, String bio) {

  /**
   * @return true when no field is to change
   */
  public boolean isEmpty() {
    return displayName == null && bio == null;
  }
}
