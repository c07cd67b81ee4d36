package vent.provider.post.domain;

/**
 * A stored list of vent places: an author's own vents, or a user's home timeline (the vents fanned
 * out to them, and their own).
 *
 * @param kind which list
 * @param userId whose list
 */
public record Feed(Kind kind, String userId) {

  /** The two kinds of list. */
  public enum Kind {
    AUTHOR,
    HOME
  }

  public static Feed author(String userId) {
    return new Feed(Kind.AUTHOR, userId);
  }

  public static Feed home(String userId) {
    return new Feed(Kind.HOME, userId);
  }
}
