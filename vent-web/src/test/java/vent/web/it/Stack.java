package vent.web.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole Vent stack for the end-to-end tests, started once per test JVM through the
 * project's own launcher ({@code ./vent up}) on test ports with its own state folder, and
 * stopped by {@code ./vent down} when the JVM ends (also when tests fail).
 *
 * <p>Real parts only: a Consul server agent, a redis-server, each provider as its own
 * {@code java -jar} process (two relation instances), and vent-web serving HTTP on loopback.
 */
public final class Stack {

  /** Every captcha's answer in this stack (the launcher passes it to the captcha provider). */
  public static final String CAPTCHA_ANSWER = "vtest";

  /**
   * Added to every port of the test stack, from {@code VENT_IT_PORT_SHIFT} (default 0), so two
   * checkouts on one machine can run the end-to-end tests at the same time (use 1000, 2000, ...).
   */
  static final int PORT_SHIFT = Integer.parseInt(System.getenv().getOrDefault("VENT_IT_PORT_SHIFT", "0"));

  static final int HTTP_PORT = 18080 + PORT_SHIFT;
  static final int ADMIN_PORT = 18081 + PORT_SHIFT;
  static final int CONSUL_PORT = 18500 + PORT_SHIFT;
  static final int REDIS_PORT = 16379 + PORT_SHIFT;
  static final int PORT_OFFSET = 10000 + PORT_SHIFT;
  static final int RELATION_INSTANCES = 2;

  private static Stack shared;

  /** The output of every launcher command the tests ran: LogSecretsIT checks it holds no secret. */
  static final java.util.Queue<String> LAUNCHER_OUTPUT = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final Path home;
  private final Path state;
  private final Map<String, String> env;

  private Stack(Path home, Path state, Map<String, String> env) {
    this.home = home;
    this.state = state;
    this.env = env;
  }

  /** The JVM-wide stack, started on first use. */
  public static synchronized Stack shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  public String api() {
    return "http://127.0.0.1:" + HTTP_PORT + "/api/v1";
  }

  public String admin() {
    return "http://127.0.0.1:" + ADMIN_PORT;
  }

  public String consul() {
    return "http://127.0.0.1:" + CONSUL_PORT;
  }

  public Path home() {
    return home;
  }

  public Path state() {
    return state;
  }

  /** The launcher's environment for this stack, e.g. to run {@code ./vent import}. */
  public Map<String, String> env() {
    return env;
  }

