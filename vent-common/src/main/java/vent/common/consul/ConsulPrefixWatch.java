package vent.common.consul;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.kv.model.GetValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches every key under a Consul KV prefix with consistent blocking queries and hands each new
 * state (all keys and values, keys relative to the prefix) to a consumer.
 *
 * <p>One recursive query covers the whole prefix; it returns as soon as any key under it is written
 * or deleted. Consistency, retries, index handling and logging ({@code event=consul_watch_failed} /
 * {@code _recovered}) are those of {@link ConsulBlockingWatch}.
 */
public final class ConsulPrefixWatch implements AutoCloseable {

  private final String prefix;
  private final ConsulBlockingWatch<List<GetValue>> watch;

  /**
   * @param prefix a KV folder without a trailing slash, e.g. the global configuration's {@code
   *     kvPrefix}
   * @param consumer receives each state on the watch's thread (the first one on the caller's)
   */
  public ConsulPrefixWatch(
      ConsulClient consul, String prefix, Consumer<Map<String, String>> consumer) {
    this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    this.watch =
        new ConsulBlockingWatch<>(
            "consul_watch",
            "prefix=" + this.prefix,
            params -> consul.getKVValues(this.prefix, params),
            values -> consumer.accept(relative(values)));
  }

  /**
   * Reads the prefix once on the caller's thread (one attempt: a Consul that is down does not hold
   * up start-up), then watches in the background.
   *
   * @return whether the first read succeeded (the consumer has the current state)
   */
  public boolean start() {
    return watch.start();
  }

  private Map<String, String> relative(List<GetValue> values) {
    Map<String, String> state = new HashMap<>();
    if (values != null) {
      for (GetValue value : values) {
        // Folders (keys ending in '/') and keys without a value carry no setting.
        if (value.getValue() != null
            && value.getKey().startsWith(prefix)
            && !value.getKey().endsWith("/")) {
          state.put(
              value.getKey().substring(prefix.length()),
              value.getDecodedValue(StandardCharsets.UTF_8));
        }
      }
    }
    return state;
  }

  /** Stops watching; an in-flight blocking query ends on its own. */
  @Override
  public void close() {
    watch.close();
  }
}
