package vent.bench.rpc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs B3 ({@link UnaryCallBenchmark}) through JMH's Runner API and writes every result into one
 * JMH JSON file.
 *
 * <pre>
 * java -cp bench/target/vent-bench.jar:bench/target/lib/* vent.bench.rpc.RpcBenchMain \
 *     --out results/b3.json --warmup-iterations 10 --warmup-seconds 3 --iterations 5 --seconds 5 \
 *     --forks 1 --threads 1,4 --modes thrpt,avgt
 * </pre>
 *
 * <p>Options (defaults in brackets): {@code --out} JSON file [results/b3.json]; {@code
 * --warmup-iterations} [10: on 2 busy cores Triple's throughput only levels off after 25-30 s of
 * calls, grpc-java's after about 12 s, as the JIT works through Dubbo's longer call path]; {@code
 * --warmup-seconds} per warm-up iteration [3]; {@code --iterations} measured [5]; {@code --seconds}
 * per measured iteration [5]; {@code --forks} per benchmark [1]; {@code --threads} comma-separated
 * counts of concurrent callers [1,4]; {@code --modes} comma-separated JMH modes, of {@code thrpt}
 * (calls/s), {@code avgt} (µs per call), {@code sample} (µs per call, with percentiles)
 * [thrpt,avgt]; {@code --benchmarks} comma-separated methods [triple,grpcJava]; {@code --cpu-time}
 * whether to add {@link CpuTimeProfiler}'s CPU µs per call as a secondary result [true]; {@code
 * --jvm-args} extra arguments of the forked JVMs, space-separated, e.g. {@code
 * "-Ddubbo.protocol.threadpool=cached"} [none]; {@code --prof} a JMH profiler as {@code
 * name[:options]}, repeatable, e.g. {@code gc}, {@code jfr} [none].
 *
 * <p>JMH's own {@code result(file)} option covers one Runner run, and each thread count and mode is
 * one run here (JMH has no list of thread counts), so the results of all runs are collected and
 * written at the end by the same JMH JSON formatter: one array, one element per benchmark, thread
 * count and mode ({@code "threads"}, {@code "mode"}, {@code "primaryMetric.score"} and {@code
 * "scoreUnit"} tell them apart). A summary with the Triple/grpc-java ratios goes to stdout.
 *
 * <p>Exit codes: 0 done; 1 a benchmark failed or produced no result (the JSON file is then not
 * written); 2 bad arguments.
 */
public final class RpcBenchMain {

  /** Heap of the forked JVMs: fixed, so that heap resizing does not move the scores. */
  static final List<String> FORK_JVM_ARGS = List.of("-Xms512m", "-Xmx512m");

  private static final String BENCHMARK_CLASS = UnaryCallBenchmark.class.getName();

  private RpcBenchMain() {}

