package vent.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code up}: start whatever of the stack is not running and wait until all of it is healthy. */
@Command(
    name = "up",
    description = "Build, start the stack under supervisord, seed Consul KV, wait, print the URLs.")
final class Up implements Callable<Integer> {

  /** {@code up} cannot go on; what was started is left running for inspection. */
  static final class StartFailed extends RuntimeException {
    StartFailed(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Context c = Context.load(true);
    Settings s = c.settings;
    checkStateDir(s);
    StateFiles.directory(s.stateDir);
    try (StateLock lock = StateLock.take(s)) {
      StateFiles.ownerOnlyTree(s.stateDir);
      c = Context.load(true);
      return up(c, started);
    } catch (StartFailed e) {
      if (e.getMessage() != null) {
        Out.error(e.getMessage());
      }
      System.err.printf(
          "vent: started processes are left running for inspection: %1$slogs [SERVICE], %1$sstatus;"
              + " stop them with %1$sdown%n",
          c.ventCmd());
      return 1;
    }
  }

  private int up(Context c, long started) throws Exception {
    Settings s = c.settings;
    Seeder seeder = new Seeder(c);
    List<ProcessSpec> expected = c.processes().all();
    Map<String, Supervisor.State> states = c.running ? c.supervisor.status() : Map.of();
    List<ProcessSpec> toStart =
        expected.stream()
            .filter(p -> !states.containsKey(p.name()) || !states.get(p.name()).up())
            .toList();
    Health health = new Health(c);
    if (toStart.isEmpty()) {
      Out.say("Vent is already running (state dir " + s.stateDir + ")");
      // A process supervisord just restarted may still be on its way up.
      health.await(deadline(s), expected);
      List<Path> rules = seeder.ruleFiles();
      seeder.seedRules(rules); // puts back the defaults of keys deleted since (a reset)
      seeder.seedConfig();
      if (s.monitoring) {
        new Prometheus(c).register(); // puts back a registration deleted since
      }
      new Summary(c).print();
      return 0;
    }
    if (!s.get("VENT_CAPTCHA_TEST_ANSWER", "").isEmpty()) {
      Out.warn(
          "VENT_CAPTCHA_TEST_ANSWER is set: every captcha's answer is that value (automated tests"
              + " only, never in production)");
    }
    long buildMs = 0;
    if (s.onlyInfra) {
      Out.say(
          "VENT_ONLY_INFRA=1: starting Consul and Redis only (no build, no providers, no vent-web)");
    } else if (!s.get("VENT_SKIP_BUILD", "0").equals("1")) {
      boolean javaRunning =
          expected.stream()
              .anyMatch(
                  p -> p.isJava() && states.containsKey(p.name()) && states.get(p.name()).up());
      if (javaRunning) {
        Out.say("some Vent JVMs are running: not rebuilding (./vent down first to rebuild)");
      } else {
        buildMs = build(c);
      }
    }
    if (!s.onlyInfra) {
      checkJars(c);
    }
    List<Path> rules = seeder.ruleFiles();
    checkPorts(toStart);

    StateFiles.directory(s.runDir());
    StateFiles.directory(s.logDir());
    if (Secrets.ensure(s)) {
      Out.say(
          "generated credentials for this state dir (Redis ACL users, Consul ACL tokens, caller"
              + " secrets) in "
              + s.stateDir.resolve(Secrets.FILE)
              + " (mode 600; VENT_SECRETS=none opts out)");
    }
    // Reloaded: the credentials exist now.
    c = Context.load(true);
    s = c.settings;
    c.saveSettings();
    health = new Health(c);
    seeder = new Seeder(c);
    long launch = System.nanoTime();
    long deadline = launch + TimeUnit.SECONDS.toNanos(s.startTimeout);

    List<ProcessSpec> all = c.processesToStart().all();
    for (ProcessSpec p : all) {
      if (p.sentinelPort() > 0 || p.isJava()) {
        StateFiles.directory(s.logDir().resolve("sentinel").resolve(p.name()));
      }
    }
    writeInfraConfigs(c, toStart);
    SupervisorConf conf = new SupervisorConf(s, all, secretValues(c));
    if (!c.running) {
      StateFiles.write(c.supervisor.conf(), conf.render());
      c.supervisor.start(conf.secretEnvironment());
    } else if (!states.keySet().containsAll(names(all))) {
      // Started with VENT_ONLY_INFRA=1: add the programs the running supervisord does not know.
      StateFiles.write(c.supervisor.conf(), conf.render());
      c.supervisor.ctl(60, "update");
    }

    List<ProcessSpec> infra =
        all.stream()
            .filter(p -> p.group().equals(Processes.CONSUL) || p.group().equals(Processes.REDIS))
            .toList();
    // Zipkin (VENT_TRACING=on) starts with them but is waited for with the providers: it takes
    // seconds longer than Consul and Redis, and nothing before the providers needs it.
    List<ProcessSpec> zipkin = all.stream().filter(p -> p.group().equals(Tracing.GROUP)).toList();
    startAndSay(c, toStart, infra);
    startAndSay(c, toStart, zipkin);
    health.await(deadline, infra);
    new RedisClusters(c).ensure(deadline);
    Out.say(
        "Consul (leader elected) and Redis (PONG"
            + (s.redisNodes().size() > 1 ? ", every cluster slot served" : "")
            + ") ready after "
            + Out.seconds(millisSince(launch))
            + " s");
    new ConsulAcl(c).ensure();
    Tracing.register(c);
    // Before any Java process: each loads its rules and configuration from Consul KV when it
    // starts.
    seeder.seedRules(rules);
    seeder.seedConfig();
    if (s.monitoring) {
      // Before the providers: it sees every process from its first registration on.
      List<ProcessSpec> monitoring =
          all.stream().filter(p -> p.group().equals(Prometheus.GROUP)).toList();
      startAndSay(c, toStart, monitoring);
      health.await(deadline, monitoring);
      new Prometheus(c).register();
      Out.say(
          "Prometheus ready on 127.0.0.1:"
              + s.prometheusPort
              + " and registered in Consul after "
              + Out.seconds(millisSince(launch))
              + " s");
    }

    if (!s.onlyInfra) {
      List<ProcessSpec> providers =
          all.stream().filter(p -> p.group().equals(Processes.PROVIDERS)).toList();
      startAndSay(c, toStart, providers);
      Out.say(
          "waiting for "
              + providers.size()
              + " provider instance(s) to pass their Consul checks ...");
      List<ProcessSpec> awaited = new ArrayList<>(providers);
      awaited.addAll(zipkin);
      health.await(deadline, awaited);
      Out.say("providers passing after " + Out.seconds(millisSince(launch)) + " s");
      // vent-web starts after the providers so that its references find them at once.
      List<ProcessSpec> web = all.subList(all.size() - 1, all.size());
      startAndSay(c, toStart, web);
      health.await(deadline, web);
    } else {
      health.await(deadline, zipkin);
    }
    System.out.println();
    Out.say(
        "Vent is up: "
            + Out.seconds(millisSince(started))
            + " s in all (build "
            + Out.seconds(buildMs)
            + " s, start "
            + Out.seconds(millisSince(launch))
            + " s)");
    if (!s.onlyInfra) {
      importDemoGraph(c);
    }
    new Summary(c).print();
    return 0;
  }

