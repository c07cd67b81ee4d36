package vent.common.config.global;

import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of the global configuration: its Consul KV name, how its text is parsed and checked,
 * its code default, which local YAML value stands in when Consul has none, and whether a change
 * applies while the process runs. Declared once, in {@link ConfigKeys}; docs/CONFIG.md describes
 * every key.
 *
 * @param <T> the parsed type ({@link Integer} or {@link Boolean})
 */
public final class ConfigKey<T> {

  /** When a change in Consul takes effect. */
  public enum Mode {
    /** Applied on every instance within about a second, no restart. */
    LIVE,
    /**
     * Read once when the process starts; a later change is logged ({@code
     * event=config_change_needs_restart}) and applies at the next start.
     */
    STARTUP
  }

  private final String name;
  private final Mode mode;
  private final T defaultValue;
  private final Function<String, T> parser;
  private final String unit;
  private final String localYaml;

  private ConfigKey(
      String name,
      Mode mode,
      T defaultValue,
      Function<String, T> parser,
      String unit,
      String localYaml) {
    if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
      throw new IllegalArgumentException("config key names are dotted lower-case words: " + name);
    }
    this.name = name;
    this.mode = Objects.requireNonNull(mode);
    this.parser = Objects.requireNonNull(parser);
    this.unit = Objects.requireNonNull(unit);
    this.localYaml = Objects.requireNonNull(localYaml);
    this.defaultValue = parser.apply(String.valueOf(defaultValue));
  }

  /**
   * A whole-number key accepting {@code min..max} (inclusive).
   *
   * @param unit what the number counts, e.g. {@code seconds}
   * @param localYaml the YAML setting(s) that stand in when Consul has no value (for docs)
   */
  static ConfigKey<Integer> integer(
      String name, Mode mode, int defaultValue, int min, int max, String unit, String localYaml) {
    return new ConfigKey<>(
        name, mode, defaultValue, text -> parseInt(text, min, max), unit, localYaml);
  }

  /** A switch: exactly {@code true} or {@code false} (surrounding white space ignored). */
  static ConfigKey<Boolean> bool(String name, Mode mode, boolean defaultValue, String localYaml) {
    return new ConfigKey<>(
        name, mode, defaultValue, ConfigKey::parseBoolean, "true/false", localYaml);
  }

  /**
   * @return the dotted name, e.g. {@code auth.access-token-ttl-seconds} (the last KV path segment)
   */
  public String name() {
    return name;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * @return the value the code and the shipped YAML files use when nothing else is set
   */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * @return e.g. {@code seconds}, {@code characters}, {@code true/false}
   */
  public String unit() {
    return unit;
  }

  /**
   * @return the local YAML setting(s) this key falls back to, e.g. {@code
   *     auth.accessTokenTtlSeconds}
   */
  public String localYaml() {
    return localYaml;
  }

  /**
   * @param text a value as stored in Consul KV (UTF-8 text)
   * @return the parsed value
   * @throws IllegalArgumentException if it is not a valid value of this key (the message says why)
   */
  public T parse(String text) {
    return parser.apply(text);
  }

  /**
   * @return {@code value} as Consul and the defaults file hold it
   */
  public String format(T value) {
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return name;
  }

  private static int parseInt(String text, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be " + min + " to " + max);
    }
    return value;
  }

  private static boolean parseBoolean(String text) {
    return switch (text.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }
}
