package vent.stack;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * promtool for the tests, found like the launcher finds it ({@code VENT_PROMTOOL_BIN}, the
 * checkout's {@code .tools/prometheus}, the PATH). Where it is missing a test is skipped, except in
 * CI ({@code CI=true}), where that fails it: {@code ./vent test} installs it, so a CI run without
 * it would pass without checking anything.
 */
final class Promtool {

  /** The checkout: the first folder above the working directory with stack/local.yml. */
  static Path root() {
    return TopologyTest.localYml().getParent().getParent();
  }

  /** promtool's path; skips (or, in CI, fails) the calling test when there is none. */
  static String find() {
    Map<String, String> env = System.getenv();
    String tools = env.getOrDefault("VENT_TOOLS_DIR", "");
    Path toolsDir = tools.isEmpty() ? root().resolve(".tools") : Path.of(tools);
    try {
      return new Binaries(env, toolsDir).promtool();
    } catch (Out.Failure e) {
      if ("true".equals(env.get("CI"))) {
        fail("CI=true and promtool is missing (" + e.getMessage() + "): ./vent test installs it");
      }
      assumeTrue(false, "promtool is missing, not checked: " + e.getMessage());
      throw e;
    }
  }

  /** The exit code and combined output of {@code promtool args...}, run in {@code dir}. */
  record Result(int exitCode, String output) {}

  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(find()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " took over 60 s:\n" + out);
    }
    return new Result(p.exitValue(), out);
  }

  private Promtool() {}
}