  /** The configuration files of the Consul agents, Redis servers and Prometheus about to start. */
  private static void writeInfraConfigs(Context c, List<ProcessSpec> toStart) throws IOException {
    Settings s = c.settings;
    List<String> names = names(toStart);
    for (ConsulAgents.Agent a : s.consulAgents()) {
      if (names.contains(a.name())) {
        StateFiles.directory(s.stateDir.resolve(c.topology.consul().dataDir()));
        StateFiles.directory(a.dataDir(s));
        StateFiles.write(a.config(s), ConfigFiles.consulJson(a, c.secrets.launcherConsulToken(s)));
      }
    }
    for (RedisNodes.Node n : s.redisNodes()) {
      if (names.contains(n.name())) {
        StateFiles.directory(s.stateDir.resolve(c.topology.redis().dataDir()));
        StateFiles.directory(n.dataDir(s));
        StateFiles.write(n.conf(s), ConfigFiles.redisConf(s, c.secrets, n));
      }
    }
    if (names.contains(Prometheus.NAME)) {
      StateFiles.directory(s.prometheusDataDir());
      StateFiles.write(s.prometheusConfig(), Prometheus.config(s, c.secrets.processConsulToken(s)));
    }
  }

  /** Starts those of {@code group} that are in {@code toStart} (a group at once, in parallel). */
  private static void startAndSay(Context c, List<ProcessSpec> toStart, List<ProcessSpec> group)
      throws InterruptedException {
    List<String> names = names(toStart);
    List<ProcessSpec> mine = group.stream().filter(p -> names.contains(p.name())).toList();
    if (mine.isEmpty()) {
      return;
    }
    c.supervisor.startPrograms(mine);
    Map<String, Supervisor.State> states = c.supervisor.status();
    for (ProcessSpec p : mine) {
      Supervisor.State st = states.get(p.name());
      Out.say(
          "started "
              + p.name()
              + " (pid "
              + (st == null ? "?" : st.pid())
              + ", log "
              + Seeder.relative(c.settings.logDir().resolve(p.name() + ".log"))
              + ")");
    }
  }

  private static List<String> secretValues(Context c) {
    List<String> out = new ArrayList<>();
    Settings s = c.settings;
    out.add(s.redisPassword);
    out.add(s.consulToken);
    if (c.secrets.redis || c.secrets.consul || c.secrets.callers) {
      for (String key : Secrets.redisKeys(c.topology)) {
        out.add(c.secrets.get("REDIS_PASSWORD_" + key));
      }
      out.add(c.secrets.get("CONSUL_VENT_TOKEN"));
      for (String key : Secrets.callerKeys(c.topology)) {
        out.add(c.secrets.get("CALLER_SECRET_" + key));
      }
      out.add(c.secrets.callerSecrets(c.topology));
    }
    return out;
  }

