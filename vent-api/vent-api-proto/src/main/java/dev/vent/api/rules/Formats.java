package dev.vent.api.rules;

import dev.vent.common.v1.Format;
import dev.vent.common.v1.RulesProto;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The string formats of {@code vent/common/v1/rules.proto} ({@link Format}), compiled from the
 * {@code format_pattern} option of each value: the one definition of what a user id or a username
 * looks like, for every service and for vent-web.
 */
public final class Formats {

  private static final Map<Format, Pattern> PATTERNS = new EnumMap<>(Format.class);

  static {
    for (Format format : Format.values()) {
      if (format == Format.UNRECOGNIZED || format == Format.FORMAT_UNSPECIFIED) {
        continue;
      }
      String regex =
          format.getValueDescriptor().getOptions().getExtension(RulesProto.formatPattern);
      if (regex.isEmpty()) {
        throw new IllegalStateException("format " + format + " has no format_pattern option");
      }
      PATTERNS.put(format, Pattern.compile(regex));
    }
  }

  private Formats() {}

  /**
   * @param format a format other than {@code FORMAT_UNSPECIFIED}
   * @param value the string to check; {@code null} never matches
   * @return whether the whole of {@code value} matches the format's pattern
   * @throws IllegalArgumentException for {@code FORMAT_UNSPECIFIED} or {@code UNRECOGNIZED}
   */
  public static boolean matches(Format format, String value) {
    return value != null && pattern(format).matcher(value).matches();
  }

  /**
   * @return the compiled {@code format_pattern} of {@code format}, matched against whole strings
   * @throws IllegalArgumentException for {@code FORMAT_UNSPECIFIED} or {@code UNRECOGNIZED}
   */
  public static Pattern pattern(Format format) {
    Pattern pattern = PATTERNS.get(format);
    if (pattern == null) {
      throw new IllegalArgumentException("no pattern for format " + format);
    }
    return pattern;
  }

  /**
   * @return the {@code format_description} of {@code format}, a phrase that completes "must be",
   *     e.g. {@code "3-30 characters of a-z, 0-9 and _"}
   */
  public static String description(Format format) {
    return format.getValueDescriptor().getOptions().getExtension(RulesProto.formatDescription);
  }
}
