package vent.common.events;

import java.time.Duration;

/**
 * How one consumer-group member reads a stream.
 *
 * @param group the consumer group: one per kind of work (every instance of a provider shares it, so
 *     each event is handled by one of them)
 * @param consumer this instance's name in the group, unique per process
 * @param batchSize most entries read or claimed at a time, 1 or more
 * @param block how long one read waits for new entries
 * @param claimIdle how long an entry stays pending with a consumer before another one takes it over
 *     (the consumer is presumed dead, or the handler failed)
 * @param maxDeliveries deliveries after which a still failing entry is moved to the dead-letter
 *     stream, 1 or more
 * @param retention how this member trims the stream and reports the groups' lag
 */
public record ConsumerSettings(
    String group,
    String consumer,
    int batchSize,
    Duration block,
    Duration claimIdle,
    int maxDeliveries,
    Retention retention) {

  /** Batch 100, block 1 s, claim after 5 s idle, 5 deliveries, {@link Retention#defaults()}. */
  public static ConsumerSettings defaults(String group, String consumer) {
    return new ConsumerSettings(
        group, consumer, 100, Duration.ofSeconds(1), Duration.ofSeconds(5), 5);
  }

  /** With {@link Retention#defaults()}. */
  public ConsumerSettings(
      String group,
      String consumer,
      int batchSize,
      Duration block,
      Duration claimIdle,
      int maxDeliveries) {
    this(group, consumer, batchSize, block, claimIdle, maxDeliveries, Retention.defaults());
  }

  public ConsumerSettings {
    if (group == null || group.isBlank() || consumer == null || consumer.isBlank()) {
      throw new IllegalArgumentException("group and consumer must be named");
    }
    if (batchSize < 1 || maxDeliveries < 1) {
      throw new IllegalArgumentException("batchSize and maxDeliveries must be at least 1");
    }
    if (block.isNegative() || block.isZero() || claimIdle.isNegative() || claimIdle.isZero()) {
      throw new IllegalArgumentException("block and claimIdle must be positive");
    }
    if (retention == null) {
      throw new IllegalArgumentException("retention must be given");
    }
  }

  /**
   * @return the same settings with another claim timeout
   */
  public ConsumerSettings withClaimIdle(Duration idle) {
    return new ConsumerSettings(group, consumer, batchSize, block, idle, maxDeliveries, retention);
  }

  /**
   * @return the same settings with another delivery limit
   */
  public ConsumerSettings withMaxDeliveries(int deliveries) {
    return new ConsumerSettings(
        group, consumer, batchSize, block, claimIdle, deliveries, retention);
  }

  /**
   * @return the same settings with another retention
   */
  public ConsumerSettings withRetention(Retention other) {
    return new ConsumerSettings(group, consumer, batchSize, block, claimIdle, maxDeliveries, other);
  }

  /**
   * @return {@code <prefix>-<pid>@<host>}: unique per process on a host
   */
  public static String consumerName(String prefix) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return prefix + "-" + ProcessHandle.current().pid() + "@" + host;
  }
}
