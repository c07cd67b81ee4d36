package vent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The processes of a stack, in start order, with their commands and environments. */
final class Processes {

  static final String CONSUL = "consul";
  static final String REDIS = "redis";
  static final String PROVIDERS = "providers";

  private final Settings s;
  private final Secrets secrets;
  private final Binaries bin;
  private final boolean starting;

  /**
   * @param starting true for {@code up}: class-data sharing archives are then put into use (which
   *     renames and deletes files); other commands only describe the processes
   */
  Processes(Settings s, Secrets secrets, Binaries bin, boolean starting) {
    this.s = s;
    this.secrets = secrets;
    this.bin = bin;
    this.starting = starting;
  }

  /** Every process this configuration runs, in start order. */
  List<ProcessSpec> all() {
    List<ProcessSpec> out = new ArrayList<>(infra());
    if (s.onlyInfra) {
      return out;
    }
    for (Topology.Provider p : s.topology.providers()) {
      for (int i = 1; i <= s.instances.get(p.name()); i++) {
        out.add(provider(p, i));
      }
    }
    out.add(web());
    return out;
  }

  /**
   * The Consul agents (servers first), the Redis servers, then Prometheus when monitored and Zipkin
   * with VENT_TRACING=on.
   */
  List<ProcessSpec> infra() {
    List<ProcessSpec> out = new ArrayList<>();
    s.consulAgents().forEach(a -> out.add(consul(a)));
    s.redisNodes().forEach(n -> out.add(redis(n)));
    if (s.monitoring) {
      // Only a start needs the binary: down and status must work without it.
      out.add(Prometheus.process(s, starting ? bin.prometheus() : Prometheus.NAME));
    }
    if (s.tracing) {
      out.add(Tracing.zipkin(s, bin.java()));
    }
    return out;
  }

  ProcessSpec consul(ConsulAgents.Agent a) {
    List<String> cmd = new ArrayList<>(List.of(bin.consul(), "agent"));
    if (a.server()) {
      cmd.addAll(List.of("-server", "-bootstrap-expect=" + a.bootstrapExpect()));
    }
    for (int port : a.joins()) {
      cmd.add("-retry-join=127.0.0.1:" + port);
    }
    cmd.addAll(
        List.of(
            "-data-dir",
            a.dataDir(s).toString(),
            "-bind",
            "127.0.0.1",
            "-client",
            "127.0.0.1",
            "-advertise",
            "127.0.0.1"));
    if (a.name().equals(CONSUL)) {
      cmd.add("-ui");
    }
    cmd.addAll(List.of("-node", a.node(s), "-config-file", a.config(s).toString()));
    return new ProcessSpec(a.name(), CONSUL, cmd, Map.of(), List.of(), a.ports(), 0, null, 0);
  }

  ProcessSpec redis(RedisNodes.Node n) {
    return new ProcessSpec(
        n.name(),
        REDIS,
        List.of(bin.redisServer(), n.conf(s).toString()),
        Map.of(),
        List.of(),
        n.ports(),
        0,
        null,
        0);
  }

  ProcessSpec provider(Topology.Provider p, int i) {
    String name = p.name() + "-" + i;
    Map<String, String> env = common(p.name(), p.redisUser(), p.redisDeployment());
    List<String> unset = new ArrayList<>();
    if (secrets.callers) {
      env.put("VENT_CALLER_SECRET", secrets.get("CALLER_SECRET_" + p.name()));
      // Every provider knows every application's caller secret; its methods' allowed_callers
      // options decide which of them may call what.
      env.put("VENT_CALLER_SECRETS", secrets.callerSecrets(s.topology));
    } else {
      unset.addAll(List.of("VENT_CALLER_SECRET", "VENT_CALLER_SECRETS"));
    }
    env.put("VENT_PORT", String.valueOf(s.triplePort(p, i)));
    // The instance label of its metrics and part of their Consul id: the process name, as
    // elsewhere.
    env.put("VENT_INSTANCE", p.name() + "-" + i);
    metrics(s.metricsPort(p, i), env, unset);
    env.put("VENT_WARMUP_MS", s.get("VENT_WARMUP_MS", "0"));
    String drain = s.get("VENT_DRAIN_MS", "");
    if (!drain.isEmpty()) {
      env.put("VENT_DRAIN_MS", drain);
    }
    sentinel(name, s.sentinelPort(p, i), env, unset);
    if (!p.testAnswer()) {
      unset.add("VENT_CAPTCHA_TEST_ANSWER");
    }
    List<String> cmd = java(name, p.jar(), i == 1);
    traced(p.application(), cmd, env);
    cmd.add("-jar");
    cmd.add(s.root.resolve(p.jar()).toString());
    List<Integer> ports = new ArrayList<>(List.of(s.triplePort(p, i)));
    if (s.metricsPort(p, i) > 0 && s.metricsOn()) {
      ports.add(s.metricsPort(p, i));
    }
    return new ProcessSpec(
        name,
        PROVIDERS,
        cmd,
        env,
        unset,
        List.copyOf(ports),
        s.sentinelOn() ? s.sentinelPort(p, i) : 0,
        p,
        i);
  }

  ProcessSpec web() {
    Topology.Web w = s.topology.web();
    Map<String, String> env = webEnv();
    List<String> unset = new ArrayList<>(List.of("VENT_CAPTCHA_TEST_ANSWER"));
    if (!secrets.callers) {
      unset.addAll(List.of("VENT_CALLER_SECRET", "VENT_CALLER_SECRETS"));
    }
    sentinel(w.name(), s.sentinelBase, env, unset);
    List<String> cmd = java(w.name(), w.jar(), true);
    traced(w.application(), cmd, env);
    cmd.addAll(List.of("-jar", s.root.resolve(w.jar()).toString(), "server"));
    cmd.add(s.root.resolve(w.config()).toString());
    return new ProcessSpec(
        w.name(),
        w.name(),
        cmd,
        env,
        unset,
        List.of(s.httpPort, s.adminPort),
        s.sentinelOn() ? s.sentinelBase : 0,
        null,
        0);
  }

