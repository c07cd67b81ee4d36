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
 * The whole Vent stack for the end-to-end tests, started through the project's own launcher
 * ({@code ./vent up}) on test ports with its own state folder, and stopped by {@code ./vent down}
 * when the JVM ends (also when tests fail). {@link #shared()} is started once per test JVM with
 * relaxed Sentinel rules; {@link #own} starts a separate stack for one test class, with the
 * default rules, which that class stops when it is done.
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
  private final int httpPort;
  private final int adminPort;
  private final int consulPort;
  private Thread downOnExit;

  private Stack(Path home, Path state, Map<String, String> env) {
    this.home = home;
    this.state = state;
    this.env = env;
    this.httpPort = Integer.parseInt(env.get("VENT_HTTP_PORT"));
    this.adminPort = Integer.parseInt(env.get("VENT_ADMIN_PORT"));
    this.consulPort = Integer.parseInt(env.get("VENT_CONSUL_PORT"));
  }

  /** The JVM-wide stack, started on first use. */
  public static synchronized Stack shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /**
   * A stack of the calling test class's own, started now from an empty state folder
   * ({@code vent-web/target/<name>}) with the default Sentinel rules of {@code sentinel-rules/}
   * and two instances of every provider, on ports {@code shift} above the shared stack's (which
   * may run at the same time). Stop it with {@link #stop()} (an {@code @AfterAll}); it is also
   * stopped when the JVM ends.
   *
   * @param name the state folder's name under {@code vent-web/target/}
   * @param shift added to the shared stack's ports, at least 100 (e.g. 500)
   */
  public static Stack own(String name, int shift) {
    if (shift < 100 || !name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("own stack " + name + " on shift " + shift);
    }
    Path home = findHome();
    Map<String, String> env = baseEnv(home.resolve("vent-web/target").resolve(name), PORT_SHIFT + shift);
    env.put("VENT_INSTANCES", "2");
    Stack stack = new Stack(home, home.resolve("vent-web/target").resolve(name), env);
    stack.up();
    return stack;
  }

  /** Stops a stack started by {@link #own} ({@code ./vent down}); its state folder is kept for its logs. */
  public void stop() {
    Result down = vent(Duration.ofSeconds(90), "down");
    if (downOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(downOnExit);
      } catch (IllegalStateException jvmExiting) {
        // The hook is running or has run.
      }
    }
    if (down.exitCode() != 0) {
      throw new IllegalStateException("./vent down failed (exit " + down.exitCode() + "):\n" + down.output());
    }
  }

  public String api() {
    return "http://127.0.0.1:" + httpPort + "/api/v1";
  }

  public String admin() {
    return "http://127.0.0.1:" + adminPort;
  }

  public String consul() {
    return "http://127.0.0.1:" + consulPort;
  }

  /** vent-web's HTTP port on 127.0.0.1. */
  public int httpPort() {
    return httpPort;
  }

  /** vent-web's Sentinel command port on 127.0.0.1. */
  public int webCommandPort() {
    return Integer.parseInt(env.get("VENT_SENTINEL_PORT_BASE"));
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
    Map<String, String> env = baseEnv(state, PORT_SHIFT);
    env.put("VENT_INSTANCES", "2"); // the fault suite kills one of two instances of each provider
    env.put("VENT_RELATION_INSTANCES", String.valueOf(RELATION_INSTANCES));
    // Each Rest client claims an address of its own (X-Forwarded-For from 127.0.0.1, which is
    // trusted as a proxy here) so that per-IP limits and login throttling of one test do not
    // spill into the next. Clients on other loopback addresses (127.0.0.2, ...) are not trusted.
    env.put("VENT_TRUSTED_PROXIES", "127.0.0.1/32");
    Stack stack = new Stack(home, state, env);
    stack.up();
    shared = stack;
    relaxRules();
    return stack;
  }

  /** The launcher's settings of a test stack in {@code state} with every port moved by {@code shift}. */
  private static Map<String, String> baseEnv(Path state, int shift) {
    Map<String, String> env = new HashMap<>();
    env.put("VENT_STATE_DIR", state.toString());
    env.put("VENT_HTTP_PORT", String.valueOf(18080 + shift));
    env.put("VENT_ADMIN_PORT", String.valueOf(18081 + shift));
    env.put("VENT_CONSUL_PORT", String.valueOf(18500 + shift));
    env.put("VENT_REDIS_PORT", String.valueOf(16379 + shift));
    env.put("VENT_PORT_OFFSET", String.valueOf(10000 + shift));
    env.put("VENT_SENTINEL_PORT_BASE", String.valueOf(18719 + shift));
    env.put("VENT_CAPTCHA_TEST_ANSWER", CAPTCHA_ANSWER);
    env.put("VENT_ACCESS_LOG", "true");
    env.put("VENT_SKIP_BUILD", "1");
    // ImportIT imports the graph itself and checks what the first import creates.
    env.put("VENT_DEMO_GRAPH", "none");
    return env;
  }

  /** Starts this stack from an empty state folder; {@code ./vent down} when the JVM ends. */
  private void up() {
    for (int port : new int[] {httpPort, adminPort, consulPort, Integer.parseInt(env.get("VENT_REDIS_PORT"))}) {
      requireFree(port);
    }
    // A previous, killed test run may have left its state: start from empty data.
    vent(Duration.ofSeconds(90), "down");
    deleteRecursively(state);
    downOnExit = new Thread(() -> vent(Duration.ofSeconds(90), "down"), "vent-it-down");
    Runtime.getRuntime().addShutdownHook(downOnExit);
    long t0 = System.nanoTime();
    Result up = vent(Duration.ofSeconds(300), "up");
    if (up.exitCode() != 0) {
      throw new IllegalStateException("./vent up failed (exit " + up.exitCode() + "):\n" + up.output());
    }
    System.out.printf("event=it_stack_up state=%s seconds=%.1f%n", state.getFileName(), (System.nanoTime() - t0) / 1e9);
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
