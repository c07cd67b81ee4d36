package vent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A topology made concrete by the environment: ports after {@code VENT_PORT_SHIFT} and the single
 * {@code VENT_*_PORT} overrides, instance counts, folders, credentials settings and timeouts. Every
 * value is checked here, with an error that names the variable.
 */
public final class Settings {

  /** Five to nine JVMs share two cores: small fixed heaps and the serial collector. */
  static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx192m -XX:+UseSerialGC";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern DASHBOARD =
      Pattern.compile("[^\\s,]+:[0-9]{1,5}(,[^\\s,]+:[0-9]{1,5})*");
  private static final Pattern PROXIES = Pattern.compile("[0-9A-Fa-f:./, ]*");

  /** Characters of comma-separated origins; vent-web checks each origin at start-up. */
  private static final Pattern ORIGINS = Pattern.compile("[A-Za-z0-9.:/\\[\\], -]*");

  private static final Pattern SAMPLING = Pattern.compile("(0|1)(\\.[0-9]{1,6})?");

  final Topology topology;
  final Map<String, String> env;
  final Path root;
  final Path stateDir;
  final Path toolsDir;
  final int shift;
  final int httpPort;
  final int adminPort;
  final int consulPort;
  final int consulServerPort;
  final int consulSerfLanPort;
  final int consulSerfWanPort;
  final int redisPort;
  final int portOffset;
  final int sentinelBase;
  final boolean monitoring;
  final int prometheusPort;
  final String redisPassword;
  final String redisUsername;
  final String consulToken;
  final boolean generateSecrets;
  final String sentinelDashboard;
  final String sentinelEnabled;

  /** VENT_METRICS as set (on, off) or empty: the processes' default, on. */
  final String metricsEnabled;

  final String trustedProxies;

  /** VENT_CORS_ALLOWED_ORIGINS: browser origins vent-web allows (CORS); empty = CORS off. */
  final String corsAllowedOrigins;

  final Path rulesDir;
  final Path configDefaultsDir;
  final int startTimeout;
  final int stopTimeout;
  final String javaOpts;
  final boolean cds;
  final boolean onlyInfra;
  final long logMaxBytes;
  final int logBackups;

  /** {@code VENT_TRACING=on}: Zipkin runs and every Vent JVM gets the OpenTelemetry agent. */
  final boolean tracing;

  /** Zipkin's one port on 127.0.0.1 (UI, query API, span collector). */
  final int zipkinPort;

  /** Share of new traces recorded, 0 to 1, as the agent's sampler argument. */
  final String traceSampling;

  final Map<String, Integer> instances = new LinkedHashMap<>();

  /** The first port of each Redis deployment, by name. */
  final Map<String, Integer> redisBases = new LinkedHashMap<>();

