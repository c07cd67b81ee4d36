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
import vent.stack.Settings;
import vent.stack.Topology;

/**
 * The whole Vent stack for the end-to-end tests, started through the project's own launcher ({@code
 * ./vent up}) on test ports with its own state folder and stopped by {@code ./vent down}. Test
 * classes do not start one themselves: they say which they need with {@link SharedStack} or {@link
 * OwnStack} and receive it as a parameter; {@link StackExtension} starts and stops it. A shutdown
 * hook stops a stack whose test JVM ends without that (killed run).
 *
 * <p>Real parts only: a Consul server agent, a redis-server, each provider as its own {@code java
 * -jar} process (two relation instances), and vent-web serving HTTP on loopback.
 */
public final class Stack {

  /** Every captcha's answer in this stack (the launcher passes it to the captcha provider). */
  public static final String CAPTCHA_ANSWER = "vtest";

  /**
   * Added to every port of the test stacks, from {@code VENT_IT_PORT_SHIFT} (default 0), so two
   * checkouts on one machine can run the end-to-end tests at the same time (use 1000, 2000, ...).
   */
  static final int PORT_SHIFT =
      Integer.parseInt(System.getenv().getOrDefault("VENT_IT_PORT_SHIFT", "0"));

  /**
   * The topology every test stack runs ({@code stack/<name>.yml}): the system property {@code
   * vent.it.topology}, default {@code local}. {@code ./vent test} runs the suites that must hold on
   * both a second time with {@code cluster}.
   */
  static final String TOPOLOGY = System.getProperty("vent.it.topology", "local");

  /** Whether this run's stacks use stack/cluster.yml (Redis Cluster, three Consul servers). */
  static final boolean CLUSTER = TOPOLOGY.equals("cluster");

  /**
   * How long a test stack's {@code ./vent up} may wait for health ({@code VENT_START_TIMEOUT}): two
   * cores start up to 21 JVMs and six Redis nodes (cluster topology) for one stack, so the default
   * 120 s, enough on a user's machine, is not enough on a loaded CI runner. The first stack of its
   * own in a fresh checkout starts beside the shared one without class-data sharing archives (no
   * JVM has exited yet to write them): its providers took 224 s to pass their checks in a CI run.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(420);

  /** How long the tests wait for {@code ./vent up} itself: its start deadline and a margin. */
  static final Duration UP_WAIT = START_TIMEOUT.plusSeconds(60);

  /** Instances of every provider in a test stack: the fault tests stop one of two. */
  static final int INSTANCES = 2;

  /** The output of every launcher command the tests ran: LogSecretsIT checks it holds no secret. */
  static final java.util.Queue<String> LAUNCHER_OUTPUT =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * Test stacks sit this far above the ports of the topology ({@code stack/local.yml}), so that
   * they never meet a stack started by hand with the defaults.
   */
  private static final int TEST_PORT_BASE_SHIFT = 10_000;

  private final Path home;
  private final Path state;
  private final Map<String, String> env;

  /** The launcher's view of this stack: the topology with this stack's ports and counts. */
  private final Settings settings;

  private Thread downOnExit;

  private Stack(Path home, Path state, Map<String, String> env) {
    this.home = home;
    this.state = state;
    this.env = env;
    this.settings = Settings.of(env, home);
  }

