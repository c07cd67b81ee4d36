package vent.web.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import vent.web.it.ChaosLoad.Op;
import vent.web.it.ChaosLoad.Outcome;

/**
 * The figures of one fault scenario, computed from every request's outcome, and their row in {@code
 * target/chaos/results.md} (the table docs/RELIABILITY.md is filled from).
 *
 * @param faultMs when the fault was injected, ms since the epoch
 * @param healedMs when the fault was undone (process restarted, Redis back), or {@code faultMs}
 *     when nothing needed undoing
 * @param lostWrites acknowledged follows missing afterwards (of those the scenario promises)
 */
record ChaosReport(
    String scenario,
    List<Outcome> outcomes,
    long seconds,
    long faultMs,
    long healedMs,
    long checkedWrites,
    long lostWrites) {

  long requests() {
    return outcomes.size();
  }

  long failed(Op op) {
    return outcomes.stream().filter(o -> o.op() == op && !o.ok()).count();
  }

  long failedRequests() {
    return outcomes.stream().filter(o -> !o.ok()).count();
  }

  long total(Op op) {
    return outcomes.stream().filter(o -> o.op() == op).count();
  }

  /** Failed requests sent at or after {@code fromMs}. */
  long failedSince(long fromMs) {
    return outcomes.stream().filter(o -> !o.ok() && o.startMs() >= fromMs).count();
  }

  /**
   * Time from the fault (or, with {@code fromHealed}, from its repair) to the end of the last
   * failed request; 0 if none failed after it.
   */
  long recoveryMs(boolean fromHealed) {
    long from = fromHealed ? healedMs : faultMs;
    return outcomes.stream()
        .filter(o -> !o.ok() && o.endMs() >= from)
        .mapToLong(o -> o.endMs() - from)
        .max()
        .orElse(0);
  }

  /** Longest time any request took, ms. */
  long maxLatencyMs() {
    return outcomes.stream().mapToLong(o -> o.endMs() - o.startMs()).max().orElse(0);
  }

  /** Longest time a failed request took, ms (how fast failures fail). */
  long maxFailedLatencyMs() {
    return outcomes.stream()
        .filter(o -> !o.ok())
        .mapToLong(o -> o.endMs() - o.startMs())
        .max()
        .orElse(0);
  }

  /** "no failures", or how long failures lasted after the fault (or after its repair). */
  String recovery() {
    if (outcomes.stream().allMatch(ChaosLoad.Outcome::ok)) {
      return "no failures";
    }
    return healedMs != faultMs
        ? "last failure " + recoveryMs(true) + " ms after the repair"
        : "last failure " + recoveryMs(false) + " ms after the fault";
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "| %s | %d s, %d req (%.0f/s), %d%% reads | %d of %d reads (%.3f%%), %d of %d follows, %d of %d vents | %d of %d | %s | %d ms |",
        scenario,
        seconds,
        requests(),
        requests() / (double) seconds,
        Math.round(100.0 * total(Op.READ) / Math.max(1, requests())),
        failed(Op.READ),
        total(Op.READ),
        100.0 * failed(Op.READ) / Math.max(1, total(Op.READ)),
        failed(Op.FOLLOW),
        total(Op.FOLLOW),
        failed(Op.VENT),
        total(Op.VENT),
        lostWrites,
        checkedWrites,
        recovery(),
        maxLatencyMs());
  }

  /** Prints one line and appends the row to {@code target/chaos/results.md}. */
  void publish() {
    System.out.printf(
        Locale.ROOT,
        "event=chaos_scenario scenario=\"%s\" requests=%d failed_reads=%d failed_follows=%d failed_vents=%d lost_writes=%d"
            + " checked_writes=%d recovery_ms=%d max_latency_ms=%d max_failed_latency_ms=%d%n",
        scenario,
        requests(),
        failed(Op.READ),
        failed(Op.FOLLOW),
        failed(Op.VENT),
        lostWrites,
        checkedWrites,
        recoveryMs(healedMs != faultMs),
        maxLatencyMs(),
        maxFailedLatencyMs());
    Path file = Path.of("target", "chaos", "results.md");
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.writeString(
            file,
            "| scenario | load | failed requests | lost writes (of acknowledged) | recovery | max latency |\n"
                + "|---|---|---|---|---|---|\n",
            StandardCharsets.UTF_8);
      }
      Files.writeString(file, row() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