  /** PID of a process the launcher started, e.g. {@code relation-1}, or -1 if it has none. */
  public long pid(String name) {
    Path file = state.resolve("run").resolve(name + ".pid");
    try {
      return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The log of a process the launcher started. */
  public Path log(String name) {
    return state.resolve("logs").resolve(name + ".log");
  }

  /**
   * Runs {@code ./vent ARGS} with this stack's environment.
   *
   * @return the exit code and the combined output
   */
  public Result vent(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("vent").toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("vent-" + args[0], ".log");
      ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
          .redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
        throw new IllegalStateException("./vent " + String.join(" ", args) + " did not finish within " + timeout
            + "; output:\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      Files.delete(out);
      LAUNCHER_OUTPUT.add(output);
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A credential the launcher generated for this stack, from {@code secrets.env} in its state dir
   * (docs/SECURITY.md, "Generated credentials"), e.g. {@code CONSUL_MASTER_TOKEN},
   * {@code REDIS_PASSWORD_admin}, {@code CALLER_SECRET_web}.
   *
   * @throws IllegalStateException if the stack has no such credential
   */
  public String secret(String key) {
    return secrets().entrySet().stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + key + " in " + state.resolve("secrets.env")));
  }

  /** Every credential the launcher generated for this stack, by name. */
  public Map<String, String> secrets() {
    Map<String, String> out = new HashMap<>();
    try {
      for (String line : Files.readAllLines(state.resolve("secrets.env"), StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the stack's generated credentials", e);
    }
    return out;
  }

  /** The management token the launcher holds: what an operator sends to the test stack's Consul. */
  public String consulToken() {
    return secret("CONSUL_MASTER_TOKEN");
  }

  /** Exit code and output of a launcher command. */
  public record Result(int exitCode, String output) {}

  private static Stack start() {
    Path home = findHome();
    Path state = home.resolve("vent-web/target/it-stack");
    Map<String, String> env = new HashMap<>();
    env.put("VENT_STATE_DIR", state.toString());
    env.put("VENT_HTTP_PORT", String.valueOf(HTTP_PORT));
    env.put("VENT_ADMIN_PORT", String.valueOf(ADMIN_PORT));
    env.put("VENT_CONSUL_PORT", String.valueOf(CONSUL_PORT));
    env.put("VENT_REDIS_PORT", String.valueOf(REDIS_PORT));
    env.put("VENT_PORT_OFFSET", String.valueOf(PORT_OFFSET));
    env.put("VENT_INSTANCES", "2"); // the fault suite kills one of two instances of each provider
    env.put("VENT_RELATION_INSTANCES", String.valueOf(RELATION_INSTANCES));
    env.put("VENT_CAPTCHA_TEST_ANSWER", CAPTCHA_ANSWER);
    env.put("VENT_ACCESS_LOG", "true");
    // Each Rest client claims an address of its own (X-Forwarded-For) so that per-IP limits
    // and login throttling of one test do not spill into the next.
    env.put("VENT_TRUST_FORWARDED_FOR", "true");
    env.put("VENT_SKIP_BUILD", "1");
    env.put("VENT_SENTINEL_PORT_BASE", String.valueOf(SentinelRules.PORT_BASE));
    // ImportIT imports the graph itself and checks what the first import creates.
    env.put("VENT_DEMO_GRAPH", "none");
    Stack stack = new Stack(home, state, env);
    for (int port : new int[] {HTTP_PORT, ADMIN_PORT, CONSUL_PORT, REDIS_PORT}) {
      requireFree(port);
    }
    // A previous, killed test run may have left its state: start from empty data.
    stack.vent(Duration.ofSeconds(90), "down");
    deleteRecursively(state);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.vent(Duration.ofSeconds(90), "down"), "vent-it-down"));
    long t0 = System.nanoTime();
    Result up = stack.vent(Duration.ofSeconds(300), "up");
    if (up.exitCode() != 0) {
      throw new IllegalStateException("./vent up failed (exit " + up.exitCode() + "):\n" + up.output());
    }
    System.out.printf("event=it_stack_up seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
    shared = stack;
    relaxRules();
    return stack;
  }

  /**
   * The default rules protect a real deployment: per-IP limits, a strict login limit and an
   * adaptive system rule. The tests send everything from 127.0.0.1 and load 2 cores on purpose,
   * so, like an operator would, they replace those rules in Consul KV; the Sentinel tests then
   * set the rules they check. Breakers stay off unless a test sets one.
   */
  private static void relaxRules() {
    for (String type : new String[] {"flow", "param-flow", "system", "degrade"}) {
      SentinelRules.put("vent-web", type, "[]");
    }
    for (String app : new String[] {"vent-provider-user", "vent-provider-relation", "vent-provider-auth", "vent-provider-captcha"}) {
      SentinelRules.put(app, "system", "[]");
      SentinelRules.put(app, "degrade", "[]");
    }
    // KV changes reach every instance through its watch; wait until vent-web has none left.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!flowRulesOfWebEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("vent-web still has flow rules after they were emptied in Consul KV");
      }
      SentinelRules.sleep(100);
    }
  }

  /** False also while vent-web's Sentinel command port is not listening yet (it opens lazily). */
  private static boolean flowRulesOfWebEmpty() {
    try {
      return SentinelRules.rulesOn("web", "flow").strip().equals("[]");
    } catch (IllegalStateException notYetListening) {
      return false;
    }
  }

  private static Path findHome() {
    String configured = System.getenv("VENT_HOME");
    Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isExecutable(d.resolve("vent")) && Files.exists(d.resolve("vent-api"))) {
        return d;
      }
    }
    throw new IllegalStateException("cannot find the Vent checkout (set VENT_HOME) from " + dir);
  }

  private static void requireFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use; the end-to-end tests need it", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
