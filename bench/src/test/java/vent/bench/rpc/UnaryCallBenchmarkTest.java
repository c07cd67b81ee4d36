package vent.bench.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

/**
 * Guards B3 against measuring errors or different work: both stacks, started by the benchmark's own
 * set-up code, answer the benchmark's request with the same user, and both fail an unknown id the
 * same way (so neither server can be answering without looking the id up).
 */
class UnaryCallBenchmarkTest {

  @Test
  void bothStacksAnswerTheSameUser() throws Exception {
    UnaryCallBenchmark bench = new UnaryCallBenchmark();
    UnaryCallBenchmark.TripleState triple = new UnaryCallBenchmark.TripleState();
    UnaryCallBenchmark.GrpcJavaState grpc = new UnaryCallBenchmark.GrpcJavaState();
    try {
      triple.start();
      grpc.start();

      User viaTriple = bench.triple(triple);
      User viaGrpc = bench.grpcJava(grpc);

      assertThat(viaTriple).isEqualTo(BenchUsers.USER).isEqualTo(viaGrpc);
      assertThat(viaTriple.getBio()).isNotEmpty();
      assertThat(viaTriple.getCreatedAtMs()).isPositive();

      GetUserRequest unknown = GetUserRequest.newBuilder().setId("42").build();
      assertThatThrownBy(() -> triple.endpoint.getUser(unknown))
          .isInstanceOf(RpcException.class)
          .hasMessageContaining(BenchUsers.notFound("42"));
      assertThatThrownBy(() -> grpc.endpoint.getUser(unknown))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND))
          .hasMessageContaining(BenchUsers.notFound("42"));
    } finally {
      grpc.stop();
      triple.stop();
    }
  }

  @Test
  void parsesTheHarnessArguments() {
    RpcBenchMain.Settings s =
        RpcBenchMain.Settings.parse(
            new String[] {
              "--out",
              "results/b3.json",
              "--seconds=5",
              "--warmup-iterations",
              "3",
              "--threads",
              "1,4",
              "--modes",
              "thrpt,avgt",
              "--prof",
              "jfr:dir=/tmp/x",
              "--jvm-args",
              "-Da=1  -Db=2"
            });
    assertThat(s.out.toString()).isEqualTo("results/b3.json");
    assertThat(s.seconds).isEqualTo(5);
    assertThat(s.threads).containsExactly(1, 4);
    assertThat(s.modes).containsExactly(Mode.Throughput, Mode.AverageTime);
    assertThat(s.profilers).containsEntry("jfr", "dir=/tmp/x");
    assertThat(s.jvmArgs).containsExactly("-Da=1", "-Db=2");
    assertThatThrownBy(() -> RpcBenchMain.Settings.parse(new String[] {"--threads", "0"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RpcBenchMain.Settings.parse(new String[] {"--benchmarks", "rest"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
