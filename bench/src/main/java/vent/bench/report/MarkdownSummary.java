package vent.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** summary.md: the figures of one run as Markdown tables a person reads. */
final class MarkdownSummary {

  private MarkdownSummary() {}

  static String of(Figures f) {
    StringBuilder md = new StringBuilder();
    var m = f.meta();
    md.append("# Vent benchmark ")
        .append(m.path("startedAt").asText())
        .append("\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Commit %s; %d cores; wrk %d threads, %d connections; %d s per measured run after a %d s warm-up; JVMs `%s`.%n%n",
                m.path("commit").asText(),
                m.path("cores").asInt(),
                m.path("threads").asInt(),
                m.path("connections").asInt(),
                m.path("seconds").asInt(),
                m.path("warmupSeconds").asInt(),
                m.path("javaOpts").asText()));

    md.append("## Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
    for (Figures.Target t : f.targets()) {
      md.append("| ")
          .append(t.name())
          .append(" | ")
          .append(t.goal())
          .append(" | ")
          .append(t.value())
          .append(" | ")
          .append(t.met() == null ? "–" : t.met() ? "yes" : "**no**")
          .append(" |\n");
    }

    md.append("\n## Ratios\n\n| ratio | value |\n|---|---|\n");
    f.ratios().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", k, v)));

    md.append(
            "\n## HTTP scenarios (wrk)\n\nsat = fixed connections as fast as they go; r25/r50/r75 = paced at that share of the saturation rate. "
                + "Latency from the actual send; p99 CO = p99 corrected for coordinated omission (paced runs, HdrHistogram's correction).\n\n")
        .append(
            "| scenario | run | offered req/s | req/s | errors | p50 ms | p90 ms | p99 ms | p99 CO ms | max ms |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (Figures.Scenario s : f.scenarios()) {
      for (Figures.Point p : s.points()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %.0f | %d | %.2f | %.2f | %.2f | %s | %.1f |%n",
                s.name(),
                p.label(),
                p.offeredRps() == 0 ? "–" : Long.toString(p.offeredRps()),
                p.throughput(),
                p.errors(),
                p.p50Ms(),
                p.p90Ms(),
                p.p99Ms(),
                p.p99CorrectedMs() == null
                    ? "–"
                    : String.format(Locale.ROOT, "%.2f", p.p99CorrectedMs()),
                p.maxMs()));
      }
    }
    md.append("\n").append(legend(f.scenarios()));

    md.append(
        "\n## CPU and memory during each saturation run\n\nCPU in % of one core (2 cores = 200%), RSS in MiB after the run.\n\n");
    for (Figures.Scenario s : f.scenarios()) {
      md.append("- **").append(s.name()).append("**: ");
      md.append(
          String.join(
              ", ",
              s.processes().stream()
                  .map(
                      p ->
                          String.format(
                              Locale.ROOT,
                              "%s %.0f%% %.0f MiB",
                              p.name(),
                              p.cpuPercent(),
                              p.rssMiB()))
                  .toList()));
      md.append("\n");
    }
    if (!f.peakRssMiB().isEmpty()) {
      md.append("\nPeak RSS over all the load scenarios (VmHWM), MiB: ");
      md.append(
              String.join(
                  ", ",
                  f.peakRssMiB().entrySet().stream()
                      .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                      .toList()))
          .append("\n");
    }

    md.append("\n## Other figures\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Stack start-up (Consul, Redis, 4 providers, vent-web, all healthy; data loaded): %.1f s; "
                + "the first start after a build, without class-data sharing archives and on an empty state dir: %.1f s%n",
            f.startupSeconds(),
            m.path("startupColdMs").asDouble() / 1000));
    md.append("- Import, single topology: `").append(f.importRate().line()).append("`\n");
    if (f.importRateCluster() != null && !f.importRateCluster().line().isEmpty()) {
      md.append("- Import, cluster topology: `").append(f.importRateCluster().line()).append("`\n");
    }
    if (f.readmeUpSeconds() > 0) {
      md.append(
          String.format(
              Locale.ROOT,
              "- `./vent up` as the README runs it (fresh state dir, demo graph, monitoring on, jars built): %.1f s%n",
              f.readmeUpSeconds()));
    }
    if (f.warmup() != null) {
      md.append(
              "- R1 right after that `./vent up` returned (s after it: req/s), against the warm rate ")
          .append(String.format(Locale.ROOT, "%.0f req/s: ", f.warmup().steadyRps()))
          .append(
              String.join(
                  ", ",
                  f.warmup().slices().stream()
                      .map(
                          sl ->
                              String.format(
                                  Locale.ROOT, "%.0f: %.0f", sl.untilMs() / 1000.0, sl.rps()))
                      .toList()))
          .append("\n");
    }
    cost(md, "Sentinel", f.sentinel());
    cost(md, "Metrics and Prometheus with tracing at 1% sampling", f.observability());
    if (!f.redis().isEmpty()) {
      md.append(
          "\n### B2: redis-benchmark (same connections)\n\n| command | req/s | p50 ms | p99 ms |\n|---|---|---|---|\n");
      for (RedisRow r : f.redis()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %.0f | %.3f | %.3f |%n",
                r.test(),
                r.rps(),
                r.p50LatencyMs(),
                r.p99LatencyMs()));
      }
    }
    if (!f.rpc().isEmpty()) {
      md.append(
          "\n### B3: one unary GetUser call, JMH (ops/s)\n\n| threads | Triple | grpc-java | Triple/grpc-java |\n|---|---|---|---|\n");
      for (Figures.RpcPair p : f.rpc()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %d | %.0f | %.0f | %.2f |%n",
                p.threads(),
                p.tripleOps(),
                p.grpcJavaOps(),
                p.ratio()));
      }
    }
    md.append("\n![throughput vs latency](chart.png)\n");
    return md.toString();
  }

  private static String legend(List<Figures.Scenario> scenarios) {
    StringBuilder b = new StringBuilder();
    for (Figures.Scenario s : scenarios) {
      b.append("- ").append(s.name()).append(": ").append(s.what()).append("\n");
    }
    return b.toString();
  }

  /** The targets table alone, for the terminal. */
  static String targets(List<Figures.Target> targets, Map<String, Double> ratios) {
    StringBuilder b = new StringBuilder();
    for (Figures.Target t : targets) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-58s %-22s %-44s %s%n",
              t.name(),
              t.goal(),
              t.value(),
              t.met() == null ? "-" : t.met() ? "met" : "MISSED"));
    }
    ratios.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-32s %.2f%n", k, v)));
    return b.toString();
  }

  private static List<String> rates(List<Double> rps) {
    return rps.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList();
  }

  private static void cost(StringBuilder md, String feature, Figures.OnOffCost c) {
    if (c != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %s on R1 (saturation): on %s req/s, off %s req/s, cost %.1f%%%n",
              feature,
              rates(c.onRps()),
              rates(c.offRps()),
              c.costPercent()));
    }
  }
}
