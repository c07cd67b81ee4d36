package vent.common.consul;

import com.ecwid.consul.v1.ConsistencyMode;
import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.kv.model.GetValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every key under a Consul KV prefix with consistent blocking queries and hands each new
 * state (all keys and values, keys relative to the prefix) to a consumer.
 *
 * <p>One recursive query covers the whole prefix; it returns as soon as any key under it is
 * written or deleted, otherwise every {@link #WAIT_SECONDS} s with the same state (which the
 * consumer sees again: it must be idempotent). The reads are consistent for the reason given in
 * {@code ConsulRuleWatch}: a Consul server that has just restarted would otherwise answer from
 * state it is still replaying. Index handling follows Consul's blocking-query rules (an index that
 * goes backwards starts over). While Consul cannot be reached the consumer hears nothing (its
 * values stay) and the watch retries every {@link #RETRY_MS} ms, logging once per outage.
 */
public final class ConsulPrefixWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsulPrefixWatch.class);

  /** How long one blocking query waits for a change, seconds. */
  public static final int WAIT_SECONDS = 30;
  /** Pause before retrying after a failed query, milliseconds. */
  public static final long RETRY_MS = 1000;

  private final ConsulClient consul;
  private final String prefix;
  private final Consumer<Map<String, String>> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private long index;
  private boolean failing;

  /**
   * @param prefix a KV folder without a trailing slash, e.g. {@code vent/config}
   * @param consumer receives each state on the watch's thread (the first one on the caller's)
   */
  public ConsulPrefixWatch(ConsulClient consul, String prefix, Consumer<Map<String, String>> consumer) {
    this.consul = consul;
    this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    this.consumer = consumer;
    this.thread = new Thread(this::run, "consul-watch-" + prefix);
    this.thread.setDaemon(true);
  }

  /**
   * Reads the prefix once on the caller's thread (one attempt: a Consul that is down does not hold
   * up start-up), then watches in the background.
   *
   * @return whether the first read succeeded (the consumer has the current state)
   */
  public boolean start() {
    boolean read = pollOnce();
    thread.start();
    return read;
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
    Response<List<GetValue>> response;
    try {
      response = consul.getKVValues(prefix, QueryParams.Builder.builder()
          .setConsistencyMode(ConsistencyMode.CONSISTENT).setWaitTime(WAIT_SECONDS).setIndex(index).build());
    } catch (RuntimeException e) {
      if (running && !failing) {
        failing = true;
        LOG.warn("event=consul_watch_failed prefix={} action=keep_values_and_retry retryMs={} error=\"{}\"", prefix,
            RETRY_MS, oneLine(e));
      }
      index = 0;
      return false;
    }
    if (failing) {
      failing = false;
      LOG.info("event=consul_watch_recovered prefix={}", prefix);
    }
    consumer.accept(relative(response.getValue()));
    advance(response.getConsulIndex());
    return true;
  }

  private Map<String, String> relative(List<GetValue> values) {
    Map<String, String> state = new HashMap<>();
    if (values != null) {
      for (GetValue value : values) {
        // Folders (keys ending in '/') and keys without a value carry no setting.
        if (value.getValue() != null && value.getKey().startsWith(prefix) && !value.getKey().endsWith("/")) {
          state.put(value.getKey().substring(prefix.length()), value.getDecodedValue(StandardCharsets.UTF_8));
        }
      }
    }
    return state;
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

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
