package vent.common.sentinel;

import com.alibaba.csp.sentinel.datasource.WritableDataSource;
import com.alibaba.csp.sentinel.slots.block.Rule;
import com.ecwid.consul.v1.ConsulClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push mode: when the dashboard sets the rules of one kind on this instance, they are written to
 * the application's Consul KV key, from where every instance (this one included, through the watch)
 * applies them and where they survive restarts.
 */
final class ConsulRuleSink<T extends Rule> implements WritableDataSource<List<T>> {

  private static final Logger LOG = LoggerFactory.getLogger(ConsulRuleSink.class);

  private final ConsulClient consul;
  private final String key;
  private final RuleKind<T> kind;

  ConsulRuleSink(ConsulClient consul, String key, RuleKind<T> kind) {
    this.consul = consul;
    this.key = key;
    this.kind = kind;
  }

  /**
   * @throws IllegalStateException if Consul refuses the write; Consul client exceptions if it
   *     cannot be reached. Sentinel's command handler then answers "partial success (write data
   *     source failed)": the rules hold on this instance only, until the next KV change.
   */
  @Override
  public void write(List<T> rules) {
    try {
      Boolean written = consul.setKVValue(key, kind.encode(rules)).getValue();
      if (!Boolean.TRUE.equals(written)) {
        throw new IllegalStateException("Consul refused to write " + key);
      }
      LOG.info(
          "event=sentinel_rules_pushed key={} rules={}", key, rules == null ? 0 : rules.size());
    } catch (RuntimeException e) {
      LOG.warn(
          "event=sentinel_rules_push_failed key={} error={}", key, ConsulRuleSource.oneLine(e));
      throw e;
    }
  }

  @Override
  public void close() {
    // The watch owns the connection.
  }
}
