package vent.bench.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One row of {@code redis-benchmark --csv} (Redis 7: test, rps, then latencies in ms).
 *
 * @param test the command as redis-benchmark names it, e.g. {@code "hgetall vent:user:{42}"}
 * @param rps requests per second
 * @param p50LatencyMs median latency, milliseconds
 * @param p99LatencyMs 99th percentile latency, milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RedisRow(
    @JsonProperty("test") String test,
    @JsonProperty("rps") double rps,
    @JsonProperty("p50_latency_ms") double p50LatencyMs,
    @JsonProperty("p99_latency_ms") double p99LatencyMs) {

  /** The rows of the file (with its header line); empty if it is absent. */
  public static List<RedisRow> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    CsvMapper csv = new CsvMapper();
    try (MappingIterator<RedisRow> rows =
        csv.readerFor(RedisRow.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return rows.readAll();
    }
  }
}
