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
            ">= 50% of B1",
            r1b1 == null ? "not measured" : pct(r1b1 * 100),
            r1b1 == null ? null : r1b1 >= 0.50));

    WrkPoint half = run.point("R1", "r50");
    t.add(
        half == null
            ? new Figures.Target("R1 p99 at half saturation", "<= 10 ms", "not measured", null)
            : new Figures.Target(
                "R1 p99 at half saturation",
                "<= 10 ms",
                String.format(
                    Locale.ROOT,
                    "%.1f ms at %.0f req/s%s",
                    p99Us(half) / 1000.0,
                    half.throughput(),
                    half.latencyCorrectedUs() == null
                        ? ""
                        : " (corrected for coordinated omission)"),
                p99Us(half) <= 10_000));

    t.add(costTarget("Sentinel cost on R1", f.sentinel()));
    t.add(costTarget("metrics + 1% tracing cost on R1", f.observability()));

    Double t1r1 = f.ratios().get("T1/R1");
    t.add(
        new Figures.Target(
            "GET /me/timeline (T1) vs R1",
            ">= 0.8x",
            t1r1 == null ? "not measured" : x(t1r1),
            t1r1 == null ? null : t1r1 >= 0.8));

    t.add(importTarget("soc-Epinions1 import, single topology", f.importRate()));
    t.add(importTarget("soc-Epinions1 import, cluster topology", f.importRateCluster()));

    for (int threads : new int[] {1, 4}) {
      Figures.RpcPair pair =
          f.rpc().stream().filter(p -> p.threads() == threads).findFirst().orElse(null);
      t.add(
          new Figures.Target(
              "Triple unary vs grpc-java, " + threads + (threads == 1 ? " thread" : " threads"),
              ">= 1.0x",
              pair == null ? "not measured" : x(pair.ratio()),
              pair == null ? null : pair.ratio() >= 1.0));
    }

    double up = f.readmeUpSeconds();
    t.add(
        new Figures.Target(
            "./vent up as the README runs it (fresh state, monitoring on)",
            "<= 30 s",
            up > 0 ? String.format(Locale.ROOT, "%.1f s", up) : "not measured",
            up > 0 ? up <= 30 : null));

    Figures.Warmup w = f.warmup();
    t.add(
        w == null || w.steadyRps() <= 0
            ? new Figures.Target(
                "up returned to R1 at 80% of its warm rate", "<= 30 s", "not measured", null)
            : new Figures.Target(
                "up returned to R1 at 80% of its warm rate",
                "<= 30 s",
                w.secondsTo80() < 0
                    ? String.format(
                        Locale.ROOT,
                        "not reached in %.0f s (warm rate %.0f req/s)",
                        w.slices().get(w.slices().size() - 1).untilMs() / 1000.0,
                        w.steadyRps())
                    : String.format(
                        Locale.ROOT,
                        "%.0f s (warm rate %.0f req/s)",
                        w.secondsTo80(),
                        w.steadyRps()),
                w.secondsTo80() >= 0 && w.secondsTo80() <= 30));

    t.add(rssTarget("provider peak RSS under load", "<= 256 MiB each", f, PROVIDERS, 256));
    t.add(rssTarget("vent-web peak RSS under load", "<= 320 MiB", f, "web", 320));
    return t;
  }

  /** The names of provider instances in raw/procs (user-1, relation-2, ...). */
  private static final String PROVIDERS = "(user|relation|auth|captcha|post)-\\d+";

  /** p99 of a run, corrected for coordinated omission where the run has it. */
  private static long p99Us(WrkPoint p) {
    return p.latencyCorrectedUs() == null ? p.latencyUs().p99() : p.latencyCorrectedUs().p99();
  }

  private static Figures.Target importTarget(String name, Figures.ImportRate rate) {
    long r = rate == null ? 0 : rate.followsPerSecond();
    return new Figures.Target(
        name,
        ">= 50,000 follows/s",
        r == 0 ? "not measured" : String.format(Locale.ROOT, "%,d follows/s", r),
        r == 0 ? null : r >= 50_000);
  }

  private static Figures.Target rssTarget(
      String name, String goal, Figures f, String processes, double limitMiB) {
    double worst =
        f.peakRssMiB().entrySet().stream()
            .filter(e -> e.getKey().matches(processes))
            .mapToDouble(e -> e.getValue())
            .max()
            .orElse(Double.NaN);
    return new Figures.Target(
        name,
        goal,
        Double.isNaN(worst)
            ? "not measured"
            : String.format(Locale.ROOT, "%.0f MiB (largest)", worst),
        Double.isNaN(worst) ? null : worst <= limitMiB);
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
