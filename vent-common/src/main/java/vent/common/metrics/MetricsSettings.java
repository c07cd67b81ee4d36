package vent.common.metrics;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Whether this process exposes metrics, and on which port, from the environment the launcher sets:
 *
 * <ul>
 *   <li>{@code VENT_METRICS}: {@code on} (the default when unset or empty) or {@code off}; off
 *       means no registry, no server, no Consul service, and no metrics filter in the Dubbo chain;
 *   <li>{@code VENT_METRICS_PORT}: the port of {@code GET /metrics} on 127.0.0.1, 1-65535; unset or
 *       empty means no server (metrics are still recorded, e.g. for vent-web's own endpoint).
 * </ul>
 *
 * @param enabled {@code VENT_METRICS} is on
 * @param port the metrics port, empty when none is set
 */
public record MetricsSettings(boolean enabled, OptionalInt port) {

  /** The switch. */
  public static final String ENABLED_VAR = "VENT_METRICS";

  /** The port of {@code /metrics}. */
  public static final String PORT_VAR = "VENT_METRICS_PORT";

  /** From the process's environment. */
  public static MetricsSettings fromEnvironment() {
    return parse(System.getenv());
  }

  /**
   * @param env the variables, e.g. {@code System.getenv()}
   * @throws IllegalArgumentException if {@code VENT_METRICS} is neither on nor off, or the port is
   *     not an integer in 1-65535; the message names the variable and its value
   */
  public static MetricsSettings parse(Map<String, String> env) {
    String flag = env.getOrDefault(ENABLED_VAR, "").strip().toLowerCase(java.util.Locale.ROOT);
    boolean enabled =
        switch (flag) {
          case "", "on", "true", "1" -> true;
          case "off", "false", "0" -> false;
          default ->
              throw new IllegalArgumentException(
                  ENABLED_VAR + " must be on or off (got '" + flag + "')");
        };
    String raw = env.getOrDefault(PORT_VAR, "").strip();
    if (raw.isEmpty()) {
      return new MetricsSettings(enabled, OptionalInt.empty());
    }
    int port;
    try {
      port = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT_VAR + " must be an integer (got '" + raw + "')");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(PORT_VAR + " must be 1-65535 (got " + port + ")");
    }
    return new MetricsSettings(enabled, OptionalInt.of(port));
  }

  /**
   * Whether {@code VENT_METRICS} is on in this process's environment, for instrumentation installed
   * before (or without) {@link #fromEnvironment()}'s check; an invalid value counts as on (the
   * process refuses it at start, see ProviderServer).
   */
  public static boolean enabledInEnvironment() {
    try {
      return fromEnvironment().enabled();
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /** Whether a metrics server should be started: metrics on and a port set. */
  public boolean serves() {
    return enabled && port.isPresent();
  }
}
