package vent.common.sentinel;

import com.alibaba.csp.sentinel.datasource.AbstractDataSource;
import com.alibaba.csp.sentinel.slots.block.Rule;
import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.kv.model.GetValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one kind of one application, read from one Consul KV key. The values arrive through
 * {@link #apply(String)}, called by the key's {@link ConsulRuleWatch}; {@link #readSource()} reads
 * the key directly for Sentinel's {@code ReadableDataSource} contract.
 *
 * <p>A missing key is an empty rule list. A value that does not parse is logged once (per distinct
 * value) and ignored: the last good rules stay in force, so a typo in Consul never lifts every
 * limit at once.
 */
final class ConsulRuleSource<T extends Rule> extends AbstractDataSource<String, List<T>> {

  private static final Logger LOG = LoggerFactory.getLogger(ConsulRuleSource.class);

  private final ConsulClient consul;
  private final String key;
  private final RuleKind<T> kind;
  private boolean applied;
  private String appliedRaw;
  private String rejectedRaw;

  ConsulRuleSource(ConsulClient consul, String key, RuleKind<T> kind) {
    super(kind::parse);
    this.consul = consul;
    this.key = key;
    this.kind = kind;
  }

  String key() {
    return key;
  }

  RuleKind<T> kind() {
    return kind;
  }

  /**
   * Applies the key's current value, unless it is the one applied last.
   *
   * @param raw the KV value, {@code null} when the key is absent
   */
  synchronized void apply(String raw) {
    if (applied && Objects.equals(raw, appliedRaw)) {
      return;
    }
    List<T> rules;
    try {
      rules = parser.convert(raw);
    } catch (RuntimeException e) {
      if (!Objects.equals(raw, rejectedRaw)) {
        rejectedRaw = raw;
        LOG.warn(
            "event=sentinel_rules_invalid key={} action=kept_previous_rules error={}",
            key,
            oneLine(e));
      }
      return;
    }
    getProperty().updateValue(rules);
    applied = true;
    appliedRaw = raw;
    rejectedRaw = null;
    LOG.info("event=sentinel_rules_applied key={} rules={}", key, rules.size());
  }

  /**
   * @return the key's value now (no blocking), {@code null} if the key is absent
   */
  @Override
  public String readSource() {
    Response<GetValue> response = consul.getKVValue(key);
    GetValue value = response.getValue();
    return value == null || value.getValue() == null
        ? null
        : value.getDecodedValue(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    // The watch owns the connection; nothing to release per key.
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("[\\r\\n]+", " ");
  }
}
