package dev.vent.api.rules;

import java.util.Objects;

/**
 * One broken field rule of a request.
 *
 * @param field the field's path in the request message, with IDL names and element indexes, e.g.
 *     {@code display_name} or {@code edges[17].followee_id}
 * @param reason the error reason the rule names, e.g. {@code INVALID_USERNAME}: the gRPC status
 *     description starts with it and vent-web's problem {@code code} is it
 * @param detail a sentence for humans that starts with the field (or names it), e.g. {@code
 *     "username must be 3-30 characters of a-z, 0-9 and _"}; never echoes the rejected value
 */
public record Violation(String field, String reason, String detail) {

  /**
   * @throws NullPointerException if any part is {@code null}
   */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
