package vent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything {@code bench/run.sh} wrote under {@code <run>/raw/}, read back.
 *
 * @param meta raw/meta.json: commit, cores, connections, seconds, startupMs, users, importLine, ...
 * @param points raw/wrk/NAME/LABEL.json, by scenario name (R1, B1-R1, R1-sentinel, ...)
 * @param before raw/procs/NAME/before.txt: the processes just before NAME's saturation run
 * @param after raw/procs/NAME/after.txt: just after it
 * @param peak raw/procs/peak.txt: taken after all the load scenarios (VmHWM = peak RSS)
 * @param redis raw/redis-benchmark.csv (B2)
 * @param rpc raw/b3.json (B3, JMH)
 */
public record BenchRun(
    JsonNode meta,
    Map<String, List<WrkPoint>> points,
    Map<String, Map<String, ProcessSample>> before,
    Map<String, Map<String, ProcessSample>> after,
    Map<String, ProcessSample> peak,
    List<RedisRow> redis,
    List<JmhRow> rpc) {

  /** Reads the run directory {@code run} (the parent of raw/). */
  public static BenchRun load(Path run, ObjectMapper json) throws IOException {
    Path raw = run.resolve("raw");
    JsonNode meta = json.readTree(raw.resolve("meta.json").toFile());
    Map<String, List<WrkPoint>> points = new LinkedHashMap<>();
    Map<String, Map<String, ProcessSample>> before = new LinkedHashMap<>();
    Map<String, Map<String, ProcessSample>> after = new LinkedHashMap<>();
    Path wrk = raw.resolve("wrk");
    if (Files.isDirectory(wrk)) {
      for (Path dir : sorted(wrk)) {
        String name = dir.getFileName().toString();
        List<WrkPoint> list = new ArrayList<>();
        for (Path f : sorted(dir)) {
          String text = Files.readString(f).trim();
          if (!text.isEmpty()) {
            list.add(json.readValue(text, WrkPoint.class));
          }
        }
        points.put(name, list);
        before.put(
            name, ProcessSample.read(raw.resolve("procs").resolve(name).resolve("before.txt")));
        after.put(
            name, ProcessSample.read(raw.resolve("procs").resolve(name).resolve("after.txt")));
      }
    }
    return new BenchRun(
        meta,
        points,
        before,
        after,
        ProcessSample.read(raw.resolve("procs").resolve("peak.txt")),
        RedisRow.read(raw.resolve("redis-benchmark.csv")),
        JmhRow.read(raw.resolve("b3.json"), json));
  }

  /** The saturation run of {@code scenario}, or null. */
  public WrkPoint saturation(String scenario) {
    return points.getOrDefault(scenario, List.of()).stream()
        .filter(p -> p.label().equals("sat"))
        .findFirst()
        .orElse(null);
  }

  /** The run of {@code scenario} with {@code label}, or null. */
  public WrkPoint point(String scenario, String label) {
    return points.getOrDefault(scenario, List.of()).stream()
        .filter(p -> p.label().equals(label))
        .findFirst()
        .orElse(null);
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.comparing(Path::toString)).toList();
    }
  }
}
