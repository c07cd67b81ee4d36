package dev.vent.api.rules;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.vent.common.v1.FieldRules;
import dev.vent.common.v1.Format;
import dev.vent.common.v1.RulesProto;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code (vent.common.v1.field)} rules of one request field, read from the IDL. Checks return a
 * {@link Violation} instead of throwing, so each side turns it into its own failure (a provider:
 * INVALID_ARGUMENT with the violation's reason; vent-web: a 400 problem with that reason as {@code
 * code}).
 *
 * <p>Strings are measured in Unicode code points ({@code min_len}/{@code max_len}, an unpaired
 * surrogate counting as one) or in UTF-8 bytes ({@code min_bytes}/{@code max_bytes}).
 */
public final class FieldRule {

  private final String name;
  private final FieldRules rules;

  private FieldRule(String name, FieldRules rules) {
    this.name = name;
    this.rules = rules;
  }

  /**
   * @param message a request message type, e.g. {@code CreateUserRequest.getDescriptor()}
   * @param field a field of it, by its IDL name, e.g. {@code "display_name"}
   * @return the field's rules (none when the field carries no option)
   * @throws IllegalArgumentException if {@code message} has no such field
   */
  public static FieldRule of(Descriptor message, String field) {
    FieldDescriptor descriptor = message.findFieldByName(field);
    if (descriptor == null) {
      throw new IllegalArgumentException(message.getFullName() + " has no field " + field);
    }
    return of(descriptor);
  }

  /**
   * @return the rules of {@code field} (none when it carries no option)
   */
  public static FieldRule of(FieldDescriptor field) {
    return new FieldRule(field.getName(), field.getOptions().getExtension(RulesProto.field));
  }

  /** The field's IDL name, e.g. {@code display_name}. */
  public String name() {
    return name;
  }

  /** The rules as declared; unset parts do not apply. */
  public FieldRules rules() {
    return rules;
  }

  /** Most code points ({@code max_len}), 0 when unbounded. */
  public int maxLength() {
    return rules.getMaxLen();
  }

  /** Most elements of a repeated field ({@code max_items}), 0 when unbounded. */
  public int maxItems() {
    return rules.getMaxItems();
  }

  /**
   * Checks one string value (one element, for a repeated field), named by the field's IDL name.
   *
   * @see #check(String, String)
   */
  public Optional<Violation> check(String value) {
    return check(value, name);
  }

  /**
   * Checks one string value (one element, for a repeated field) in this order: {@code required},
   * {@code format}, lengths, bytes. {@code null} is read as empty.
   *
   * @param path how the detail names the field, e.g. {@code edges[17].followee_id}
   * @return the first rule broken, with the field's {@code reason}; empty when the value passes
   */
  public Optional<Violation> check(String value, String path) {
    String v = value == null ? "" : value;
    if (rules.getRequired() && v.isBlank()) {
      return violation(path, path + " is required");
    }
    Format format = rules.getFormat();
    if (format != Format.FORMAT_UNSPECIFIED && !Formats.matches(format, v)) {
      return violation(
          path,
          v.isEmpty() ? path + " is empty" : path + " must be " + Formats.description(format));
    }
    if (rules.getMinLen() > 0 || rules.getMaxLen() > 0) {
      int length = v.codePointCount(0, v.length());
      if (length < rules.getMinLen()) {
        return violation(path, path + " must be at least " + rules.getMinLen() + " characters");
      }
      if (rules.getMaxLen() > 0 && length > rules.getMaxLen()) {
        return violation(path, path + " must be at most " + rules.getMaxLen() + " characters");
      }
    }
    if (rules.getMinBytes() > 0 || rules.getMaxBytes() > 0) {
      int bytes = v.getBytes(StandardCharsets.UTF_8).length;
      if (bytes < rules.getMinBytes() || (rules.getMaxBytes() > 0 && bytes > rules.getMaxBytes())) {
        return violation(path, path + " must be " + bytesRange() + " in UTF-8");
      }
    }
    return Optional.empty();
  }

  /**
   * Checks how many elements a repeated field holds against {@code max_items}.
   *
   * @param count the number of elements
   * @return a violation with {@code too_many_reason}, e.g. TOO_MANY_IDS, when above the bound
   */
  public Optional<Violation> checkCount(int count) {
    if (rules.getMaxItems() > 0 && count > rules.getMaxItems()) {
      return Optional.of(
          new Violation(
              name,
              rules.getTooManyReason(),
              "at most " + rules.getMaxItems() + " " + name + " per call, got " + count));
    }
    return Optional.empty();
  }

  private String bytesRange() {
    if (rules.getMinBytes() > 0 && rules.getMaxBytes() > 0) {
      return rules.getMinBytes() + " to " + rules.getMaxBytes() + " bytes";
    }
    return rules.getMaxBytes() > 0
        ? "at most " + rules.getMaxBytes() + " bytes"
        : "at least " + rules.getMinBytes() + " bytes";
  }

  private Optional<Violation> violation(String path, String detail) {
    return Optional.of(new Violation(path, rules.getReason(), detail));
  }
}
