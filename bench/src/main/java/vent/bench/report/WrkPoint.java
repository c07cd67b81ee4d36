package vent.bench.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One wrk run as printed by {@code bench/wrk/vent.lua}'s {@code done()}.
 *
 * @param label {@code sat} (saturation: fixed connections, no pacing) or {@code r25}/{@code r50}/
 *     {@code r75} (paced at that percentage of the saturation rate)
 * @param scenario R1, R2, W1 or M1
 * @param targetRate offered rate in requests/s; 0 for a saturation run
 * @param durationUs length of the run, microseconds
 * @param requests completed requests
 * @param errors socket errors and non-2xx/3xx answers
 * @param latencyUs latency from send to full answer, microseconds
 * @param latencyCorrectedUs paced runs only (else null): the same corrected for coordinated
 *     omission as HdrHistogram's {@code recordValueWithExpectedInterval} does, with a connection's
 *     expected interval (connections / rate), microseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WrkPoint(
    String label,
    String scenario,
    long targetRate,
    long durationUs,
    long requests,
    Errors errors,
    Latency latencyUs,
    Latency latencyCorrectedUs) {

  /** Counts of failed requests by kind, as wrk reports them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Errors(long connect, long read, long write, long status, long timeout) {
    /** All of them. */
    public long total() {
      return connect + read + write + status + timeout;
    }
  }

  /** Latency distribution, microseconds. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Latency(double mean, long p50, long p90, long p99, long p999, long max) {}

  /** Completed requests per second. */
  public double throughput() {
    return durationUs <= 0 ? 0 : requests * 1e6 / durationUs;
  }
}
