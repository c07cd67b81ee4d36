package vent.common.metrics;

import java.time.Duration;

/**
 * The histogram buckets (Prometheus {@code le}, in seconds once scraped) of Vent's latency timers.
 * Fixed buckets rather than Micrometer's ~70 percentile buckets: every tag combination of a timer
 * is a series of its own.
 */
public final class LatencyBuckets {

  /**
   * REST routes and RPC calls: the latencies an SLO would name, from a cache hit (5 ms) to the 3 s
   * RPC timeout and beyond (10 s).
   */
  public static final Duration[] REQUEST = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /** Redis commands, which answer in well under a millisecond: 250 µs to 5 s. */
  public static final Duration[] REDIS = {
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5)
  };

  private LatencyBuckets() {}

  /** {@code buckets} in nanoseconds, the unit of a timer's service-level objectives. */
  public static double[] nanos(Duration[] buckets) {
    double[] out = new double[buckets.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = buckets[i].toNanos();
    }
    return out;
  }
}
