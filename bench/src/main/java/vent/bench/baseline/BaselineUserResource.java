package vent.bench.baseline;

import dev.vent.api.rules.UserIds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /users}: the two reads vent-web serves through its providers, here straight from Redis.
 * Parameters are read as strings and checked here, as vent-web does, so a malformed one is a 400
 * with vent-web's code rather than JAX-RS's 404.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public final class BaselineUserResource {

  /** Longest cursor accepted, as vent-web. */
  private static final int MAX_CURSOR_CHARS = 512;

  private static final String BAD_CURSOR =
      "cursor was not issued by this service; start again with an empty cursor";

  private final RedisReads reads;
  private final int defaultPageSize;
  private final int maxPageSize;

  /**
   * @param defaultPageSize page size when {@code limit} is absent
   * @param maxPageSize largest accepted {@code limit}
   */
  public BaselineUserResource(RedisReads reads, int defaultPageSize, int maxPageSize) {
    this.reads = reads;
    this.defaultPageSize = defaultPageSize;
    this.maxPageSize = maxPageSize;
  }

  /**
   * GET /users/{id} -> 200 {@link ProfileJson}. Errors: 400 INVALID_USER_ID, 404 USER_NOT_FOUND.
   */
  @GET
  @Path("/{id}")
  public ProfileJson byId(@PathParam("id") String id) {
    String userId = userId(id);
    return reads.profile(userId).orElseThrow(() -> ProblemException.userNotFound(userId));
  }

  /**
   * GET /users/{id}/followers?limit=&cursor= -> 200 {@link PageJson} of {@link UserJson}, newest
   * follower first. Errors: 400 INVALID_USER_ID, INVALID_LIMIT (1..max), INVALID_CURSOR; 404
   * USER_NOT_FOUND (also when the cursor is bad, as in vent-web).
   */
  @GET
  @Path("/{id}/followers")
  public PageJson<UserJson> followers(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    String userId = userId(id);
    int size = limit(limit);
    FollowCursor after = null;
    if (cursor != null && !cursor.isEmpty()) {
      after = cursor.length() > MAX_CURSOR_CHARS ? null : FollowCursor.decode(cursor).orElse(null);
      if (after == null) {
        if (!reads.exists(userId)) {
          throw ProblemException.userNotFound(userId);
        }
        throw ProblemException.badField("INVALID_CURSOR", "cursor", BAD_CURSOR, BAD_CURSOR);
      }
    }
    return reads
        .followers(userId, size, after)
        .orElseThrow(() -> ProblemException.userNotFound(userId));
  }

  private static String userId(String raw) {
    if (!UserIds.isWellFormed(raw)) {
      throw ProblemException.badField(
          "INVALID_USER_ID",
          "id",
          "id: must be a user id (decimal digits)",
          "must be a user id (decimal digits)");
    }
    return raw;
  }

  private int limit(String raw) {
    if (raw == null || raw.isEmpty()) {
      return defaultPageSize;
    }
    int value = -1;
    if (raw.length() <= 4 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      value = Integer.parseInt(raw);
    }
    if (value < 1 || value > maxPageSize) {
      String message = "must be an integer from 1 to " + maxPageSize;
      throw ProblemException.badField("INVALID_LIMIT", "limit", "limit: " + message, message);
    }
    return value;
  }
}
