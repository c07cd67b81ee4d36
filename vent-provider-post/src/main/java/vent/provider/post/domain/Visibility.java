package vent.provider.post.domain;

/**
 * The visibility rule of {@code vent/post/v1/post.proto}: a vent is visible to its author; to
 * anyone else only when neither blocks the other and the audience admits them: PUBLIC everyone
 * (also an anonymous viewer), FOLLOWERS the author's followers, MUTUALS the users who follow the
 * author and whom the author follows. Existence and expiry are checked by the caller.
 */
public final class Visibility {

  private Visibility() {}

  /**
   * @param vent the vent
   * @param viewerId the user asking, or empty for an anonymous viewer
   * @param viewerToAuthor GetRelationships(viewer, author) of that pair; ignored when the viewer is
   *     anonymous or the author
   */
  public static boolean admits(Vent vent, String viewerId, Relationship viewerToAuthor) {
    if (vent.authorId().equals(viewerId)) {
      return true;
    }
    if (viewerId.isEmpty()) {
      return vent.audience() == Audience.PUBLIC;
    }
    return admits(
        vent.audience(),
        viewerToAuthor.following(),
        viewerToAuthor.followedBy(),
        viewerToAuthor.blockedEitherWay());
  }

  /**
   * The rule for a known viewer other than the author.
   *
   * @param viewerFollowsAuthor the viewer follows the author
   * @param authorFollowsViewer the author follows the viewer
   * @param blocked either of them blocks the other
   */
  public static boolean admits(
      Audience audience,
      boolean viewerFollowsAuthor,
      boolean authorFollowsViewer,
      boolean blocked) {
    if (blocked) {
      return false;
    }
    return switch (audience) {
      case PUBLIC -> true;
      case FOLLOWERS -> viewerFollowsAuthor;
      case MUTUALS -> viewerFollowsAuthor && authorFollowsViewer;
    };
  }
}
