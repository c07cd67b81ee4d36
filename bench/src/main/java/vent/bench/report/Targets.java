package vent.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's targets (docs/BENCHMARKS.md), checked against one run's figures. */
final class Targets {

  private Targets() {}

  static List<Figures.Target> check(Figures f, BenchRun run) {
    List<Figures.Target> t = new ArrayList<>();
    Double r1b1 = f.ratios().get("R1/B1");
    t.add(
        new Figures.Target(
            "R1 throughput vs B1",
            ">= 40% of B1",
            r1b1 == null ? "not measured" : pct(r1b1 * 100),
            r1b1 == null ? null : r1b1 >= 0.40));

    WrkPoint half = run.point("R1", "r50");
    t.add(
        half == null
            ? new Figures.Target("R1 p99 at half saturation", "<= 10 ms", "not measured", null)
            : new Figures.Target(
                "R1 p99 at half saturation",
                "<= 10 ms",
                String.format(
                    Locale.ROOT,
                    "%.1f ms at %.0f req/s",
                    half.latencyUs().p99() / 1000.0,
                    half.throughput()),
                half.latencyUs().p99() <= 10_000));

    double worst = f.rpc().stream().mapToDouble(Figures.RpcPair::ratio).min().orElse(Double.NaN);
    t.add(
        new Figures.Target(
            "Triple unary vs grpc-java",
            ">= 1.0x",
            Double.isNaN(worst) ? "not measured" : x(worst) + " (lowest over thread counts)",
            Double.isNaN(worst) ? null : worst >= 1.0));

    long rate = f.importRate().followsPerSecond();
    t.add(
        new Figures.Target(
            "wiki-Vote import",
            ">= 50,000 follows/s",
            rate == 0 ? "not measured" : String.format(Locale.ROOT, "%,d follows/s", rate),
            rate == 0 ? null : rate >= 50_000));

    t.add(costTarget("Sentinel cost on R1", f.sentinel()));
    t.add(costTarget("metrics + 1% tracing cost on R1", f.observability()));

    t.add(
        new Figures.Target(
            "whole stack up",
            "<= 30 s",
            String.format(Locale.ROOT, "%.1f s", f.startupSeconds()),
            f.startupSeconds() > 0 ? f.startupSeconds() <= 30 : null));

    double worstRss =
        f.peakRssMiB().entrySet().stream()
            .filter(e -> e.getKey().matches("(user|relation|auth|captcha)-\\d+"))
            .mapToDouble(e -> e.getValue())
            .max()
            .orElse(Double.NaN);
    t.add(
        new Figures.Target(
            "provider peak RSS under load",
            "<= 256 MiB each",
            Double.isNaN(worstRss)
                ? "not measured"
                : String.format(Locale.ROOT, "%.0f MiB (largest)", worstRss),
            Double.isNaN(worstRss) ? null : worstRss <= 256));
    return t;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v);
  }

  private static String x(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }

  /** At most 5% lower throughput with the feature on. */
  private static Figures.Target costTarget(String name, Figures.OnOffCost c) {
    return new Figures.Target(
        name,
        "<= 5% of throughput",
        c == null ? "not measured" : pct(c.costPercent()),
        c == null ? null : c.costPercent() <= 5.0);
  }
}
