package vent.bench.baseline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A user's public profile, field for field vent-web's {@code vent.web.api.UserJson}: {@code {id,
 * username, displayName, bio, createdAt}}.
 *
 * @param id decimal string
 * @param username lower-case, 1-30 of [a-z0-9_]
 * @param displayName 1-50 characters
 * @param bio at most 160 characters, may be empty
 * @param createdAt ISO-8601 UTC instant, e.g. {@code 2026-11-22T03:38:00.123Z}
 */
public record UserJson(
    String id, String username, String displayName, String bio, String createdAt) {

  /**
   * Reads a profile hash ({@code vent:user:{<id>}}) as the user provider writes it: fields {@code
   * id, username, displayName, bio, createdAtMs, updatedAtMs}, all strings, times in ms since the
   * epoch. Missing fields read as empty and a missing time as 0, as the provider's {@code
   * RedisUserRepository} reads them.
   *
   * @param hash the HGETALL reply; empty when the key does not exist
   * @return empty when there is no profile (no key, or no {@code id} field)
   */
  public static Optional<UserJson> fromHash(Map<String, String> hash) {
    String id = field(hash, "id");
    if (id.isEmpty()) {
      return Optional.empty();
    }
    String createdAtMs = field(hash, "createdAtMs");
    long created = createdAtMs.isEmpty() ? 0L : Long.parseLong(createdAtMs);
    return Optional.of(
        new UserJson(
            id,
            field(hash, "username"),
            field(hash, "displayName"),
            field(hash, "bio"),
            Instant.ofEpochMilli(created).toString()));
  }

  private static String field(Map<String, String> hash, String name) {
    String value = hash.get(name);
    return value == null ? "" : value;
  }
}
