package vent.common.sentinel;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.kv.model.GetValue;
import java.nio.charset.StandardCharsets;
import vent.common.consul.ConsulBlockingWatch;

/**
 * Watches one rule key with Consul blocking queries and hands each new value to its {@link
 * ConsulRuleSource}.
 *
 * <p>A blocking query on a key returns as soon as that key is written or deleted, so a change is
 * applied within Consul's own latency, well under the 2 s Vent promises. One query per key rather
 * than one recursive query per application: Consul computes a prefix's index from the tombstones
 * under it, and after a recursive delete of a parent folder ({@code consul kv delete -recurse
 * <kvPrefix>/app}) a prefix query can keep blocking on an older tombstone's index; a single-key
 * query cannot.
 *
 * <p>Consistent reads, retries, index handling and logging ({@code
 * event=sentinel_rules_watch_failed} / {@code _recovered}; the last rules stay in force meanwhile)
 * are those of {@link ConsulBlockingWatch}.
 *
 * <p>Sentinel's own {@code ConsulDataSource} (sentinel-datasource-consul) is not used: it ignores a
 * deleted key (the old rules would stay) and spins on an index that goes backwards.
 */
final class ConsulRuleWatch implements AutoCloseable {

  private final ConsulBlockingWatch<GetValue> watch;

  ConsulRuleWatch(ConsulClient consul, ConsulRuleSource<?> source) {
    this.watch =
        new ConsulBlockingWatch<>(
            "sentinel_rules_watch",
            "key=" + source.key(),
            params -> consul.getKVValue(source.key(), params),
            value ->
                source.apply(
                    value == null || value.getValue() == null
                        ? null
                        : value.getDecodedValue(StandardCharsets.UTF_8)));
  }

  /**
   * Reads the current value (so its rules hold when this returns, if Consul answers; if it does
   * not, no rules until it does), then watches in the background.
   */
  void start() {
    watch.start();
  }

  /** Stops watching; an in-flight blocking query ends on its own. */
  @Override
  public void close() {
    watch.close();
  }
}
