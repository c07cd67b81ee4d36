package vent.bench.rpc;

import dev.vent.user.v1.User;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B3: one blocking unary {@code vent.user.v1.UserService/GetUser} call, Dubbo Triple as Vent runs
 * it ({@link TripleEndpoint}) against grpc-java ({@link GrpcJavaEndpoint}), on the same proto,
 * request and answer ({@link BenchUsers}), client and server in this JVM over h2c on 127.0.0.1.
 *
 * <p>Each benchmark method uses its own state, so a fork starts only the stack it measures. The
 * annotations are defaults for running this class directly with JMH (throughput in calls per
 * second; add {@code -bm avgt -tu us} for latency); {@link RpcBenchMain} sets iterations, forks,
 * thread counts and modes from its arguments. Scores: calls per second in {@code thrpt} mode,
 * microseconds per call in {@code avgt} mode; with {@code t} threads calling at once (closed loop:
 * each waits for its answer before the next call), thrpt is the sum over the threads and avgt the
 * mean time of one call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class UnaryCallBenchmark {

  /** The per-call timeout of both clients, milliseconds: vent-web's {@code rpc.timeoutMs}. */
  public static final int TIMEOUT_MS = 3000;

  /** A Triple provider and a consumer connected to it, for the whole trial. */
  @State(Scope.Benchmark)
  public static class TripleState {
    TripleEndpoint endpoint;

    /** Starts the provider and connects the consumer; fails the trial if either fails. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      endpoint = new TripleEndpoint(TIMEOUT_MS);
      // One call before measuring: a broken set-up fails here instead of scoring exceptions.
      Checks.sameUser(endpoint.getUser(BenchUsers.REQUEST));
    }

    /** Stops the consumer, then the provider. */
    @TearDown(Level.Trial)
    public void stop() {
      if (endpoint != null) {
        endpoint.close();
      }
    }
  }

  /** A grpc-java server and a channel to it, for the whole trial. */
  @State(Scope.Benchmark)
  public static class GrpcJavaState {
    GrpcJavaEndpoint endpoint;

    /** Starts the server and the channel; fails the trial if the first call fails. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      endpoint = new GrpcJavaEndpoint(TIMEOUT_MS);
      Checks.sameUser(endpoint.getUser(BenchUsers.REQUEST));
    }

    /** Shuts down the channel, then the server. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      if (endpoint != null) {
        endpoint.close();
      }
    }
  }

  /**
   * One Triple call.
   *
   * @return the answer, returned so that JMH consumes it
   */
  @Benchmark
  public User triple(TripleState state) {
    return state.endpoint.getUser(BenchUsers.REQUEST);
  }

  /**
   * One grpc-java call.
   *
   * @return the answer, returned so that JMH consumes it
   */
  @Benchmark
  public User grpcJava(GrpcJavaState state) {
    return state.endpoint.getUser(BenchUsers.REQUEST);
  }

  /** Start-up checks shared by the states and the unit test. */
  static final class Checks {
    private Checks() {}

    static void sameUser(User answer) {
      if (!BenchUsers.USER.equals(answer)) {
        throw new IllegalStateException("unexpected answer: " + answer);
      }
    }
  }
}
