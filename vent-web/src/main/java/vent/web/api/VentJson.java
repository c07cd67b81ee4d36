package vent.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vent.post.v1.Vent;
import java.time.Instant;
import java.util.List;

/**
 * A vent: {@code {id, author, text, audience, createdAt, expiresAt, mentions}}.
 *
 * @param id opaque string, e.g. {@code 42-k3j9x0a1b2c}
 * @param author the author's public profile
 * @param text NFC-normalised, 1-500 code points, may hold newlines
 * @param audience {@code public}, {@code followers} or {@code mutuals} ({@link Audiences})
 * @param createdAt ISO-8601 UTC instant
 * @param expiresAt ISO-8601 UTC instant when the vent stops being visible; null when it is kept
 * @param mentions the users the text mentions with {@code @username} who may see the vent
 */
public record VentJson(
    String id,
    UserJson author,
    String text,
    String audience,
    String createdAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) String expiresAt,
    List<MentionJson> mentions) {

  /** A mentioned user: {@code {id, username}}. */
  public record MentionJson(String id, String username) {}

  /** {@code vent} by {@code author} (whose id is the vent's author id). */
  public static VentJson of(Vent vent, UserJson author) {
    return new VentJson(
        vent.getId(),
        author,
        vent.getText(),
        Audiences.toJson(vent.getAudience()),
        Instant.ofEpochMilli(vent.getCreatedAtMs()).toString(),
        vent.getExpiresAtMs() == 0 ? null : Instant.ofEpochMilli(vent.getExpiresAtMs()).toString(),
        vent.getMentionsList().stream()
            .map(m -> new MentionJson(m.getUserId(), m.getUsername()))
            .toList());
  }
}
