package vent.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code bench/run.sh}'s {@code procs}: a process's CPU time so far and its memory.
 *
 * @param name the launcher's process name (web, user-1, redis, ...) or {@code baseline}
 * @param cpuTicks user + system CPU time, clock ticks ({@code getconf CLK_TCK} per second)
 * @param rssKb resident set size now, KiB (/proc/PID/status VmRSS)
 * @param peakRssKb the highest resident set size since the process started, KiB (VmHWM)
 */
public record ProcessSample(String name, long cpuTicks, long rssKb, long peakRssKb) {

  /** The samples of a {@code procs} file, by process name in file order; empty if it is absent. */
  public static Map<String, ProcessSample> read(Path file) throws IOException {
    Map<String, ProcessSample> samples = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return samples;
    }
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 5) {
        samples.put(
            f[0],
            new ProcessSample(
                f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
      }
    }
    return samples;
  }
}