  /**
   * @param env the environment, with a running stack's saved settings already laid over it
   * @throws IllegalArgumentException naming the variable that is wrong
   */
  Settings(Topology topology, Map<String, String> env, Path root) {
    this.topology = topology;
    this.env = env;
    this.root = root;
    stateDir = path("VENT_STATE_DIR", root.resolve(".state"));
    toolsDir = path("VENT_TOOLS_DIR", root.resolve(".tools"));
    shift = integer("VENT_PORT_SHIFT", 0, 0, 60000);
    httpPort = port("VENT_HTTP_PORT", topology.web().httpPort() + shift);
    adminPort = port("VENT_ADMIN_PORT", topology.web().adminPort() + shift);
    Topology.Consul c = topology.consul();
    consulPort = port("VENT_CONSUL_PORT", c.httpPort() + shift);
    // Consul's RPC and gossip ports move along with its HTTP port.
    int consulMove = consulPort - c.httpPort();
    consulServerPort = port("VENT_CONSUL_SERVER_PORT", c.serverPort() + consulMove);
    consulSerfLanPort = port("VENT_CONSUL_SERF_LAN_PORT", c.serfLanPort() + consulMove);
    consulSerfWanPort = port("VENT_CONSUL_SERF_WAN_PORT", c.serfWanPort() + consulMove);
    Topology.Deployment first = topology.redis().deployments().values().iterator().next();
    redisPort = port("VENT_REDIS_PORT", first.port() + shift);
    for (Map.Entry<String, Topology.Deployment> e : topology.redis().deployments().entrySet()) {
      Topology.Deployment d = e.getValue();
      int base = d == first ? redisPort : d.port() + shift;
      int last = base + (d.cluster() ? 10000 + d.nodes() - 1 : 0);
      check(
          last <= 65535,
          "redis.deployments."
              + e.getKey()
              + ": port "
              + base
              + " (after VENT_PORT_SHIFT/VENT_REDIS_PORT) puts a node or its cluster bus (port +"
              + " 10000) above 65535");
      redisBases.put(e.getKey(), base);
    }
    Topology.Consul c0 = topology.consul();
    if (c0.servers() > 0) {
      check(
          consulPort + c0.servers() * c0.serverPortStride() <= 65535,
          "VENT_CONSUL_PORT: the Consul servers' ports (+ k x consul.serverPortStride) pass 65535");
    }
    portOffset = integer("VENT_PORT_OFFSET", shift, 0, 40000 + shift);
    int lastOffset =
        topology.providers().stream().mapToInt(Topology.Provider::sentinelOffset).max().orElse(0);
    sentinelBase =
        integer(
            "VENT_SENTINEL_PORT_BASE",
            topology.sentinel().commandPortBase() + shift,
            1,
            65535 - lastOffset - topology.maxInstances());
    String monitor = get("VENT_MONITORING", "on");
    check(
        monitor.equals("on") || monitor.equals("off"),
        "VENT_MONITORING must be on or off (got '" + monitor + "')");
    // A topology without a monitoring section has no Prometheus to start.
    monitoring = monitor.equals("on") && topology.monitoring() != null;
    prometheusPort =
        topology.monitoring() == null
            ? 0
            : port("VENT_PROMETHEUS_PORT", topology.monitoring().port() + shift);

    String password = get("VENT_REDIS_PASSWORD", "");
    check(
        !password.matches("(?s).*[\"\\\\\n].*"),
        "VENT_REDIS_PASSWORD must not contain \", \\ or a line break (the YAML configs quote it)");
    String username = get("VENT_REDIS_USERNAME", "");
    if (!username.isEmpty()) {
      check(
          USERNAME.matcher(username).matches() && !username.equals("default"),
          "VENT_REDIS_USERNAME must be 1-64 letters, digits or ._- and not 'default' (got '"
              + username
              + "')");
      check(!password.isEmpty(), "VENT_REDIS_USERNAME needs VENT_REDIS_PASSWORD");
    }
    redisPassword = password;
    redisUsername = username;
    consulToken = get("VENT_CONSUL_TOKEN", "");
    check(
        consulToken.isEmpty() || TOKEN.matcher(consulToken).matches(),
        "VENT_CONSUL_TOKEN must be 1-128 letters, digits or ._- (a Consul SecretID is a UUID)");
    String secrets = get("VENT_SECRETS", "generate");
    check(
        secrets.equals("generate") || secrets.equals("none"),
        "VENT_SECRETS must be generate or none (got '" + secrets + "')");
    generateSecrets = secrets.equals("generate");
    sentinelDashboard = get("VENT_SENTINEL_DASHBOARD", "");
    check(
        sentinelDashboard.isEmpty() || DASHBOARD.matcher(sentinelDashboard).matches(),
        "VENT_SENTINEL_DASHBOARD must be host:port (got '" + sentinelDashboard + "')");
    metricsEnabled = get("VENT_METRICS", "");
    check(
        metricsEnabled.isEmpty() || metricsEnabled.equals("on") || metricsEnabled.equals("off"),
        "VENT_METRICS must be on or off (got '" + metricsEnabled + "')");
    sentinelEnabled = get("VENT_SENTINEL_ENABLED", "");
    check(
        sentinelEnabled.isEmpty()
            || sentinelEnabled.equals("true")
            || sentinelEnabled.equals("false"),
        "VENT_SENTINEL_ENABLED must be true or false (got '" + sentinelEnabled + "')");
    trustedProxies = get("VENT_TRUSTED_PROXIES", "");
    check(
        PROXIES.matcher(trustedProxies).matches(),
        "VENT_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR blocks (got '"
            + trustedProxies
            + "')");
    corsAllowedOrigins = get("VENT_CORS_ALLOWED_ORIGINS", "");
    check(
        ORIGINS.matcher(corsAllowedOrigins).matches(),
        "VENT_CORS_ALLOWED_ORIGINS must be comma-separated origins scheme://host[:port] (got '"
            + corsAllowedOrigins
            + "')");
    rulesDir = path("VENT_SENTINEL_RULES_DIR", root.resolve("sentinel-rules"));
    configDefaultsDir = path("VENT_CONFIG_DEFAULTS_DIR", root.resolve("consul-config"));
    startTimeout = integer("VENT_START_TIMEOUT", 120, 1, 86400);
    stopTimeout = integer("VENT_STOP_TIMEOUT", 30, 1, 3600);
    javaOpts = get("VENT_JAVA_OPTS", DEFAULT_JAVA_OPTS);
    String cdsValue = get("VENT_CDS", "true");
    check(
        cdsValue.equals("true") || cdsValue.equals("false"),
        "VENT_CDS must be true or false (got '" + cdsValue + "')");
    cds = cdsValue.equals("true");
    onlyInfra = get("VENT_ONLY_INFRA", "0").equals("1");
    logMaxBytes = integer("VENT_LOG_MAX_BYTES", 50 * 1024 * 1024, 1024, Integer.MAX_VALUE);
    logBackups = integer("VENT_LOG_BACKUPS", 5, 0, 100);
    String tracingValue = get("VENT_TRACING", "off");
    check(
        tracingValue.equals("on") || tracingValue.equals("off"),
        "VENT_TRACING must be on or off (got '" + tracingValue + "')");
    tracing = tracingValue.equals("on");
    zipkinPort = port("VENT_ZIPKIN_PORT", topology.tracing().zipkinPort() + shift);
    traceSampling = get("VENT_TRACE_SAMPLING", "0.01");
    check(
        SAMPLING.matcher(traceSampling).matches() && Double.parseDouble(traceSampling) <= 1.0,
        "VENT_TRACE_SAMPLING must be a number from 0 to 1, e.g. 0.01 (got '"
            + traceSampling
            + "')");
    int all =
        integer("VENT_INSTANCES", Math.max(1, topology.instances()), 1, topology.maxInstances());
    for (Topology.Provider p : topology.providers()) {
      instances.put(p.name(), integer(instancesVariable(p), all, 1, topology.maxInstances()));
    }
  }

