package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.web.it.Accounts.Account;

/**
 * The examples of vent-api/README.md against the real stack, each run as the README says, in a JVM
 * of its own on its module's class path (its jar and target/lib; the modules' enforcer rules keep
 * them to the published artifacts: vent-api-proto and grpc-java for the grpc-java example, no
 * Dubbo; vent-api-dubbo, Dubbo and its Consul registry for the Dubbo consumer).
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

  @Test
  void dubboConsumerExampleReadsAUser() throws Exception {
    assertThat(runDubboExample(account.id())).contains("user " + account.username());
  }

  @Test
  void dubboConsumerExampleGetsTheReasonOfAFailedCall() throws Exception {
    assertThat(runDubboExample("999999999999")).contains("failed: ").contains("USER_NOT_FOUND");
  }

  /** Runs GrpcJavaExample against the first passing user provider instance; its output. */
  private static String runGrpcExample(String userId) throws IOException, InterruptedException {
    List<Integer> ports = stack.consulClient().passingPorts("dev.vent.user.v1.UserService");
    assertThat(ports).as("passing user provider instances").isNotEmpty();
    return run(
        List.of(),
        "vent-api-example-grpc",
        "vent.examples.grpc.GrpcJavaExample",
        "127.0.0.1:" + ports.get(0),
        userId);
  }

  /** Runs DubboConsumerExample with the stack's Consul; its output. */
  private static String runDubboExample(String userId) throws IOException, InterruptedException {
    // The test stack's providers listen on 127.0.0.1 only, and Dubbo replaces a provider address
    // 127.0.0.1 with this host's first non-loopback address unless it sees none.
    return run(
        List.of("-Ddubbo.network.interface.ignored=" + nonLoopbackInterfaces()),
        "vent-api-example-dubbo",
        "vent.examples.dubbo.DubboConsumerExample",
        stack.consul().replace("http://", ""),
        userId,
        stack.consulToken());
  }

  /** This host's non-loopback network interfaces, comma-separated. */
  private static String nonLoopbackInterfaces() throws SocketException {
    List<String> names = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isLoopback()) {
        names.add(nic.getName());
      }
    }
    return String.join(",", names);
  }

  /** Runs {@code mainClass} of the example module {@code name}; its stdout and stderr. */
  private static String run(List<String> jvmArgs, String name, String mainClass, String... args)
      throws IOException, InterruptedException {
    Path module = stack.home().resolve("vent-api").resolve(name).resolve("target");
    try (var jars = Files.list(module)) {
      String jar =
          jars.filter(p -> p.getFileName().toString().matches(name + "-.*\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no example jar in " + module))
              .toString();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(jar + ":" + module.resolve("lib") + "/*");
      command.add(mainClass);
      command.addAll(List.of(args));
      // Output to a file: a process that does not end must not block the test on its pipe.
      Path output = Files.createTempFile(name, ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean ended = process.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      assertThat(ended).as("example ended; output:%n%s", out).isTrue();
      assertThat(process.exitValue()).as("exit code; output:%n%s", out).isZero();
      return out;
    }
  }
}