  /**
   * Runs the benchmark as described in the class comment and exits with its exit code.
   *
   * @param args the options of the class comment
   */
  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("rpc bench: " + e.getMessage());
      System.err.println(Settings.USAGE);
      System.exit(2);
      return;
    }
    if (settings.help) {
      System.out.println(Settings.USAGE);
      return;
    }
    try {
      List<RunResult> results = run(settings);
      write(results, settings.out);
      System.out.println(summary(results));
      System.out.println("rpc bench: results in " + settings.out.toAbsolutePath());
    } catch (RunnerException | RuntimeException | IOException e) {
      System.err.println("rpc bench: failed: " + e);
      System.exit(1);
    }
  }

  /**
   * One JMH run per thread count and mode, each over the selected benchmark methods.
   *
   * @throws RunnerException if a benchmark throws (JMH's fail-on-error is on)
   * @throws IllegalStateException if a run produced fewer results than benchmarks
   */
  static List<RunResult> run(Settings s) throws RunnerException {
    String include =
        "^" + Pattern.quote(BENCHMARK_CLASS) + "\\.(" + String.join("|", s.benchmarks) + ")$";
    List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
    jvmArgs.addAll(s.jvmArgs);
    List<RunResult> all = new ArrayList<>();
    for (int threads : s.threads) {
      for (Mode mode : s.modes) {
        ChainedOptionsBuilder options =
            new OptionsBuilder()
                .include(include)
                .mode(mode)
                // Calls per second for throughput, microseconds per call for the time modes.
                .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS)
                .threads(threads)
                .warmupIterations(s.warmupIterations)
                .warmupTime(TimeValue.seconds(s.warmupSeconds))
                .measurementIterations(s.iterations)
                .measurementTime(TimeValue.seconds(s.seconds))
                .forks(s.forks)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true);
        if (s.cpuTime) {
          options.addProfiler(CpuTimeProfiler.class);
        }
        for (Map.Entry<String, String> prof : s.profilers.entrySet()) {
          options.addProfiler(prof.getKey(), prof.getValue());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() < s.benchmarks.size()) {
          throw new IllegalStateException(
              "threads="
                  + threads
                  + " mode="
                  + mode.shortLabel()
                  + ": "
                  + results.size()
                  + " results for "
                  + s.benchmarks.size()
                  + " benchmarks");
        }
        all.addAll(results);
      }
    }
    return all;
  }

  /** Writes {@code results} as one JMH JSON array to {@code out}, creating its directory. */
  static void write(List<RunResult> results, Path out) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try (PrintStream ps =
        new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
    }
  }

  /**
   * A table of the scores per thread count and mode, with Triple's score relative to grpc-java's:
   * for throughput higher is better, for times lower is better, so a ratio ≥ 1.0 means Triple is at
   * least as fast in both cases (times are inverted). Last column: {@link CpuTimeProfiler}'s CPU
   * microseconds per call, when measured.
   */
  static String summary(List<RunResult> results) {
    Map<String, Map<String, RunResult>> byRun = new LinkedHashMap<>();
    for (RunResult r : results) {
      String key = r.getParams().getThreads() + " " + r.getParams().getMode().shortLabel();
      String method = r.getParams().getBenchmark().substring(BENCHMARK_CLASS.length() + 1);
      byRun.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(method, r);
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%n%-8s %-7s %22s %22s %-9s %-16s %s%n",
                "threads",
                "mode",
                "triple",
                "grpcJava",
                "unit",
                "triple/grpcJava",
                "CPU us/call triple, grpcJava"));
    for (Map.Entry<String, Map<String, RunResult>> e : byRun.entrySet()) {
      RunResult triple = e.getValue().get("triple");
      RunResult grpc = e.getValue().get("grpcJava");
      String[] key = e.getKey().split(" ");
      RunResult any = triple != null ? triple : grpc;
      String ratio = "";
      if (triple != null && grpc != null) {
        double t = triple.getPrimaryResult().getScore();
        double g = grpc.getPrimaryResult().getScore();
        ratio =
            String.format(
                Locale.ROOT, "%.2f", any.getParams().getMode() == Mode.Throughput ? t / g : g / t);
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%-8s %-7s %22s %22s %-9s %-16s %s, %s%n",
              key[0],
              key[1],
              score(triple),
              score(grpc),
              any.getPrimaryResult().getScoreUnit(),
              ratio,
              cpu(triple),
              cpu(grpc)));
    }
    return sb.toString();
  }

  private static String cpu(RunResult r) {
    Result<?> cpu = r == null ? null : r.getSecondaryResults().get("cpu.time.norm");
    return cpu == null ? "-" : String.format(Locale.ROOT, "%.0f", cpu.getScore());
  }

  private static String score(RunResult r) {
    if (r == null) {
      return "-";
    }
    double error = r.getPrimaryResult().getScoreError();
    return String.format(
        Locale.ROOT,
        "%.1f ± %.1f",
        r.getPrimaryResult().getScore(),
        Double.isNaN(error) ? 0 : error);
  }

  /** The parsed command line. */
  static final class Settings {
    static final String USAGE =
        "usage: RpcBenchMain [--out results/b3.json] [--warmup-iterations 10]"
            + " [--warmup-seconds 3] [--iterations 5] [--seconds 5] [--forks 1] [--threads 1,4]"
            + " [--modes thrpt,avgt] [--benchmarks triple,grpcJava] [--cpu-time true] [--jvm-args \"-Dk=v ...\"]"
            + " [--prof name[:options]]... [--help]";
    private static final List<String> METHODS = List.of("triple", "grpcJava");

    Path out = Path.of("results", "b3.json");
    int warmupIterations = 10;
    int warmupSeconds = 3;
    int iterations = 5;
    int seconds = 5;
    int forks = 1;
    List<Integer> threads = List.of(1, 4);
    List<Mode> modes = List.of(Mode.Throughput, Mode.AverageTime);
    List<String> benchmarks = METHODS;
    List<String> jvmArgs = List.of();
    Map<String, String> profilers = new LinkedHashMap<>();
    boolean cpuTime = true;
    boolean help;

    /**
     * @param args {@code --name value} or {@code --name=value} pairs, and {@code --help}
     * @throws IllegalArgumentException naming the first bad argument
     */
    static Settings parse(String[] args) {
      OptionParser parser = new OptionParser();
      var help = parser.acceptsAll(List.of("help", "h")).forHelp();
      var out = parser.accepts("out").withRequiredArg();
      var warmupIterations = parser.accepts("warmup-iterations").withRequiredArg();
      var warmupSeconds = parser.accepts("warmup-seconds").withRequiredArg();
      var iterations = parser.accepts("iterations").withRequiredArg();
      var seconds = parser.accepts("seconds").withRequiredArg();
      var forks = parser.accepts("forks").withRequiredArg();
      var threads = parser.accepts("threads").withRequiredArg().withValuesSeparatedBy(',');
      var modes = parser.accepts("modes").withRequiredArg().withValuesSeparatedBy(',');
      var benchmarks = parser.accepts("benchmarks").withRequiredArg().withValuesSeparatedBy(',');
      var cpuTime = parser.accepts("cpu-time").withRequiredArg();
      var jvmArgs = parser.accepts("jvm-args").withRequiredArg();
      var prof = parser.accepts("prof").withRequiredArg();
      OptionSet o;
      try {
        o = parser.parse(args);
      } catch (OptionException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      if (!o.nonOptionArguments().isEmpty()) {
        throw new IllegalArgumentException("unexpected argument " + o.nonOptionArguments().get(0));
      }
      Settings s = new Settings();
      s.help = o.has(help);
      if (o.has(out)) {
        s.out = Path.of(o.valueOf(out));
      }
      if (o.has(warmupIterations)) {
        s.warmupIterations = count("warmup-iterations", o.valueOf(warmupIterations), 0);
      }
      if (o.has(warmupSeconds)) {
        s.warmupSeconds = count("warmup-seconds", o.valueOf(warmupSeconds), 1);
      }
      if (o.has(iterations)) {
        s.iterations = count("iterations", o.valueOf(iterations), 1);
      }
      if (o.has(seconds)) {
        s.seconds = count("seconds", o.valueOf(seconds), 1);
      }
      if (o.has(forks)) {
        s.forks = count("forks", o.valueOf(forks), 0);
      }
      if (o.has(threads)) {
        s.threads = list(o.valuesOf(threads)).stream().map(v -> count("threads", v, 1)).toList();
      }
      if (o.has(modes)) {
        s.modes = list(o.valuesOf(modes)).stream().map(Settings::mode).toList();
      }
      if (o.has(benchmarks)) {
        s.benchmarks = list(o.valuesOf(benchmarks));
        for (String b : s.benchmarks) {
          if (!METHODS.contains(b)) {
            throw new IllegalArgumentException(
                "--benchmarks: unknown " + b + ", expected some of " + METHODS);
          }
        }
      }
      if (o.has(cpuTime)) {
        s.cpuTime = bool("cpu-time", o.valueOf(cpuTime));
      }
      if (o.has(jvmArgs)) {
        s.jvmArgs =
            Arrays.stream(o.valueOf(jvmArgs).trim().split("\\s+"))
                .filter(a -> !a.isEmpty())
                .toList();
      }
      for (String value : o.valuesOf(prof)) {
        int colon = value.indexOf(':');
        s.profilers.put(
            colon < 0 ? value : value.substring(0, colon),
            colon < 0 ? "" : value.substring(colon + 1));
      }
      if (s.threads.isEmpty() || s.modes.isEmpty() || s.benchmarks.isEmpty()) {
        throw new IllegalArgumentException(
            "--threads, --modes and --benchmarks need at least one value");
      }
      return s;
    }

    private static List<String> list(List<String> values) {
      return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static boolean bool(String name, String value) {
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException("--" + name + " needs true or false, got " + value);
      }
      return Boolean.parseBoolean(value);
    }

    private static int count(String name, String value, int min) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n < min) {
          throw new IllegalArgumentException(
              "--" + name + " must be at least " + min + ", got " + value);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " needs a whole number, got " + value);
      }
    }

    private static Mode mode(String label) {
      try {
        Mode m = Mode.deepValueOf(label);
        if (m == Mode.All || m == Mode.SingleShotTime) {
          throw new IllegalArgumentException("--modes: use thrpt, avgt or sample, not " + label);
        }
        return m;
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(
            "--modes: unknown mode " + label + " (thrpt, avgt, sample)");
      }
    }
  }
}
