package vent.web.resources;

import dev.vent.api.rules.Formats;
import dev.vent.api.rules.UserIds;
import dev.vent.common.v1.Format;
import java.util.Arrays;
import java.util.List;
import vent.web.errors.ProblemException;
import vent.web.errors.Problems;

/**
 * Reads path and query parameters as strings and checks them here, so that a malformed value is a
 * 400 with a precise code (JAX-RS would turn a failed {@code int} query parameter into a 404).
 */
final class Params {

  /** The violation message of an absent or {@code null} JSON body. */
  static final String BODY_REQUIRED = "a JSON body is required";

  /** Longest cursor accepted; the relation provider's cursors are far shorter. */
  static final int MAX_CURSOR_CHARS = 512;

  private Params() {}

  /**
   * @throws ProblemException 400 INVALID_USER_ID unless {@code raw} is a user id ({@link UserIds})
   */
  static String userId(String raw, String field) {
    if (!UserIds.isWellFormed(raw)) {
      throw ProblemException.badField(
          Problems.INVALID_USER_ID, field, "must be " + Formats.description(Format.USER_ID));
    }
    return raw;
  }

  /**
   * @throws ProblemException 400 INVALID_VENT_ID unless {@code raw} has the shape of a vent id
   *     ({@code vent.common.v1.Format.VENT_ID})
   */
  static String ventId(String raw, String field) {
    if (raw == null || !Formats.matches(Format.VENT_ID, raw)) {
      throw ProblemException.badField(
          Problems.INVALID_VENT_ID, field, "must be " + Formats.description(Format.VENT_ID));
    }
    return raw;
  }

  /**
   * @return {@code fallback} when absent or empty, else the value
   * @throws ProblemException 400 INVALID_LIMIT unless an integer within 1..max
   */
  static int limit(String raw, int fallback, int max) {
    if (raw == null || raw.isEmpty()) {
      // The largest page may have been configured below the default.
      return Math.min(fallback, max);
    }
    int value = -1;
    if (raw.length() <= 4 && raw.chars().allMatch(Character::isDigit)) {
      value = Integer.parseInt(raw);
    }
    if (value < 1 || value > max) {
      throw ProblemException.badField(
          Problems.INVALID_LIMIT, "limit", "must be an integer from 1 to " + max);
    }
    return value;
  }

  /**
   * @throws ProblemException 400 INVALID_CURSOR when longer than any cursor this API issues
   */
  static String cursor(String raw) {
    if (raw == null) {
      return "";
    }
    if (raw.length() > MAX_CURSOR_CHARS) {
      throw ProblemException.badField(
          "INVALID_CURSOR", "cursor", "is not a cursor this API issued");
    }
    return raw;
  }

  /**
   * @throws ProblemException 400 VALIDATION_FAILED when absent or empty
   */
  static String required(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      throw ProblemException.validation(field, "is required");
    }
    return raw;
  }

  /**
   * Comma-separated user ids, e.g. {@code 12,34,56}.
   *
   * @throws ProblemException 400 VALIDATION_FAILED when absent, TOO_MANY_IDS above {@code max},
   *     INVALID_USER_ID when one is malformed
   */
  static List<String> userIds(String raw, String field, int max) {
    required(raw, field);
    List<String> ids = Arrays.asList(raw.split(",", -1));
    if (ids.size() > max) {
      throw ProblemException.badField(Problems.TOO_MANY_IDS, field, "at most " + max + " ids");
    }
    for (String id : ids) {
      userId(id, field);
    }
    return ids;
  }
}