  /**
   * The settings {@code ./vent} gives a stack started with {@code env} in the checkout {@code
   * root}: its topology file ({@code VENT_TOPOLOGY}, default {@code stack/local.yml}) with the
   * environment's ports and counts laid over it. For harnesses that start stacks through {@code
   * ./vent} and must find their ports without writing them again.
   *
   * @throws IllegalArgumentException the topology or a variable is invalid (the message names it)
   */
  public static Settings of(Map<String, String> env, Path root) {
    return new Settings(Topology.load(topologyFile(env, root)), env, root);
  }

  /**
   * The topology file {@code VENT_TOPOLOGY} names: a name ({@code local}, {@code cluster}) is
   * {@code stack/<name>.yml}; anything else a path from the checkout. Default {@code local}.
   */
  public static Path topologyFile(Map<String, String> env, Path root) {
    String v = env.getOrDefault("VENT_TOPOLOGY", "");
    if (v.isEmpty()) {
      v = "local";
    }
    return root.resolve(v.matches("[a-z][a-z0-9-]*") ? "stack/" + v + ".yml" : v);
  }

  /** The topology these settings come from. */
  public Topology topology() {
    return topology;
  }

  /** vent-web's HTTP port on 127.0.0.1. */
  public int httpPort() {
    return httpPort;
  }

  /** vent-web's admin port (health checks) on 127.0.0.1. */
  public int adminPort() {
    return adminPort;
  }

  /** Consul's HTTP API port on 127.0.0.1. */
  public int consulPort() {
    return consulPort;
  }

  /** The port on 127.0.0.1 of the first Redis deployment's (first) server. */
  public int redisPort() {
    return redisPort;
  }

  /** Prometheus's HTTP port on 127.0.0.1 (0 when the topology has no monitoring section). */
  public int prometheusPort() {
    return prometheusPort;
  }

  /** Whether the stack runs Prometheus (VENT_MONITORING, default on). */
  public boolean monitoring() {
    return monitoring;
  }

  /** Prometheus's data folder (owned state, under the state dir). */
  Path prometheusDataDir() {
    return stateDir.resolve(topology.monitoring().dataDir());
  }

