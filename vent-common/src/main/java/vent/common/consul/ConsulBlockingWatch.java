package vent.common.consul;

import com.ecwid.consul.v1.ConsistencyMode;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop every Consul KV watch of Vent runs: consistent blocking queries, each answer handed to a
 * consumer, on a daemon thread.
 *
 * <ul>
 *   <li>Consistent, not Consul's default mode: a server that has just restarted answers default
 *       reads from state it is still replaying, and would hand out values older than the current
 *       ones for a moment (seen in the fault suite: Sentinel's seeded defaults back for 40 ms after
 *       Consul's restart, and 429s). A consistent read fails until the server is ready; the
 *       consumer then keeps what it has.
 *   <li>A blocking query returns as soon as what it reads changes, otherwise every {@link
 *       #WAIT_SECONDS} s with the same answer (which the consumer sees again: it must be
 *       idempotent). An index that goes backwards or is not positive starts over, as Consul's
 *       blocking-query rules say.
 *   <li>While Consul cannot be reached the consumer hears nothing and the watch retries every
 *       {@link #RETRY_MS} ms, logging one {@code event=<name>_failed} line per outage and one
 *       {@code event=<name>_recovered} line when it answers again.
 * </ul>
 *
 * @param <T> what one query answers, e.g. a key's value or the values under a prefix
 */
public final class ConsulBlockingWatch<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsulBlockingWatch.class);

  /** How long one blocking query waits for a change, seconds. */
  public static final int WAIT_SECONDS = 30;

  /** Pause before retrying after a failed query, milliseconds. */
  public static final long RETRY_MS = 1000;

  private final String event;
  private final String subject;
  private final Function<QueryParams, Response<T>> query;
  private final Consumer<T> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private long index;
  private boolean failing;

  /**
   * @param event the log event's stem, e.g. {@code consul_watch}
   * @param subject what is watched, as logged, e.g. {@code prefix=<kvPrefix>/}
   * @param query one read with the given parameters (consistency, wait time, index)
   * @param consumer receives each answer on the watch's thread (the first one on the caller's)
   */
  public ConsulBlockingWatch(
      String event,
      String subject,
      Function<QueryParams, Response<T>> query,
      Consumer<T> consumer) {
    this.event = event;
    this.subject = subject;
    this.query = query;
    this.consumer = consumer;
    this.thread = new Thread(this::run, "consul-watch-" + subject);
    this.thread.setDaemon(true);
  }

  /**
   * Reads once on the caller's thread (one attempt: a Consul that is down does not hold up
   * start-up), then watches in the background.
   *
   * @return whether the first read succeeded (the consumer has the current state)
   */
  public boolean start() {
    boolean read = pollOnce();
    thread.start();
    return read;
  }

  /** Stops watching; an in-flight blocking query ends on its own within {@link #WAIT_SECONDS} s. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  private void run() {
    while (running) {
      if (!pollOnce()) {
        pause(RETRY_MS);
      }
    }
  }

  /**
   * @return false if Consul could not be asked
   */
  private boolean pollOnce() {
    Response<T> response;
    try {
      response =
          query.apply(
              QueryParams.Builder.builder()
                  .setConsistencyMode(ConsistencyMode.CONSISTENT)
                  .setWaitTime(WAIT_SECONDS)
                  .setIndex(index)
                  .build());
    } catch (RuntimeException e) {
      if (running && !failing) {
        failing = true;
        LOG.warn(
            "event={}_failed {} action=keep_values_and_retry retryMs={} error=\"{}\"",
            event,
            subject,
            RETRY_MS,
            oneLine(e));
      }
      index = 0;
      return false;
    }
    if (failing) {
      failing = false;
      LOG.info("event={}_recovered {}", event, subject);
    }
    consumer.accept(response.getValue());
    advance(response.getConsulIndex());
    return true;
  }

  private void advance(Long consulIndex) {
    long next = consulIndex == null ? 0 : consulIndex;
    if (next <= 0 || next < index) {
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

  /**
   * @return the exception's message on one line, without double quotes
   */
  public static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("[\\r\\n]+", " ").replace('"', '\'');
  }
}
