package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * The examples of vent-api/README.md against the real stack. The grpc-java example runs as its
 * README says, in a JVM of its own on its module's class path (its jar and target/lib: vent-api-proto
 * and grpc-java, which the module's enforcer rule keeps free of Dubbo), against a user provider
 * instance found in Consul.
 */
@SharedStack
class ApiExamplesIT {

  private static Stack stack;
  private static Account account;

  @BeforeAll
  static void stack(Stack shared) {
    stack = shared;
    account = Accounts.register(new Rest(stack.api()), Accounts.uniqueName("example"));
  }

  @Test
  void grpcJavaExampleReadsAUser() throws Exception {
    assertThat(runGrpcExample(account.id())).contains("user " + account.username());
  }

  @Test
  void grpcJavaExampleGetsNotFoundForAnUnknownUser() throws Exception {
    assertThat(runGrpcExample("999999999999")).contains("failed: NOT_FOUND");
  }

  /**
   * The failed call's google.rpc.Status carries an ErrorInfo with the IDL's reason. Needs the
   * providers to attach google.rpc.Status details to their errors.
   */
  @Test
  void grpcJavaExampleReadsTheErrorInfoOfAFailedCall() throws Exception {
    assertThat(runGrpcExample("999999999999"))
        .contains("failed: NOT_FOUND")
        .contains("reason: \"USER_NOT_FOUND\"");
  }

  /** Runs GrpcJavaExample against the first passing user provider instance; its stdout. */
  private static String runGrpcExample(String userId) throws IOException, InterruptedException {
    List<Integer> ports = stack.consulClient().passingPorts("vent.user.v1.UserService");
    assertThat(ports).as("passing user provider instances").isNotEmpty();
    Path module = stack.home().resolve("vent-api/vent-api-example-grpc/target");
    try (var jars = Files.list(module)) {
      String jar =
          jars.filter(p -> p.getFileName().toString().matches("vent-api-example-grpc-.*\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no example jar in " + module))
              .toString();
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  jar + ":" + module.resolve("lib") + "/*",
                  "vent.examples.grpc.GrpcJavaExample",
                  "127.0.0.1:" + ports.get(0),
                  userId)
              .redirectErrorStream(true)
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("example finished").isTrue();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("exit code; output:%n%s", out).isZero();
      return out;
    }
  }
}