  /** The Prometheus configuration {@code up} writes (mode 600: it holds a Consul token). */
  Path prometheusConfig() {
    return stateDir.resolve("prometheus.yml");
  }

  /** The Redis servers this stack runs, every deployment's. */
  public List<RedisNodes.Node> redisNodes() {
    return RedisNodes.of(this);
  }

  /** The Consul agents this stack runs: its servers, then the agent the processes talk to. */
  public List<ConsulAgents.Agent> consulAgents() {
    return ConsulAgents.of(this);
  }

  /** Zipkin's port on 127.0.0.1; it runs only with {@link #tracing()}. */
  public int zipkinPort() {
    return zipkinPort;
  }

  /** {@code VENT_TRACING=on}: Zipkin runs and every Vent JVM runs with the OpenTelemetry agent. */
  public boolean tracing() {
    return tracing;
  }

  /** vent-web's Sentinel command port; providers' ports are offsets from it. */
  public int sentinelBase() {
    return sentinelBase;
  }

  /** The variables a running stack keeps: while it runs, they win over the environment. */
  static List<String> savedVariables(Topology topology) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "VENT_TOPOLOGY",
                "VENT_PORT_SHIFT",
                "VENT_HTTP_PORT",
                "VENT_ADMIN_PORT",
                "VENT_CONSUL_PORT",
                "VENT_CONSUL_SERVER_PORT",
                "VENT_CONSUL_SERF_LAN_PORT",
                "VENT_CONSUL_SERF_WAN_PORT",
                "VENT_CONSUL_TOKEN",
                "VENT_REDIS_PORT",
                "VENT_REDIS_USERNAME",
                "VENT_REDIS_PASSWORD",
                "VENT_PORT_OFFSET",
                "VENT_SENTINEL_PORT_BASE",
                "VENT_SENTINEL_DASHBOARD",
                "VENT_SENTINEL_ENABLED",
                "VENT_METRICS",
                "VENT_TRUSTED_PROXIES",
                "VENT_CORS_ALLOWED_ORIGINS",
                "VENT_TRACING",
                "VENT_ZIPKIN_PORT",
                "VENT_TRACE_SAMPLING",
                "VENT_SECRETS",
                "VENT_MONITORING",
                "VENT_PROMETHEUS_PORT",
                "VENT_INSTANCES"));
    topology.providers().forEach(p -> keys.add(instancesVariable(p)));
    return keys;
  }

  static String instancesVariable(Topology.Provider p) {
    return "VENT_" + p.name().toUpperCase(Locale.ROOT) + "_INSTANCES";
  }

  Path runDir() {
    return stateDir.resolve("run");
  }

  Path logDir() {
    return stateDir.resolve("logs");
  }

  boolean metricsOn() {
    return !metricsEnabled.equals("off");
  }

  boolean sentinelOn() {
    return !sentinelEnabled.equals("false");
  }

  /** Triple port of instance {@code i} (1-based) of a provider. */
  public int triplePort(Topology.Provider p, int i) {
    return p.triplePort() + portOffset + i - 1;
  }

  /**
   * Metrics port ({@code GET /metrics}) of instance {@code i} (1-based) of a provider: moves with
   * {@code VENT_PORT_OFFSET} like its Triple port; 0 when the topology gives it none.
   */
  public int metricsPort(Topology.Provider p, int i) {
    return p.metricsPort() == 0 ? 0 : p.metricsPort() + portOffset + i - 1;
  }

  /** Sentinel command port of instance {@code i} of a provider. */
  public int sentinelPort(Topology.Provider p, int i) {
    return sentinelBase + p.sentinelOffset() + i - 1;
  }

  String get(String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  private Path path(String name, Path fallback) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? fallback : Path.of(v).toAbsolutePath().normalize();
  }

  private int port(String name, int fallback) {
    return integer(name, fallback, 1, 65535);
  }

  private int integer(String name, int fallback, int min, int max) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      check(
          fallback >= min && fallback <= max,
          name + " must be an integer from " + min + " to " + max + " (got " + fallback + ")");
      return fallback;
    }
    check(v.matches("[0-9]{1,10}"), name + " must be an integer (got '" + v + "')");
    long value = Long.parseLong(v);
    check(
        value >= min && value <= max,
        name + " must be an integer from " + min + " to " + max + " (got '" + v + "')");
    return (int) value;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