  private static long build(Context c) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Out.say(
        "building: mvn -B -q -DskipTests package (the first build downloads dependencies:"
            + " minutes)");
    Process p =
        new ProcessBuilder("/bin/sh", "-c", "umask 022 && exec mvn -B -q -DskipTests package")
            .directory(c.root.toFile())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw Out.die(
          "the build failed (Maven output above); fix it, or start existing jars with"
              + " VENT_SKIP_BUILD=1");
    }
    long ms = millisSince(t0);
    Out.say("built in " + Out.seconds(ms) + " s");
    return ms;
  }

  private static void checkJars(Context c) {
    List<String> missing = new ArrayList<>();
    List<String> jars = new ArrayList<>();
    c.topology.providers().forEach(p -> jars.add(p.jar()));
    jars.add(c.topology.web().jar());
    for (String jar : jars) {
      if (!Files.isRegularFile(c.root.resolve(jar))) {
        missing.add(jar);
      }
    }
    if (c.settings.tracing) {
      missing.addAll(Tracing.missingJars(c.settings));
    }
    if (!missing.isEmpty()) {
      throw Out.die(
          "missing jar(s): "
              + String.join(" ", missing)
              + " - build them ('./vent up' without VENT_SKIP_BUILD=1, or mvn -B -DskipTests"
              + " package); VENT_ONLY_INFRA=1 starts Consul and Redis only");
    }
  }

  /** Every port about to be used must be free on 127.0.0.1 before anything starts. */
  private static void checkPorts(List<ProcessSpec> toStart) {
    List<String> busy = new ArrayList<>();
    boolean redisBusy = false;
    for (ProcessSpec p : toStart) {
      List<Integer> ports = new ArrayList<>(p.ports());
      if (p.sentinelPort() > 0) {
        ports.add(p.sentinelPort());
      }
      for (int port : ports) {
        if (!free(port)) {
          busy.add(port + " (" + p.name() + ")");
          redisBusy |= p.group().equals(Processes.REDIS);
        }
      }
    }
    if (busy.isEmpty()) {
      return;
    }
    System.err.println(
        "vent: error: port(s) already in use on 127.0.0.1: "
            + String.join(" ", busy)
            + "\n  another program (or another Vent stack with a different VENT_STATE_DIR) holds"
            + " them;\n  stop it or choose other ports (VENT_PORT_SHIFT, VENT_HTTP_PORT,"
            + " VENT_ADMIN_PORT, VENT_CONSUL_PORT,\n  VENT_REDIS_PORT, VENT_PORT_OFFSET,"
            + " VENT_SENTINEL_PORT_BASE: see ./vent help).");
    if (redisBusy) {
      System.err.println(
          "  For Redis: the Debian redis-server service may be running (systemctl disable --now"
              + " redis-server).");
    }
    throw new Out.Failure(null);
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  /** up makes the state dir owner-only, so it must be Vent's own: new, empty or a Vent stack. */
  private static void checkStateDir(Settings s) throws IOException {
    Path dir = s.stateDir;
    if (!Files.isDirectory(dir)) {
      return;
    }
    boolean empty;
    try (var list = Files.list(dir)) {
      empty = list.findAny().isEmpty();
    }
    if (!empty
        && !Files.isDirectory(dir.resolve("run"))
        && !Files.isDirectory(dir.resolve("logs"))
        && !Files.exists(dir.resolve(Secrets.FILE))) {
      throw Out.die(
          "VENT_STATE_DIR="
              + dir
              + " is not empty and holds no Vent stack (no run/, logs/ or secrets.env); up makes"
              + " it owner-only, so give it a folder of its own");
    }
  }

  /**
   * The first {@code up} of a state dir loads the demo graph (VENT_DEMO_GRAPH, default wiki-Vote);
   * {@code none} skips it. The import is idempotent; the marker only saves its seconds later.
   */
  private static void importDemoGraph(Context c) throws Exception {
    String graph = c.settings.get("VENT_DEMO_GRAPH", "docs/datasets/wiki-Vote.txt");
    Path marker = c.settings.stateDir.resolve("demo-graph.imported");
    if (graph.equals("none") || Files.exists(marker)) {
      return;
    }
    Path file = c.root.resolve(graph);
    Out.say(
        "first start of this state dir: importing the demo graph "
            + file
            + " (VENT_DEMO_GRAPH=none skips it)");
    if (Import.run(c, file) == 0) {
      StateFiles.write(marker, file + "\n");
    } else {
      Out.warn(
          "the demo graph import failed; the stack runs without it ("
              + c.ventCmd()
              + "import FILE retries)");
    }
  }

  private static List<String> names(List<ProcessSpec> processes) {
    return processes.stream().map(ProcessSpec::name).toList();
  }

  private static long deadline(Settings s) {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(s.startTimeout);
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  static String policyBody(Context c) throws IOException {
    String path = c.topology.consul().aclPolicy();
    ObjectNode body = ConsulApi.JSON.createObjectNode();
    body.put("Name", "vent");
    body.put("Description", "Vent processes (" + path + ")");
    body.put("Rules", Files.readString(c.root.resolve(path), StandardCharsets.UTF_8));
    return body.toString();
  }
}
