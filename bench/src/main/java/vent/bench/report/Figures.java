package vent.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one benchmark run, derived from {@link BenchRun}; written as results.json.
 * Throughputs are requests/s, latencies milliseconds, memory MiB, CPU percent of one core.
 */
public record Figures(
    JsonNode meta,
    double startupSeconds,
    double readmeUpSeconds,
    ImportRate importRate,
    ImportRate importRateCluster,
    Warmup warmup,
    List<Scenario> scenarios,
    List<RedisRow> redis,
    List<RpcPair> rpc,
    OnOffCost sentinel,
    OnOffCost observability,
    Map<String, Double> peakRssMiB,
    Map<String, Double> ratios,
    List<Target> targets) {

  /** What each scenario name means, in report order. */
  static final Map<String, String> SCENARIOS = describeScenarios();

  private static Map<String, String> describeScenarios() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("R1", "GET /users/{id} through vent-web (user + relation RPCs)");
    m.put("B1-R1", "B1: the same JSON from Redis directly (one pipelined round trip)");
    m.put("R2", "GET /users/{id}/followers?limit=20 through vent-web, skewed to popular users");
    m.put("B1-R2", "B1: the same page from Redis directly");
    m.put("W1", "follow/unfollow pairs by 100 users, random followees");
    m.put("M1", "90% reads (R1, R2), 10% writes (W1)");
    m.put("T1", "GET /me/timeline?limit=20 of the 100 bench users (each follows 20 of them)");
    return m;
  }

  /**
   * @param line the import command's summary line
   * @param followsPerSecond edges imported per second (0 if the line is missing)
   */
  public record ImportRate(String line, long followsPerSecond) {}

  /**
   * R1 on a stack {@code ./vent up} has just started, in consecutive short wrk runs.
   *
   * @param steadyRps R1's saturation on the warm stack of the same run, req/s (0 if not measured)
   * @param slices each run's end (ms after {@code ./vent up} returned) and its answered req/s
   *     (non-2xx answers and timeouts not counted)
   * @param secondsTo80 the end of the first run at 80% of {@code steadyRps} or more, seconds;
   *     negative when none reached it
   */
  public record Warmup(double steadyRps, List<Slice> slices, double secondsTo80) {}

  /**
   * @param untilMs the run's end, ms after {@code ./vent up} returned
   * @param rps its throughput, req/s
   */
  public record Slice(long untilMs, double rps) {}

  /** One scenario: its wrk runs (saturation first) and each process's load during saturation. */
  public record Scenario(String name, String what, List<Point> points, List<Proc> processes) {}

  /**
   * @param label sat, r25, r50 or r75
   * @param offeredRps the paced rate, 0 for saturation
   * @param throughput completed requests/s
   * @param errors failed requests (socket errors and non-2xx)
   * @param p99CorrectedMs paced runs: p99 corrected for coordinated omission; null otherwise
   */
  public record Point(
      String label,
      long offeredRps,
      double throughput,
      long requests,
      long errors,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      Double p99CorrectedMs) {
    static Point of(WrkPoint p) {
      WrkPoint.Latency l = p.latencyUs();
      return new Point(
          p.label(),
          p.targetRate(),
          round(p.throughput()),
          p.requests(),
          p.errors().total(),
          l.p50() / 1000.0,
          l.p90() / 1000.0,
          l.p99() / 1000.0,
          l.max() / 1000.0,
          p.latencyCorrectedUs() == null ? null : p.latencyCorrectedUs().p99() / 1000.0);
    }
  }

  /**
   * @param cpuPercent CPU used during the saturation run, percent of one core; rssMiB after it
   */
  public record Proc(String name, double cpuPercent, double rssMiB) {}

  /** Triple vs grpc-java at one thread count, ops/s (JMH throughput mode). */
  public record RpcPair(int threads, double tripleOps, double grpcJavaOps, double ratio) {}

  /**
   * R1 saturation with a feature on and off: Sentinel switched on and off in turn on one warm
   * stack, observability on two stacks started for it.
   *
   * @param onRps req/s of each run with it on, in run order
   * @param offRps req/s of each run with it off, in run order
   * @param costPercent how much lower the mean of the on runs is, in percent of the mean of the off
   *     runs
   */
  public record OnOffCost(List<Double> onRps, List<Double> offRps, double costPercent) {}

  /**
   * @param met null when the run did not measure it
   */
  public record Target(String name, String goal, String value, Boolean met) {}

  /** Derives the figures from a loaded run. */
  public static Figures of(BenchRun run) {
    long ticks = run.meta().path("clockTicksPerSecond").asLong(100);
    List<Scenario> scenarios = new ArrayList<>();
    SCENARIOS.forEach(
        (name, what) -> {
          List<WrkPoint> points = run.points().get(name);
          if (points == null) {
            return;
          }
          List<Point> shown = new ArrayList<>();
          WrkPoint sat = run.saturation(name);
          if (sat != null) {
            shown.add(Point.of(sat));
          }
          points.stream().filter(p -> p != sat).map(Point::of).forEach(shown::add);
          scenarios.add(new Scenario(name, what, shown, procs(run, name, sat, ticks)));
        });

    Map<String, Double> peak = new LinkedHashMap<>();
    run.peak().values().forEach(s -> peak.put(s.name(), mib(s.peakRssKb())));

    Map<String, Double> ratios = new LinkedHashMap<>();
    ratio(ratios, "R1/B1", run.saturation("R1"), run.saturation("B1-R1"));
    ratio(ratios, "R2/B1", run.saturation("R2"), run.saturation("B1-R2"));
    ratio(ratios, "T1/R1", run.saturation("T1"), run.saturation("R1"));
    List<RpcPair> rpc = rpcPairs(run.rpc());
    rpc.forEach(
        p ->
            ratios.put(
                "Triple/grpc-java, " + p.threads() + " thread" + (p.threads() == 1 ? "" : "s"),
                p.ratio()));

    // Sentinel's switch on and off in turn on the warm stack (raw/wrk/R1-sentinel/on-1.json,
    // off-2.json, ...): the same JVMs, so the JIT's progress is not in the difference.
    OnOffCost sentinel =
        cost(labelled(run, "R1-sentinel", "on-"), labelled(run, "R1-sentinel", "off-"));
    // Metrics and Prometheus on with tracing at 1% sampling, against metrics, Prometheus and
    // tracing all off, each on a stack started for it.
    OnOffCost observability =
        cost(saturation(run, "R1-observability-on"), saturation(run, "R1-observability-off"));
    ImportRate imported = importRate(run.meta().path("importLine").asText(""));
    ImportRate importedCluster = importRate(run.meta().path("importClusterLine").asText(""));
    double startup = run.meta().path("startupMs").asDouble() / 1000;
    double readmeUp = run.meta().path("readmeUpMs").asDouble() / 1000;
    Figures measured =
        new Figures(
            run.meta(),
            round(startup),
            round(readmeUp),
            imported,
            importedCluster,
            warmup(run),
            scenarios,
            run.redis(),
            rpc,
            sentinel,
            observability,
            peak,
            ratios,
            List.of());
    return measured.withTargets(Targets.check(measured, run));
  }

  private Figures withTargets(List<Target> checked) {
    return new Figures(
        meta,
        startupSeconds,
        readmeUpSeconds,
        importRate,
        importRateCluster,
        warmup,
        scenarios,
        redis,
        rpc,
        sentinel,
        observability,
        peakRssMiB,
        ratios,
        checked);
  }

  private static List<Proc> procs(BenchRun run, String name, WrkPoint sat, long ticks) {
    List<Proc> procs = new ArrayList<>();
    Map<String, ProcessSample> before = run.before().getOrDefault(name, Map.of());
    run.after()
        .getOrDefault(name, Map.of())
        .values()
        .forEach(
            a -> {
              ProcessSample b = before.get(a.name());
              if (b == null || sat == null || sat.durationUs() <= 0) {
                return;
              }
              double seconds = sat.durationUs() / 1e6;
              procs.add(
                  new Proc(
                      a.name(),
                      round(100.0 * (a.cpuTicks() - b.cpuTicks()) / ticks / seconds),
                      mib(a.rssKb())));
            });
    return procs;
  }

  private static void ratio(Map<String, Double> ratios, String name, WrkPoint a, WrkPoint b) {
    if (a != null && b != null && b.throughput() > 0) {
      ratios.put(name, Math.round(1000 * a.throughput() / b.throughput()) / 1000.0);
    }
  }

  private static List<RpcPair> rpcPairs(List<JmhRow> rows) {
    List<RpcPair> pairs = new ArrayList<>();
    for (JmhRow t : rows) {
      if (!t.mode().equals("thrpt") || !t.benchmark().toLowerCase().contains("triple")) {
        continue;
      }
      rows.stream()
          .filter(
              g ->
                  g.mode().equals("thrpt")
                      && g.threads() == t.threads()
                      && g.benchmark().toLowerCase().contains("grpc"))
          .findFirst()
          .ifPresent(
              g ->
                  pairs.add(
                      new RpcPair(
                          t.threads(),
                          round(t.score()),
                          round(g.score()),
                          Math.round(1000 * t.score() / g.score()) / 1000.0)));
    }
    return pairs;
  }

  /**
   * The cost of a feature: the mean rate of the {@code off} runs against that of the {@code on}
   * runs.
   */
  private static OnOffCost cost(List<WrkPoint> on, List<WrkPoint> off) {
    if (on.isEmpty() || off.isEmpty()) {
      return null;
    }
    List<Double> onRps = on.stream().map(p -> round(p.throughput())).toList();
    List<Double> offRps = off.stream().map(p -> round(p.throughput())).toList();
    double meanOn = on.stream().mapToDouble(WrkPoint::throughput).average().orElseThrow();
    double meanOff = off.stream().mapToDouble(WrkPoint::throughput).average().orElseThrow();
    return new OnOffCost(onRps, offRps, round(100 * (1 - meanOn / meanOff)));
  }

  /** The saturation run of {@code scenario}, as a list of none or one. */
  private static List<WrkPoint> saturation(BenchRun run, String scenario) {
    WrkPoint sat = run.saturation(scenario);
    return sat == null ? List.of() : List.of(sat);
  }

  /** The runs of {@code scenario} whose label starts with {@code prefix}, in label order. */
  private static List<WrkPoint> labelled(BenchRun run, String scenario, String prefix) {
    return run.points().getOrDefault(scenario, List.of()).stream()
        .filter(p -> p.label().startsWith(prefix))
        .sorted(Comparator.comparing(p -> runNumber(p.label())))
        .toList();
  }

  /** {@code 3} of {@code on-3}; labels without a number sort first. */
  private static int runNumber(String label) {
    String digits = label.substring(label.lastIndexOf('-') + 1);
    return digits.matches("\\d+") ? Integer.parseInt(digits) : 0;
  }

  /** The warm-up curve from raw/wrk/R1-warmup/tNNNNNNN.json (NNNNNNN: ms after up returned). */
  static Warmup warmup(BenchRun run) {
    List<WrkPoint> points = run.points().get("R1-warmup");
    if (points == null || points.isEmpty()) {
      return null;
    }
    WrkPoint warm = run.saturation("R1");
    double steady = warm == null ? 0 : warm.throughput();
    List<Slice> slices = new ArrayList<>();
    for (WrkPoint p : points) {
      double answered =
          p.durationUs() <= 0
              ? 0
              : (p.requests() - p.errors().status() - p.errors().timeout()) * 1e6 / p.durationUs();
      slices.add(new Slice(Long.parseLong(p.label().substring(1)), round(answered)));
    }
    slices.sort(java.util.Comparator.comparingLong(Slice::untilMs));
    double to80 =
        slices.stream()
            .filter(s -> steady > 0 && s.rps() >= 0.8 * steady)
            .mapToDouble(s -> s.untilMs() / 1000.0)
            .findFirst()
            .orElse(-1);
    return new Warmup(round(steady), slices, round(to80));
  }

  private static final Pattern RATE = Pattern.compile("rate=(\\d+) follows/s");

  static ImportRate importRate(String line) {
    Matcher m = RATE.matcher(line);
    return new ImportRate(line, m.find() ? Long.parseLong(m.group(1)) : 0);
  }

  static double mib(long kb) {
    return Math.round(kb / 102.4) / 10.0;
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
