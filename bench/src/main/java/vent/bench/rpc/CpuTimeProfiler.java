package vent.bench.rpc;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting the CPU time the benchmark JVM spent per operation, client and server
 * together: secondary result {@code cpu.time.norm} in microseconds per call.
 *
 * <p>Why: the scores of B3 are wall-clock rates, and on a machine shared with other work (2 cores
 * here) they move with whatever else runs; the CPU one call costs moves much less, and says which
 * stack does more work per call. It is the whole process's CPU time (every thread, including the
 * JIT compiler and GC) over an iteration divided by the operations of that iteration, so it is only
 * meaningful once warm. Use with {@code --prof vent.bench.rpc.CpuTimeProfiler} ({@link
 * RpcBenchMain} adds it by default).
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuAtStart;

  @Override
  public String getDescription() {
    return "Process CPU time per operation (us/op), client and server together";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuAtStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpuNs = os.getProcessCpuTime() - cpuAtStart;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : cpuNs / 1_000.0 / ops;
    return List.of(new ScalarResult("cpu.time.norm", perOp, "us/op", AggregationPolicy.AVG));
  }
}
