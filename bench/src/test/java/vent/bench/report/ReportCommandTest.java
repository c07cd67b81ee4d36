package vent.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  @TempDir Path run;

  private void write(String relative, String text) throws IOException {
    Path p = run.resolve("raw").resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String point(
      String label, String scenario, long rate, long requests, long p99Us, long statusErrors) {
    return String.format(
        "{\"label\":\"%s\",\"scenario\":\"%s\",\"targetRate\":%d,\"durationUs\":10000000,\"requests\":%d,"
            + "\"errors\":{\"connect\":0,\"read\":0,\"write\":0,\"status\":%d,\"timeout\":0},"
            + "\"latencyUs\":{\"mean\":900.0,\"p50\":800,\"p90\":1500,\"p99\":%d,\"p999\":9000,\"max\":20000}}",
        label, scenario, rate, requests, statusErrors, p99Us);
  }

  private void sampleRun() throws IOException {
    write(
        "meta.json",
        "{\"commit\":\"abc1234\",\"startedAt\":\"20261129T120000Z\",\"cores\":2,\"clockTicksPerSecond\":100,"
            + "\"connections\":16,\"threads\":2,\"seconds\":10,\"warmupSeconds\":5,\"javaOpts\":\"-Xmx192m\",\"startupMs\":21500,"
            + "\"readmeUpMs\":28000,\"users\":7115,"
            + "\"importLine\":\"import done: users created=7115 follows written=103689 edges read=103689 seconds=1.73 rate=59936 follows/s\","
            + "\"importClusterLine\":\"import done: users created=7115 follows written=103689 edges read=103689 seconds=2.30 rate=45000 follows/s\"}");
    write("wrk/R1/sat.json", point("sat", "R1", 0, 40_000, 9_000, 0)); // 4000 req/s
    // Paced: 6.5 ms as measured, 12 ms with the answers coordinated omission hid.
    write(
        "wrk/R1/r50.json",
        point("r50", "R1", 2000, 20_000, 6_500, 0)
            .replaceFirst(
                "}$",
                ",\"latencyCorrectedUs\":{\"mean\":1000.0,\"p50\":800,\"p90\":1600,\"p99\":12000,\"p999\":15000,\"max\":20000}}"));
    write("wrk/B1-R1/sat.json", point("sat", "R1", 0, 80_000, 4_000, 0)); // 8000 req/s
    write("wrk/W1/sat.json", point("sat", "W1", 0, 10_000, 30_000, 3));
    write("wrk/T1/sat.json", point("sat", "T1", 0, 35_000, 9_000, 0)); // 3500 req/s
    // The warm-up curve: 80% of R1's 4000 req/s is first reached by the run ending at 4.2 s.
    write("wrk/R1-warmup/t0002100.json", point("t0002100", "R1", 0, 10_000, 90_000, 0));
    write("wrk/R1-warmup/t0004200.json", point("t0004200", "R1", 0, 33_000, 20_000, 0));
    write("wrk/R1-warmup/t0006300.json", point("t0006300", "R1", 0, 39_000, 10_000, 0));
    // Sentinel's switch on and off in turn on one stack: on 3900 and 4100, off 4050 and 4150.
    write("wrk/R1-sentinel/on-1.json", point("on-1", "R1", 0, 39_000, 9_000, 0));
    write("wrk/R1-sentinel/off-2.json", point("off-2", "R1", 0, 40_500, 9_000, 0));
    write("wrk/R1-sentinel/on-3.json", point("on-3", "R1", 0, 41_000, 9_000, 0));
    write("wrk/R1-sentinel/off-4.json", point("off-4", "R1", 0, 41_500, 9_000, 0));
    write("wrk/R1-observability-off/settle1.json", point("settle1", "R1", 0, 10_000, 9_000, 0));
    write("wrk/R1-observability-off/sat.json", point("sat", "R1", 0, 40_000, 9_000, 0));
    write("wrk/R1-observability-on/sat.json", point("sat", "R1", 0, 39_000, 9_000, 0));
    write("procs/R1/before.txt", "web 11 1000 200000 210000\nuser-1 12 500 150000 160000\n");
    write("procs/R1/after.txt", "web 11 2500 204800 220000\nuser-1 12 1000 150000 160000\n");
    write(
        "procs/peak.txt",
        "web 11 2500 204800 240000\nuser-1 12 1000 150000 280000\nredis 13 10 9000 9500\n");
    write(
        "redis-benchmark.csv",
        "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\",\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"\n"
            + "\"HGETALL vent:user:{1}\",\"71428.57\",\"0.120\",\"0.040\",\"0.111\",\"0.191\",\"0.263\",\"0.911\"\n");
    write(
        "b3.json",
        "[{\"benchmark\":\"vent.bench.rpc.UnaryCallBenchmark.triple\",\"mode\":\"thrpt\",\"threads\":1,"
            + "\"primaryMetric\":{\"score\":9000.0,\"scoreError\":100.0,\"scoreUnit\":\"ops/s\"}},"
            + "{\"benchmark\":\"vent.bench.rpc.UnaryCallBenchmark.grpcJava\",\"mode\":\"thrpt\",\"threads\":1,"
            + "\"primaryMetric\":{\"score\":10000.0,\"scoreError\":100.0,\"scoreUnit\":\"ops/s\"}}]");
  }

  @Test
  void writesJsonMarkdownAndChartWithTheRatiosAndTargets() throws IOException {
    sampleRun();

    Figures f = ReportCommand.write(run);

    assertThat(f.ratios())
        .containsEntry("R1/B1", 0.5)
        .containsEntry("Triple/grpc-java, 1 thread", 0.9);
    assertThat(f.importRate().followsPerSecond()).isEqualTo(59_936);
    assertThat(f.sentinel().onRps()).containsExactly(3900.0, 4100.0);
    assertThat(f.sentinel().offRps()).containsExactly(4050.0, 4150.0);
    assertThat(f.sentinel().costPercent()).as("means 4000 against 4100").isEqualTo(2.4);
    assertThat(f.observability().onRps()).containsExactly(3900.0);
    assertThat(f.observability().offRps())
        .as("the measured run, not a settle run")
        .containsExactly(4000.0);
    assertThat(f.observability().costPercent()).isEqualTo(2.5);
    assertThat(f.targets())
        .anySatisfy(
            t -> {
              assertThat(t.name()).isEqualTo("metrics + 1% tracing cost on R1");
              assertThat(t.met()).isTrue();
            });
    Figures.Scenario r1 = f.scenarios().get(0);
    assertThat(r1.name()).isEqualTo("R1");
    assertThat(r1.points().get(0).label()).isEqualTo("sat");
    // 1500 ticks of web CPU in 10 s at 100 ticks/s = 150% of one core.
    assertThat(r1.processes())
        .contains(new Figures.Proc("web", 150.0, 200.0), new Figures.Proc("user-1", 50.0, 146.5));
    assertThat(
            f.scenarios().stream()
                .filter(s -> s.name().equals("W1"))
                .findFirst()
                .orElseThrow()
                .points()
                .get(0)
                .errors())
        .isEqualTo(3);

    assertThat(f.targets())
        .extracting(Figures.Target::name, Figures.Target::met)
        .contains(
            org.assertj.core.groups.Tuple.tuple("R1 throughput vs B1", true),
            org.assertj.core.groups.Tuple.tuple("R1 p99 at half saturation", false),
            org.assertj.core.groups.Tuple.tuple("Triple unary vs grpc-java, 1 thread", false),
            org.assertj.core.groups.Tuple.tuple("Triple unary vs grpc-java, 4 threads", null),
            org.assertj.core.groups.Tuple.tuple("soc-Epinions1 import, single topology", true),
            org.assertj.core.groups.Tuple.tuple("soc-Epinions1 import, cluster topology", false),
            org.assertj.core.groups.Tuple.tuple("GET /me/timeline (T1) vs R1", true),
            org.assertj.core.groups.Tuple.tuple("Sentinel cost on R1", true),
            org.assertj.core.groups.Tuple.tuple(
                "./vent up as the README runs it (fresh state, monitoring on)", true),
            org.assertj.core.groups.Tuple.tuple("up returned to R1 at 80% of its warm rate", true),
            // user-1 peaked at 280000 KiB = 273 MiB, web at 240000 KiB = 234 MiB
            org.assertj.core.groups.Tuple.tuple("provider peak RSS under load", false),
            org.assertj.core.groups.Tuple.tuple("vent-web peak RSS under load", true));
    assertThat(f.warmup().secondsTo80()).isEqualTo(4.2);
    assertThat(f.warmup().slices()).hasSize(3);
    assertThat(f.ratios()).containsEntry("T1/R1", 0.875);

    JsonNode json = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    assertThat(json.path("ratios").path("R1/B1").asDouble()).isEqualTo(0.5);
    String md = Files.readString(run.resolve("summary.md"));
    assertThat(md)
        .contains("| R1 throughput vs B1 | >= 50% of B1 | 50.0% | yes |")
        .contains(
            "| R1 p99 at half saturation | <= 10 ms | 12.0 ms at 2000 req/s (corrected for coordinated omission) | **no** |")
        .contains("| R1 | r50 | 2000 | 2000 | 0 | 0.80 | 1.50 | 6.50 | 12.00 | 20.0 |")
        .contains(
            "| up returned to R1 at 80% of its warm rate | <= 30 s | 4 s (warm rate 4000 req/s) | yes |")
        .contains("| `HGETALL vent:user:{1}` | 71429 |")
        .contains("| 1 | 9000 | 10000 | 0.90 |");
    byte[] png = Files.readAllBytes(run.resolve("chart.png"));
    assertThat(png.length).isGreaterThan(1000);
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void aRunWithoutOptionalPartsSaysNotMeasured() throws IOException {
    write("meta.json", "{\"startupMs\":0,\"importLine\":\"\"}");

    Figures f = ReportCommand.write(run);

    assertThat(f.targets()).allSatisfy(t -> assertThat(t.met()).isNull());
    assertThat(f.targets()).allSatisfy(t -> assertThat(t.value()).isIn("not measured", "0.0 s"));
  }
}