  /**
   * Starts a stack now from an empty state folder ({@code vent-web/target/<name>}), on ports {@code
   * shift} above those of {@code VENT_IT_PORT_SHIFT}, with two instances of every provider.
   *
   * @param name the state folder's name under {@code vent-web/target/}
   * @param shift added to every port; stacks that may run at the same time need shifts at least 100
   *     apart
   * @param rules {@link OwnStack.Rules#RELAXED}: the tests' relaxed Sentinel rules, with 127.0.0.1
   *     trusted as a proxy (each {@link Rest} client claims an address of its own); {@link
   *     OwnStack.Rules#DEFAULT}: the rules of {@code sentinel-rules/}, no trusted proxy
   * @param extra more launcher settings, over the test stacks' own
   */
  static Stack start(String name, int shift, OwnStack.Rules rules, Map<String, String> extra) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("stack name " + name);
    }
    Path home = findHome();
    // Each topology's stacks keep their own state and logs, for the reports of both passes.
    Path state =
        home.resolve("vent-web/target")
            .resolve(TOPOLOGY.equals("local") ? name : name + "-" + TOPOLOGY);
    Map<String, String> env = baseEnv(state, PORT_SHIFT + shift);
    env.put("VENT_INSTANCES", String.valueOf(INSTANCES));
    env.put("VENT_RELATION_INSTANCES", String.valueOf(INSTANCES));
    if (rules == OwnStack.Rules.RELAXED) {
      // Each Rest client claims an address of its own (X-Forwarded-For from 127.0.0.1, which is
      // trusted as a proxy here) so that per-IP limits and login throttling of one test do not
      // spill into the next. Clients on other loopback addresses (127.0.0.2, ...) are not trusted.
      env.put("VENT_TRUSTED_PROXIES", "127.0.0.1/32");
    }
    env.putAll(extra);
    Stack stack = new Stack(home, state, env);
    try {
      stack.up();
      if (rules == OwnStack.Rules.RELAXED) {
        stack.relaxRules();
      }
    } catch (RuntimeException e) {
      // The launcher leaves a failed start running for inspection; a test run must not, or the
      // next class finds its ports taken. The logs stay in the state folder.
      try {
        stack.stop();
      } catch (RuntimeException downFailed) {
        e.addSuppressed(downFailed);
      }
      throw e;
    }
    return stack;
  }

  /** {@code ./vent down}; the state folder is kept for its logs. */
  void stop() {
    Result down = vent(Duration.ofSeconds(90), "down");
    if (downOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(downOnExit);
      } catch (IllegalStateException jvmExiting) {
        // The hook is running or has run.
      }
    }
    if (down.exitCode() != 0) {
      throw new IllegalStateException(
          "./vent down failed (exit " + down.exitCode() + "):\n" + down.output());
    }
  }

  public String api() {
    return "http://127.0.0.1:" + settings.httpPort() + "/api/v1";
  }

  public String admin() {
    return "http://127.0.0.1:" + settings.adminPort();
  }

  public String consul() {
    return "http://127.0.0.1:" + settings.consulPort();
  }

  /** vent-web's Sentinel command port on 127.0.0.1. */
  public int webCommandPort() {
    return settings.sentinelBase();
  }

  /** The topology this stack runs, with its ports and instance counts. */
  public Settings settings() {
    return settings;
  }

  /**
   * Sentinel command port of a launcher process name: {@code web}, {@code user-1}, {@code
   * relation-2}, ...
   */
  public int commandPort(String process) {
    if (process.equals("web")) {
      return settings.sentinelBase();
    }
    int dash = process.lastIndexOf('-');
    Topology.Provider provider = settings.topology().provider(process.substring(0, dash));
    return settings.sentinelPort(provider, Integer.parseInt(process.substring(dash + 1)));
  }

  /** Reads this stack's Consul as its operator (with the management token). */
  Consul consulClient() {
    return new Consul(this);
  }

  /** This stack's Sentinel rules, in Consul KV and on each process's command port. */
  SentinelRules sentinel() {
    return new SentinelRules(this);
  }

  /**
   * {@code ./vent up} (starts whatever is not running) and waits until every provider has all its
   * instances passing in Consul: what a test that stopped processes leaves behind.
   */
  public void heal() {
    Result up = vent(UP_WAIT, "up");
    if (up.exitCode() != 0) {
      throw new IllegalStateException(
          "./vent up failed (exit " + up.exitCode() + "):\n" + up.output());
    }
    consulClient().awaitAllPassing(INSTANCES, Duration.ofSeconds(60));
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

  /**
   * Keeps a process down for an outage: supervisord restarts whatever exits, so this asks it to
   * stop the program (SIGTERM to the copy it may have started meanwhile); {@link #heal()} starts it
   * again.
   *
   * @param name a process name, e.g. {@code redis-2}; its supervisord group is read from the
   *     generated {@code supervisord.conf}
   */
  public void keepDown(String name) {
    String group = supervisorGroup(name);
    try {
      Process ctl =
          new ProcessBuilder(
                  "supervisorctl",
                  "-c",
                  state.resolve("supervisord.conf").toString(),
                  "stop",
                  group + ":" + name)
              .redirectErrorStream(true)
              .start();
      String out = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ctl.waitFor(60, TimeUnit.SECONDS) || !out.contains("stopped")) {
        throw new IllegalStateException("supervisorctl stop " + group + ":" + name + ": " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String supervisorGroup(String name) {
    try {
      String group = null;
      for (String line : Files.readAllLines(state.resolve("supervisord.conf"))) {
        if (line.startsWith("[group:")) {
          group = line.substring("[group:".length(), line.length() - 1);
        } else if (group != null
            && line.startsWith("programs=")
            && List.of(line.substring("programs=".length()).split(",")).contains(name)) {
          return group;
        }
      }
      throw new IllegalStateException("no supervisord group has a program " + name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The running process the launcher started as {@code name}; fails if it is not running. */
  public ProcessHandle process(String name) {
    long pid = pid(name);
    return ProcessHandle.of(pid)
        .orElseThrow(() -> new AssertionError(name + " is not running (pid " + pid + ")"));
  }

  /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to process {@code pid}. */
  public static void signal(String signal, long pid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new AssertionError("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
        throw new IllegalStateException(
            "./vent "
                + String.join(" ", args)
                + " did not finish within "
                + timeout
                + "; output:\n"
                + Files.readString(out, StandardCharsets.UTF_8));
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
   * (docs/SECURITY.md, "Generated credentials"), e.g. {@code CONSUL_MASTER_TOKEN}, {@code
   * REDIS_PASSWORD_admin}, {@code CALLER_SECRET_web}.
   *
   * @throws IllegalStateException if the stack has no such credential
   */
  public String secret(String key) {
    return secrets().entrySet().stream()
        .filter(e -> e.getKey().equals(key))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no " + key + " in " + state.resolve("secrets.env")));
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

  /**
   * The launcher's settings of a test stack in {@code state} with every port moved by {@code
   * shift}.
   */
  /** The browser origin test stacks allow (CORS). */
  static final String CORS_ORIGIN = "http://localhost:5173";

  private static Map<String, String> baseEnv(Path state, int shift) {
    Map<String, String> env = new HashMap<>();
    env.put("VENT_STATE_DIR", state.toString());
    env.put("VENT_TOPOLOGY", TOPOLOGY);
    // Every port of the topology moves by the same shift; the launcher derives them all from it.
    env.put("VENT_PORT_SHIFT", String.valueOf(TEST_PORT_BASE_SHIFT + shift));
    env.put("VENT_CAPTCHA_TEST_ANSWER", CAPTCHA_ANSWER);
    env.put("VENT_ACCESS_LOG", "true");
    env.put("VENT_SKIP_BUILD", "1");
    env.put("VENT_START_TIMEOUT", String.valueOf(START_TIMEOUT.toSeconds()));
    // ImportIT imports the graph itself and checks what the first import creates.
    env.put("VENT_DEMO_GRAPH", "none");
    // Prometheus runs where a test reads it (the shared stack); the other stacks spare the cores.
    env.put("VENT_MONITORING", "off");
    // One harmless allowed origin (a local dev server's), so CorsIT can check a preflight on the
    // shared stack; no other test sends Origin.
    env.put("VENT_CORS_ALLOWED_ORIGINS", CORS_ORIGIN);
    return env;
  }

  /** Starts this stack from an empty state folder; {@code ./vent down} when the JVM ends. */
  private void up() {
    for (int port :
        new int[] {
          settings.httpPort(), settings.adminPort(), settings.consulPort(), settings.redisPort()
        }) {
      requireFree(port);
    }
    // A previous, killed test run may have left its state: start from empty data.
    vent(Duration.ofSeconds(90), "down");
    deleteRecursively(state);
    downOnExit = new Thread(() -> vent(Duration.ofSeconds(90), "down"), "vent-it-down");
    Runtime.getRuntime().addShutdownHook(downOnExit);
    long t0 = System.nanoTime();
    Result up = vent(UP_WAIT, "up");
    if (up.exitCode() != 0) {
      throw new IllegalStateException(
          "./vent up failed (exit " + up.exitCode() + "):\n" + up.output());
    }
    System.out.printf(
        "event=it_stack_up state=%s seconds=%.1f%n",
        state.getFileName(), (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The default rules protect a real deployment: per-IP limits, a strict login limit and an
   * adaptive system rule. The tests send everything from 127.0.0.1 and load 2 cores on purpose, so,
   * like an operator would, they replace those rules in Consul KV; the Sentinel tests then set the
   * rules they check. Breakers stay off unless a test sets one.
   */
  private void relaxRules() {
    SentinelRules rules = sentinel();
    for (String type : new String[] {"flow", "param-flow", "system", "degrade"}) {
      rules.put("vent-web", type, "[]");
    }
    for (String app :
        new String[] {
          "vent-provider-user",
          "vent-provider-relation",
          "vent-provider-auth",
          "vent-provider-captcha",
          "vent-provider-post"
        }) {
      rules.put(app, "system", "[]");
      rules.put(app, "degrade", "[]");
    }
    // KV changes reach every instance through its watch; wait until vent-web has none left.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!flowRulesOfWebEmpty(rules)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "vent-web still has flow rules after they were emptied in Consul KV");
      }
      SentinelRules.sleep(100);
    }
  }

  /** False also while vent-web's Sentinel command port is not listening yet (it opens lazily). */
  private static boolean flowRulesOfWebEmpty(SentinelRules rules) {
    try {
      return rules.rulesOn("web", "flow").strip().equals("[]");
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
      throw new IllegalStateException(
          "port " + port + " on 127.0.0.1 is in use; the end-to-end tests need it", e);
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
