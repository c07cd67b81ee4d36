package vent.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every command starts from: the topology, the settings (a running stack's saved ones winning
 * over the environment), its credentials, processes and supervisor.
 */
final class Context {

  static final String SAVED = "stack.env";

  final Path root;
  final Topology topology;
  final Settings settings;
  final Secrets secrets;
  final Supervisor supervisor;
  final Binaries binaries;
  final boolean running;

  private Context(Path root, Topology topology, Settings settings, boolean running) {
    this.root = root;
    this.topology = topology;
    this.settings = settings;
    this.secrets = Secrets.read(settings);
    this.supervisor = new Supervisor(settings);
    this.binaries = new Binaries(settings.env, settings.toolsDir);
    this.running = running;
  }

  /** The context of this state dir; {@code saved}: let a running stack's settings win. */
  static Context load(boolean saved) {
    Path root = Path.of(System.getProperty("vent.root", ".")).toAbsolutePath().normalize();
    Map<String, String> env = System.getenv();
    Topology topology;
    Settings fromEnv;
    try {
      topology = Topology.load(Settings.topologyFile(env, root));
      fromEnv = new Settings(topology, env, root);
    } catch (IllegalArgumentException e) {
      throw Out.die(e.getMessage());
    }
    boolean running = new Supervisor(fromEnv).running();
    if (!running) {
      return new Context(root, topology, fromEnv, false);
    }
    Map<String, String> kept = readSaved(fromEnv.runDir().resolve(SAVED));
    // Every command on a running stack (down and logs too) sees the topology it was started with.
    String keptTopology = kept.getOrDefault("VENT_TOPOLOGY", "");
    if (!keptTopology.equals(env.getOrDefault("VENT_TOPOLOGY", ""))) {
      Map<String, String> withKept = new HashMap<>(env);
      withKept.put("VENT_TOPOLOGY", keptTopology);
      try {
        topology = Topology.load(Settings.topologyFile(withKept, root));
        fromEnv = new Settings(topology, withKept, root);
      } catch (IllegalArgumentException e) {
        throw Out.die(e.getMessage());
      }
    }
    if (!saved) {
      return new Context(root, topology, fromEnv, true);
    }
    Map<String, String> merged = new HashMap<>(env);
    for (String key : Settings.savedVariables(topology)) {
      String now = env.getOrDefault(key, "");
      String then = kept.getOrDefault(key, "");
      if (!now.isEmpty() && !now.equals(then)) {
        String shown = key.contains("PASSWORD") || key.contains("TOKEN") ? "another value" : then;
        Out.warn(
            key
                + " ignored: the running stack in "
                + fromEnv.stateDir
                + " uses "
                + (then.isEmpty() ? "the default (not set)" : shown)
                + "; './vent down' first to change it");
      }
      if (then.isEmpty()) {
        merged.remove(key);
      } else {
        merged.put(key, then);
      }
    }
    return new Context(root, topology, new Settings(topology, merged, root), true);
  }

  /** Saves the settings a later command must see while this stack runs (mode 600). */
  void saveSettings() throws IOException {
    StringBuilder out = new StringBuilder("# the settings of the running stack (./vent up)\n");
    for (String key : Settings.savedVariables(topology)) {
      String v = settings.env.getOrDefault(key, "");
      if (!v.isEmpty()) {
        out.append(key).append('=').append(v.replace("\n", " ")).append('\n');
      }
    }
    StateFiles.write(settings.runDir().resolve(SAVED), out.toString());
  }

  private static Map<String, String> readSaved(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      // No saved settings: the environment's.
    }
    return out;
  }

  /** Settings and credentials without a Context (unit tests of the generated files). */
  record Fixture(Settings settings, Secrets secrets) {}

  /** The processes, to describe or check them. */
  Processes processes() {
    return new Processes(settings, secrets, binaries, false);
  }

  /** The processes with their start commands as {@code up} writes them. */
  Processes processesToStart() {
    return new Processes(settings, secrets, binaries, true);
  }

  /** Consul's HTTP API on the agent the processes talk to, with the management token. */
  ConsulApi consul() {
    return consul(settings.consulPort);
  }

  /** One Consul agent's HTTP API, with the management token. */
  ConsulApi consul(int httpPort) {
    return new ConsulApi(httpPort, secrets.launcherConsulToken(settings));
  }

  /** redis-cli on the first Redis server (following cluster redirections). */
  RedisCli redis() {
    return redis(settings.redisNodes().get(0));
  }

  /** redis-cli on one Redis server, as the launcher's user. */
  RedisCli redis(RedisNodes.Node node) {
    return new RedisCli(
        node.port(),
        node.spec().cluster(),
        secrets.adminRedisUser(settings),
        secrets.adminRedisPassword(settings));
  }

  /** How to call ./vent again for this stack (with its state dir when it is not the default). */
  String ventCmd() {
    String cmd =
        Path.of("").toAbsolutePath().equals(root) ? "./vent" : root.resolve("vent").toString();
    if (!settings.stateDir.equals(root.resolve(".state"))) {
      cmd = "VENT_STATE_DIR=" + settings.stateDir + " " + cmd;
    }
    return cmd + " ";
  }
}
