package vent.web.api;

import dev.vent.post.v1.Audience;
import java.util.Map;
import vent.web.errors.ProblemException;

/**
 * The JSON names of {@link Audience}: {@code public}, {@code followers}, {@code mutuals}, lower
 * case only.
 */
public final class Audiences {

  /** Problem code of a missing or unknown audience (the post provider's reason). */
  public static final String INVALID_AUDIENCE = "INVALID_AUDIENCE";

  private static final Map<String, Audience> BY_NAME =
      Map.of(
          "public", Audience.PUBLIC, "followers", Audience.FOLLOWERS, "mutuals", Audience.MUTUALS);

  private Audiences() {}

  /**
   * @throws ProblemException 400 INVALID_AUDIENCE when {@code name} is null or not one of the three
   *     names
   */
  public static Audience fromJson(String name) {
    Audience audience = name == null ? null : BY_NAME.get(name);
    if (audience == null) {
      throw ProblemException.badField(
          INVALID_AUDIENCE, "audience", "must be one of public, followers, mutuals");
    }
    return audience;
  }

  /**
   * @return the JSON name; {@code unknown} for a value this version does not know
   */
  public static String toJson(Audience audience) {
    return switch (audience) {
      case PUBLIC -> "public";
      case FOLLOWERS -> "followers";
      case MUTUALS -> "mutuals";
      default -> "unknown";
    };
  }
}
