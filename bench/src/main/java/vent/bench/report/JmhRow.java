package vent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One result of a JMH JSON file ({@code -rf json}).
 *
 * @param benchmark the benchmark method's simple name, e.g. {@code triple}
 * @param mode JMH mode, e.g. {@code thrpt} or {@code avgt}
 * @param threads benchmark threads
 * @param score the primary metric
 * @param error its 99.9% confidence half-width (NaN when JMH had too few iterations)
 * @param unit e.g. {@code ops/s} or {@code us/op}
 */
public record JmhRow(
    String benchmark, String mode, int threads, double score, double error, String unit) {

  /** The rows of the file; empty if it is absent. */
  public static List<JmhRow> read(Path file, ObjectMapper json) throws IOException {
    List<JmhRow> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    for (JsonNode r : json.readTree(file.toFile())) {
      String name = r.path("benchmark").asText();
      JsonNode metric = r.path("primaryMetric");
      rows.add(
          new JmhRow(
              name.substring(name.lastIndexOf('.') + 1),
              r.path("mode").asText(),
              r.path("threads").asInt(),
              metric.path("score").asDouble(),
              metric.path("scoreError").asDouble(Double.NaN),
              metric.path("scoreUnit").asText()));
    }
    return rows;
  }
}
