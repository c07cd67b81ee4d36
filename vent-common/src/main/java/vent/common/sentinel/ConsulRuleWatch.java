package vent.common.sentinel;

import com.ecwid.consul.v1.ConsistencyMode;
import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.kv.model.GetValue;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one rule key with Consul blocking queries and hands each new value to its
 * {@link ConsulRuleSource}.
 *
 * <p>A blocking query on a key returns as soon as that key is written or deleted, so a change is
 * applied within Consul's own latency, well under the 2 s Vent promises; it otherwise returns
 * every {@link #WAIT_SECONDS} s with nothing new. One query per key rather than one recursive
 * query per application: Consul computes a prefix's index from the tombstones under it, and after
 * a recursive delete of a parent folder ({@code consul kv delete -recurse vent/sentinel/app}) a
 * prefix query can keep blocking on an older tombstone's index; a single-key query cannot.
 *
 * <p>Index handling follows Consul's blocking-query rules: an index that goes backwards (e.g. a
 * Consul dev agent restarted) starts over with a fresh read. While Consul cannot be reached the
 * last rules stay in force and the watch retries every {@link #RETRY_MS} ms, logging once per
 * outage.
 *
 * <p>Sentinel's own {@code ConsulDataSource} (sentinel-datasource-consul) is not used: it ignores
 * a deleted key (the old rules would stay) and spins on an index that goes backwards.
 */
final class ConsulRuleWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsulRuleWatch.class);

  /** How long one blocking query waits for a change, seconds. */
  static final int WAIT_SECONDS = 30;
  /** Pause before retrying after a failed query, milliseconds. */
  static final long RETRY_MS = 1000;

  private final ConsulClient consul;
  private final ConsulRuleSource<?> source;
  private final Thread thread;
  private volatile boolean running = true;
  private long index;
  private boolean failing;

  ConsulRuleWatch(ConsulClient consul, ConsulRuleSource<?> source) {
    this.consul = consul;
    this.source = source;
    this.thread = new Thread(this::run, "sentinel-consul-watch-" + source.kind().type());
    this.thread.setDaemon(true);
  }

  /**
   * Reads the current value (so its rules hold when this returns, if Consul answers; if it does
   * not, no rules until it does), then watches in the background.
   */
  void start() {
    pollOnce();
    thread.start();
  }

  private void run() {
    while (running) {
      if (!pollOnce()) {
        pause(RETRY_MS);
      }
    }
  }

  /** @return false if Consul could not be asked */
  private boolean pollOnce() {
    try {
      // Consistent, not Consul's default mode: a server that has just restarted answers default
      // reads from state it is still replaying, and would hand out rules older than the current
      // ones for a moment (seen in the fault suite: defaults back for 40 ms after Consul's
      // restart, and 429s). A consistent read fails until the server is ready; the watch then
      // keeps its rules and asks again.
      Response<GetValue> response = consul.getKVValue(source.key(), QueryParams.Builder.builder()
          .setConsistencyMode(ConsistencyMode.CONSISTENT).setWaitTime(WAIT_SECONDS).setIndex(index).build());
      GetValue value = response.getValue();
      source.apply(value == null || value.getValue() == null ? null : value.getDecodedValue(StandardCharsets.UTF_8));
      advance(response.getConsulIndex());
      if (failing) {
        failing = false;
        LOG.info("event=sentinel_rules_watch_recovered key={}", source.key());
      }
      return true;
    } catch (RuntimeException e) {
      if (running && !failing) {
        failing = true;
        LOG.warn("event=sentinel_rules_watch_failed key={} action=keep_rules_and_retry retryMs={} error={}",
            source.key(), RETRY_MS, ConsulRuleSource.oneLine(e));
      }
      index = 0;
      return false;
    }
  }

  private void advance(Long consulIndex) {
    long next = consulIndex == null ? 0 : consulIndex;
    if (next <= 0 || next < index) {
      // Consul: an index that goes backwards or is not positive means "start over".
      index = 0;
      pause(100);
    } else {
      index = next;
    }
  }

  private void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops watching; an in-flight blocking query ends on its own within {@link #WAIT_SECONDS} s. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
