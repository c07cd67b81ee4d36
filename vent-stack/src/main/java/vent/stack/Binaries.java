package vent.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The programs the stack runs: Consul ({@code VENT_CONSUL_BIN}, else the project's {@code
 * .tools/consul}, else the PATH), Prometheus and promtool (likewise, {@code .tools/prometheus}),
 * redis-server ({@code VENT_REDIS_SERVER}, else the PATH), this JVM's own {@code java}, and
 * supervisord.
 */
final class Binaries {

  /** Returns freed native memory (mostly JIT arenas) to the OS every 5 s; JDK 17.0.9 and newer. */
  private static final String TRIM = "-XX:TrimNativeHeapInterval=5000";

  private final Map<String, String> env;
  private final Path toolsDir;
  private Boolean trimWorks;

  Binaries(Map<String, String> env, Path toolsDir) {
    this.env = env;
    this.toolsDir = toolsDir;
  }

  String consul() {
    String set = env.get("VENT_CONSUL_BIN");
    if (set != null && !set.isEmpty()) {
      return executable(set, "VENT_CONSUL_BIN");
    }
    Path tools = toolsDir.resolve("consul/usr/bin/consul");
    if (Files.isExecutable(tools)) {
      return tools.toString();
    }
    return onPath("consul", "Consul is missing: ./vent installs it, or set VENT_CONSUL_BIN");
  }

  /** Prometheus: VENT_PROMETHEUS_BIN, else the project's .tools/prometheus, else the PATH. */
  String prometheus() {
    return tool("VENT_PROMETHEUS_BIN", "prometheus", "Prometheus");
  }

  /** promtool, Prometheus's checker: VENT_PROMTOOL_BIN, else .tools/prometheus, else the PATH. */
  String promtool() {
    return tool("VENT_PROMTOOL_BIN", "promtool", "promtool");
  }

  private String tool(String variable, String name, String label) {
    String set = env.get(variable);
    if (set != null && !set.isEmpty()) {
      return executable(set, variable);
    }
    Path tools = toolsDir.resolve("prometheus/usr/bin/" + name);
    if (Files.isExecutable(tools)) {
      return tools.toString();
    }
    return onPath(
        name,
        label
            + " is missing: ./vent installs it (with VENT_MONITORING on), or set "
            + variable
            + "; VENT_MONITORING=off runs the stack without Prometheus");
  }

  String redisServer() {
    String set = env.get("VENT_REDIS_SERVER");
    if (set != null && !set.isEmpty()) {
      return executable(set, "VENT_REDIS_SERVER");
    }
    return onPath("redis-server", "redis-server is missing: ./vent installs it");
  }

  String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** VENT_JAVA_OPTS, or the defaults plus native-heap trimming where the JDK has it. */
  List<String> javaOpts(Settings s) {
    List<String> opts = new ArrayList<>(List.of(s.javaOpts.trim().split("\\s+")));
    opts.removeIf(String::isEmpty);
    String set = env.get("VENT_JAVA_OPTS");
    if ((set == null || set.isEmpty()) && trimWorks()) {
      opts.add(TRIM);
    }
    return opts;
  }

  private boolean trimWorks() {
    if (trimWorks == null) {
      try {
        Process p =
            new ProcessBuilder(java(), TRIM, "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        trimWorks = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (Exception e) {
        trimWorks = false;
      }
    }
    return trimWorks;
  }

  static String onPath(String name, String missing) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw Out.die(missing);
  }

  private static String executable(String path, String variable) {
    if (!Files.isExecutable(Path.of(path))) {
      throw Out.die(variable + "=" + path + " is not executable");
    }
    return path;
  }
}
