package dev.vent.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason code and detail carried by a failed Vent RPC.
 *
 * <p>Every Vent provider ends a failed call with a gRPC status (see the gRPC status code list,
 * {@code doc/statuscodes.md} of the gRPC project) whose description has the shape {@code "<REASON>:
 * <detail>"}, where {@code REASON} is the name of a value of the service's {@code ErrorReason} enum
 * in the IDL (for example {@code vent.user.v1.ErrorReason}) and {@code detail} is a sentence for
 * humans. This class formats and parses that shape so that Java callers need not handle strings by
 * hand; plain gRPC clients can split on the first {@code ": "}.
 *
 * @param reason upper-case reason code, e.g. {@code USERNAME_TAKEN}; never empty
 * @param detail human-readable explanation; may be empty, never {@code null}
 */
public record ReasonedStatus(String reason, String detail) {

  private static final Pattern SHAPE =
      Pattern.compile("^([A-Z][A-Z0-9_]*): ?(.*)$", Pattern.DOTALL);

  /**
   * @throws IllegalArgumentException if {@code reason} is not an upper-case identifier
   */
  public ReasonedStatus {
    Objects.requireNonNull(reason, "reason");
    if (!reason.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("reason must be an upper-case identifier: " + reason);
    }
    detail = detail == null ? "" : detail;
  }

  /**
   * Reads a gRPC status description.
   *
   * @param description the description of a gRPC status, may be {@code null}
   * @return the reason and detail, or empty if the description does not have the {@code "REASON:
   *     detail"} shape (for example an error raised by the RPC framework itself)
   */
  public static Optional<ReasonedStatus> parse(String description) {
    if (description == null) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(description.strip());
    return m.matches() ? Optional.of(new ReasonedStatus(m.group(1), m.group(2))) : Optional.empty();
  }

  /**
   * @return the description to put in a gRPC status: {@code "<REASON>: <detail>"}
   */
  public String toDescription() {
    return reason + ": " + detail;
  }

  @Override
  public String toString() {
    return toDescription();
  }
}
