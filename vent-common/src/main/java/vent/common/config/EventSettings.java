package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import vent.common.events.ConsumerSettings;
import vent.common.events.EventStreams;
import vent.common.events.Retention;

/**
 * Domain event streams: how long they are kept and how this process consumes them.
 *
 * <p>YAML shape: {@code {shards: ${VENT_EVENT_SHARDS}, streamMaxLength: 250000, keepMs: 90000000,
 * trimEveryMs: 10000, reportEveryMs: 60000, batchSize: 100, blockMs: 1000, claimIdleMs: 5000,
 * maxDeliveries: 5, outboxSweepMs: 10000, outboxMinAgeMs: 5000}}.
 */
public class EventSettings {
  /**
   * Shards of each event stream: {@code <stream>:{<name>-<k>}} for k in 0..shards-1, each on the
   * slot of its hash tag. No default: the launcher's, from the topology ({@code events.shards}); a
   * stream's writers and readers must agree on it.
   */
  @Min(value = 1, message = "must be at least 1")
  @JsonProperty
  public int shards;

  /**
   * Entries at or below which a stream is not trimmed; above it, the consumers trim what every
   * group acknowledged and is older than {@link #keepMs}.
   */
  @JsonProperty public long streamMaxLength = EventStreams.DEFAULT_MAX_LENGTH;

  /** Entries younger than this are never trimmed, milliseconds ({@link Retention#DEFAULT_KEEP}). */
  @JsonProperty public long keepMs = Retention.DEFAULT_KEEP.toMillis();

  /** How often each consumer trims its stream, milliseconds. */
  @JsonProperty public long trimEveryMs = 10_000;

  /** How often each consumer logs the lag of every group on its stream, milliseconds. */
  @JsonProperty public long reportEveryMs = 60_000;

  /** Most entries read or claimed at a time. */
  @JsonProperty public int batchSize = 100;

  /** How long one read waits for new entries, milliseconds. */
  @JsonProperty public long blockMs = 1000;

  /**
   * How long an entry stays pending with one consumer (dead, or its handler failed) before another
   * instance claims it, milliseconds.
   */
  @JsonProperty public long claimIdleMs = 5000;

  /** Deliveries after which a failing entry moves to the dead-letter stream. */
  @JsonProperty public int maxDeliveries = 5;

  /** How often one instance of each producing service sweeps its outboxes, milliseconds. */
  @JsonProperty public long outboxSweepMs = 10_000;

  /**
   * Age above which the sweep relays an outbox entry, milliseconds; younger ones are being relayed
   * by the request that wrote them.
   */
  @JsonProperty public long outboxMinAgeMs = 5_000;

  /**
   * @return settings of one member of {@code group}, named {@code <application>-<pid>@<host>}
   */
  public ConsumerSettings consumer(String group, String application) {
    return new ConsumerSettings(
        group,
        ConsumerSettings.consumerName(application),
        batchSize,
        Duration.ofMillis(blockMs),
        Duration.ofMillis(claimIdleMs),
        maxDeliveries,
        new Retention(
            streamMaxLength,
            Duration.ofMillis(keepMs),
            Duration.ofMillis(trimEveryMs),
            Duration.ofMillis(reportEveryMs)));
  }
}