  /** vent-web's environment without Sentinel: also what {@code import} runs with. */
  Map<String, String> webEnv() {
    Topology.Web w = s.topology.web();
    Map<String, String> env = common(w.name(), w.redisUser(), w.redisDeployment());
    if (secrets.callers) {
      env.put("VENT_CALLER_SECRET", secrets.get("CALLER_SECRET_" + w.name()));
    }
    env.put("VENT_HTTP_PORT", String.valueOf(s.httpPort));
    env.put("VENT_ADMIN_PORT", String.valueOf(s.adminPort));
    // Required by the configuration even where Sentinel is off (import).
    env.put("VENT_SENTINEL_PORT", String.valueOf(s.sentinelBase));
    env.put("VENT_BIND_HOST", "127.0.0.1");
    env.put("VENT_TRUSTED_PROXIES", s.trustedProxies);
    env.put("VENT_CORS_ALLOWED_ORIGINS", s.corsAllowedOrigins);
    return env;
  }

  /** JVM options and the class-data sharing archive of a Java process. */
  List<String> java(String name, String jar, boolean archiveWriter) {
    List<String> cmd = new ArrayList<>(List.of(bin.java()));
    cmd.addAll(bin.javaOpts(s));
    // The agent rewrites classes as they load and joins the class path: an archive made without
    // it does not match, and one made with it would hold rewritten classes.
    if (s.cds && !s.tracing && starting) {
      cmd.addAll(Cds.options(s.root.resolve(jar), archiveWriter, bin.java()));
    }
    cmd.add("-Dvent.process=" + name);
    return cmd;
  }

  /**
   * With VENT_TRACING=on: the OpenTelemetry agent and its settings, named after the application.
   */
  private void traced(String application, List<String> cmd, Map<String, String> env) {
    if (s.tracing) {
      cmd.add(Tracing.agentOption(s));
      env.putAll(Tracing.agentEnv(s, application));
    }
  }

  /**
   * Shared by providers and vent-web: loopback only, Consul and its KV prefixes, its Redis
   * deployment as its own ACL user, the event shard count. The processes' configurations have no
   * default for the ports and prefixes: these variables, from the topology, are their one source.
   */
  private Map<String, String> common(String key, String redisUser, String redisDeployment) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VENT_CONSUL_HOST", "127.0.0.1");
    env.put("VENT_CONSUL_PORT", String.valueOf(s.consulPort));
    env.put("VENT_SENTINEL_KV_PREFIX", s.topology.kv().sentinelRules());
    env.put("VENT_CONFIG_KV_PREFIX", s.topology.kv().config());
    env.put("VENT_CONSUL_TOKEN", secrets.processConsulToken(s));
    String deployment = s.topology.deploymentOf(redisDeployment);
    env.put("VENT_REDIS_MODE", RedisNodes.mode(s, deployment));
    env.put("VENT_REDIS_ADDRESSES", RedisNodes.addresses(s, deployment));
    env.put("VENT_REDIS_SENTINEL_MASTER", "");
    env.put("VENT_EVENT_SHARDS", String.valueOf(s.topology.events().shards()));
    if (secrets.redis) {
      env.put("VENT_REDIS_USERNAME", redisUser);
      env.put("VENT_REDIS_PASSWORD", secrets.get("REDIS_PASSWORD_" + key));
    } else {
      env.put("VENT_REDIS_USERNAME", s.redisUsername);
      env.put("VENT_REDIS_PASSWORD", s.redisPassword);
    }
    env.put("VENT_LOOPBACK_ONLY", "true");
    // glibc's default of 8 malloc arenas per core only grows a JVM's RSS; two is usual for JVMs.
    env.put("MALLOC_ARENA_MAX", s.get("MALLOC_ARENA_MAX", "2"));
    return env;
  }

  /**
   * Metrics of a provider: its port ({@code VENT_METRICS_PORT}, none when the topology gives it
   * none), and the switch {@code VENT_METRICS} passed on from the launcher's environment only when
   * set (the process's default is on).
   */
  private void metrics(int port, Map<String, String> env, List<String> unset) {
    if (port > 0) {
      env.put("VENT_METRICS_PORT", String.valueOf(port));
    } else {
      unset.add("VENT_METRICS_PORT");
    }
    if (s.metricsEnabled.isEmpty()) {
      unset.add("VENT_METRICS");
    } else {
      env.put("VENT_METRICS", s.metricsEnabled);
    }
  }

  /**
   * Sentinel settings of a long-running process: its command port and log directory; the dashboard
   * and the on/off switch only when set (unset ones leave the config defaults).
   */
  private void sentinel(String name, int port, Map<String, String> env, List<String> unset) {
    // Per process: two instances of one application must not share metric logs.
    Path dir = s.logDir().resolve("sentinel").resolve(name);
    env.put("VENT_SENTINEL_PORT", String.valueOf(port));
    env.put("VENT_SENTINEL_LOG_DIR", dir.toString());
    if (s.sentinelDashboard.isEmpty()) {
      unset.add("VENT_SENTINEL_DASHBOARD");
    } else {
      env.put("VENT_SENTINEL_DASHBOARD", s.sentinelDashboard);
    }
    if (s.sentinelEnabled.isEmpty()) {
      unset.add("VENT_SENTINEL_ENABLED");
    } else {
      env.put("VENT_SENTINEL_ENABLED", s.sentinelEnabled);
    }
  }
}
