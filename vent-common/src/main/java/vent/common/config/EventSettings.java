package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import vent.common.events.ConsumerSettings;
import vent.common.events.EventStreams;

/**
 * Domain event streams: how long they are kept and how this process consumes them.
 *
 * <p>YAML shape: {@code {streamMaxLength: 250000, batchSize: 100, blockMs: 1000, claimIdleMs: 5000,
 * maxDeliveries: 5}}.
 */
public class EventSettings {
  /** Entries a stream is trimmed to on each write, approximately (XADD MAXLEN ~). */
  @JsonProperty public long streamMaxLength = EventStreams.DEFAULT_MAX_LENGTH;
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

  /** @return settings of one member of {@code group}, named {@code <application>-<pid>@<host>} */
  public ConsumerSettings consumer(String group, String application) {
    return new ConsumerSettings(group, ConsumerSettings.consumerName(application), batchSize,
        Duration.ofMillis(blockMs), Duration.ofMillis(claimIdleMs), maxDeliveries);
  }
}
