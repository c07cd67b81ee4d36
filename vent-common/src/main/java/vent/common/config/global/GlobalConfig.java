package vent.common.config.global;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global configuration of one process: for each key it uses, the effective value is the one in
 * Consul KV at {@code <kvPrefix>/<application>/<key>} if present, else at {@code
 * <kvPrefix>/global/<key>}, else the process's local YAML value (docs/CONFIG.md).
 *
 * <p>A process {@link #bind binds} each key it uses to its local value and gets a {@link Live}
 * holder. Every new state of the KV prefix ({@link #apply}, called by {@link GlobalConfigWatch}) is
 * layered again: live keys take their new value at once; a start-up key keeps the value it had when
 * bound and logs {@code event=config_change_needs_restart} once per new value.
 *
 * <p>A value that does not parse or is out of range is ignored with one {@code
 * event=config_invalid} line per distinct value: when binding, the next layer down applies; later,
 * the value in force stays. Nothing here throws on Consul's content.
 *
 * <p>This class does no I/O: it is the layering, testable without Consul.
 */
public final class GlobalConfig {

  /** The folder of values shared by all applications. */
  public static final String GLOBAL = "global";

  private static final Logger LOG = LoggerFactory.getLogger(GlobalConfig.class);

  private final String kvPrefix;
  private final String application;
  private final List<Binding<?>> bindings = new ArrayList<>();

  /** The last KV state seen, keys relative to the KV prefix; null before Consul answered. */
  private Map<String, String> snapshot;

  /**
   * @param kvPrefix the Consul KV folder of the configuration ({@link GlobalConfigSettings}), for
   *     naming where a value came from; values are plain UTF-8 text
   * @param application the application name, e.g. {@code vent-web}, {@code vent-provider-auth}
   */
  public GlobalConfig(String kvPrefix, String application) {
    if (application == null
        || application.isBlank()
        || application.contains("/")
        || application.equals(GLOBAL)) {
      throw new IllegalArgumentException(
          "invalid application name for the global configuration: " + application);
    }
    if (kvPrefix == null || kvPrefix.isBlank()) {
      throw new IllegalArgumentException("the global configuration's KV prefix is not set");
    }
    this.kvPrefix = kvPrefix;
    this.application = application;
  }

  /**
   * A configuration that never sees Consul: every key keeps its local value (tests; a process
   * without Consul).
   */
  public static GlobalConfig localOnly(String application) {
    return new GlobalConfig("(local only)", application);
  }

  public String application() {
    return application;
  }

  /**
   * Declares that this process uses {@code key}, with {@code localValue} (from its YAML) as the
   * bottom layer, and resolves it against the KV state known now (if any).
   *
   * @return the key's value holder: fixed for a start-up key, updated for a live one
   * @throws IllegalArgumentException if {@code localValue} itself is not a valid value of the key,
   *     or the key is bound twice
   */
  public synchronized <T> Live<T> bind(ConfigKey<T> key, T localValue) {
    for (Binding<?> b : bindings) {
      if (b.live.key().equals(key)) {
        throw new IllegalArgumentException("config key bound twice: " + key);
      }
    }
    T local;
    try {
      local = key.parse(key.format(Objects.requireNonNull(localValue, key.name())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "local value of " + key + " (" + key.localYaml() + ") " + e.getMessage(), e);
    }
    Binding<T> binding = new Binding<>(key, local);
    T initial = local;
    String source = "local";
    for (Layer layer : layers(key)) {
      String raw = layer.raw();
      if (raw == null) {
        continue;
      }
      try {
        initial = key.parse(raw);
        source = layer.path();
        break;
      } catch (IllegalArgumentException e) {
        binding.rejected(layer, raw, e, "next_layer");
      }
    }
    binding.live = new Live<>(key, initial);
    bindings.add(binding);
    LOG.info(
        "event=config_bound application={} key={} mode={} value={} source={}",
        application,
        key,
        key.mode().name().toLowerCase(java.util.Locale.ROOT),
        key.format(initial),
        source);
    return binding.live;
  }

  /**
   * Layers every bound key again over a new KV state.
   *
   * @param kv every key under the KV prefix and its value, the keys relative to it (e.g. {@code
   *     global/captcha.ttl-seconds}); an empty map when there are none
   */
  public synchronized void apply(Map<String, String> kv) {
    snapshot = Map.copyOf(kv);
    for (Binding<?> binding : bindings) {
      binding.update();
    }
  }

  /**
   * @return the layers of {@code key}, most specific first, over the last KV state
   */
  private List<Layer> layers(ConfigKey<?> key) {
    Map<String, String> kv = snapshot == null ? Map.of() : snapshot;
    String appPath = application + "/" + key.name();
    String globalPath = GLOBAL + "/" + key.name();
    return List.of(
        new Layer(kvPrefix + "/" + appPath, kv.get(appPath)),
        new Layer(kvPrefix + "/" + globalPath, kv.get(globalPath)));
  }

  /** One KV layer of one key: its full path and its value ({@code null} if absent). */
  private record Layer(String path, String raw) {}

  /** One bound key: its holder, local value, and what has been logged about it. */
  private final class Binding<T> {
    final ConfigKey<T> key;
    final T local;
    Live<T> live;

    /** The last rejected raw value (per path) that was logged, so it is logged once. */
    String rejectedPath;

    String rejectedRaw;

    /** A start-up key's value waiting for a restart, already logged. */
    T pendingRestart;

    Binding(ConfigKey<T> key, T local) {
      this.key = key;
      this.local = local;
    }

    void update() {
      T next = local;
      String source = "local";
      for (Layer layer : layers(key)) {
        if (layer.raw() == null) {
          continue;
        }
        try {
          next = key.parse(layer.raw());
          source = layer.path();
        } catch (IllegalArgumentException e) {
          // The most specific value present is the operator's intent: never skip it for a lower
          // one.
          rejected(layer, layer.raw(), e, "kept_previous");
          return;
        }
        break;
      }
      rejectedPath = null;
      rejectedRaw = null;
      if (key.mode() == ConfigKey.Mode.STARTUP) {
        needsRestart(next, source);
      } else if (!next.equals(live.get())) {
        T previous = live.get();
        live.set(
            next,
            e -> LOG.warn("event=config_listener_failed key={} error=\"{}\"", key, oneLine(e)));
        LOG.info(
            "event=config_changed application={} key={} value={} previous={} source={}",
            application,
            key,
            key.format(next),
            key.format(previous),
            source);
      }
    }

    private void needsRestart(T next, String source) {
      if (next.equals(live.get())) {
        pendingRestart = null;
      } else if (!next.equals(pendingRestart)) {
        pendingRestart = next;
        LOG.warn(
            "event=config_change_needs_restart application={} key={} value={} in_force={} source={}",
            application,
            key,
            key.format(next),
            key.format(live.get()),
            source);
      }
    }

    void rejected(Layer layer, String raw, IllegalArgumentException e, String action) {
      if (layer.path().equals(rejectedPath) && raw.equals(rejectedRaw)) {
        return;
      }
      rejectedPath = layer.path();
      rejectedRaw = raw;
      // The value's length, not the value: whatever was typed there stays out of the log.
      LOG.warn(
          "event=config_invalid application={} key={} source={} value_len={} error=\"{}\" action={}",
          application,
          key,
          layer.path(),
          raw.length(),
          oneLine(e),
          action);
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
