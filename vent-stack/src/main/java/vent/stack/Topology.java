package vent.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack's topology as declared in {@code stack/<name>.yml}: its processes, their base ports,
 * Consul services, Consul KV prefixes and the state each owns. Ports here are bases; {@link
 * Settings} applies the environment's shift and overrides.
 */
public record Topology(
    Kv kv,
    Consul consul,
    Redis redis,
    Sentinel sentinel,
    int maxInstances,
    int instances,
    List<Provider> providers,
    Web web,
    Events events,
    List<String> eventStreams,
    Monitoring monitoring,
    Tracing tracing) {

  /** Consul KV prefixes (no trailing slash). */
  public record Kv(String sentinelRules, String config) {}

  /**
   * Consul. Without {@code servers} the agent at these ports is the one server; with {@code
   * servers: N} it is a client agent (the one every process talks to, as each host would have) and
   * N servers run at these ports plus k times {@code serverPortStride} (k = 1..N).
   */
  public record Consul(
      int httpPort,
      int serverPort,
      int serfLanPort,
      int serfWanPort,
      String node,
      String dataDir,
      String aclPolicy,
      int servers,
      int serverPortStride) {}

  /**
   * Redis: its deployments, their data folder and the ACL users' rules every node holds. {@code
   * replicaUser} (replicated deployments) is the user replicas authenticate to their primary with.
   */
  public record Redis(
      String dataDir,
      String adminUser,
      String adminAcl,
      String replicaUser,
      String replicaAcl,
      Map<String, String> aclSets,
      Map<String, Deployment> deployments) {}

  /**
   * One Redis deployment the launcher runs: {@code single} (one server at {@code port}) or {@code
   * cluster} ({@code nodes} servers at port, port+1, ..., with {@code replicas} replicas per
   * primary and their cluster bus at port+10000).
   */
  public record Deployment(String mode, int port, int nodes, int replicas, int nodeTimeoutMs) {
    boolean cluster() {
      return "cluster".equals(mode);
    }
  }

  /**
   * The Prometheus server the launcher runs (VENT_MONITORING): its HTTP port on 127.0.0.1, its data
   * folder under the state dir and how long it keeps samples (a Prometheus duration, e.g. {@code
   * 2d}). Absent: the stack runs without monitoring.
   */
  public record Monitoring(int port, String dataDir, String retention) {}

  /**
   * Distributed tracing, used only with {@code VENT_TRACING=on}: the port of the Zipkin server the
   * launcher then runs on 127.0.0.1 (its UI, query API and span collector share it).
   */
  public record Tracing(int zipkinPort) {}

  /** Domain event streams: how many shards each has. */
  public record Events(int shards) {}

  /** Sentinel command ports and the rule types stored in Consul KV. */
  public record Sentinel(int commandPortBase, List<String> ruleTypes) {}

  /** One provider application, started in as many instances as the settings ask. */
  public record Provider(
      String name,
      String application,
      String service,
      String jar,
      int triplePort,
      int metricsPort,
      int sentinelOffset,
      String redisUser,
      String redisAcl,
      String redisDeployment,
      boolean testAnswer) {}

  /** vent-web. */
  public record Web(
      String name,
      String application,
      String jar,
      String config,
      int httpPort,
      int adminPort,
      String redisUser,
      String redisAcl,
      String redisDeployment) {}

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");
  private static final Pattern SET_REF = Pattern.compile("\\{([A-Za-z]+)\\}");

  /**
   * Reads and validates a topology file.
   *
   * @throws IllegalArgumentException naming the file and every problem found
   */
  public static Topology load(Path file) {
    // A missing number reads as 0 and fails the checks below with the field's name.
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    Topology topology;
    try {
      topology = yaml.readValue(file.toFile(), Topology.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    List<String> problems = topology.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
    }
    return topology;
  }

  /** Every rule this topology breaks, as sentences; empty when it is valid. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (kv == null
        || consul == null
        || redis == null
        || sentinel == null
        || web == null
        || events == null
        || tracing == null) {
      out.add("kv, consul, redis, sentinel, web, events and tracing are required");
      return out;
    }
    if (providers == null || providers.isEmpty()) {
      out.add("providers: at least one is required");
      return out;
    }
    requireText(out, "kv.sentinelRules", kv.sentinelRules());
    requireText(out, "kv.config", kv.config());
    if (kv.sentinelRules() != null && kv.sentinelRules().endsWith("/")) {
      out.add("kv.sentinelRules must not end with /");
    }
    port(out, "consul.httpPort", consul.httpPort());
    port(out, "consul.serverPort", consul.serverPort());
    port(out, "consul.serfLanPort", consul.serfLanPort());
    port(out, "consul.serfWanPort", consul.serfWanPort());
    requireText(out, "consul.dataDir", consul.dataDir());
    requireText(out, "consul.node", consul.node());
    if (consul.servers() < 0
        || consul.servers() > 9
        || consul.servers() % 2 == 0 && consul.servers() > 0) {
      out.add(
          "consul.servers must be absent or an odd number up to 9 (got " + consul.servers() + ")");
    } else if (consul.servers() > 0 && consul.serverPortStride() < 4) {
      out.add("consul.serverPortStride must be at least 4 with consul.servers");
    }
    if (events.shards() < 1) {
      out.add("events.shards must be at least 1 (got " + events.shards() + ")");
    }
    deploymentProblems(out);
    requireText(out, "redis.dataDir", redis.dataDir());
    requireText(out, "redis.adminUser", redis.adminUser());
    port(out, "sentinel.commandPortBase", sentinel.commandPortBase());
    if (sentinel.ruleTypes() == null || sentinel.ruleTypes().isEmpty()) {
      out.add("sentinel.ruleTypes: at least one is required");
    }
    if (instances < 0 || instances > maxInstances) {
      out.add("instances must be 1 to maxInstances (got " + instances + ")");
    }
    if (redis.aclSets() != null) {
      redis.aclSets().forEach((k, v) -> unknownSets(out, "redis.aclSets." + k, v));
    }
    if (maxInstances < 1 || maxInstances > 100) {
      out.add("maxInstances must be 1 to 100 (got " + maxInstances + ")");
    }
    port(out, "tracing.zipkinPort", tracing.zipkinPort());
    port(out, "web.httpPort", web.httpPort());
    port(out, "web.adminPort", web.adminPort());
    requireText(out, "web.jar", web.jar());
    requireText(out, "web.config", web.config());
    Set<String> names = new HashSet<>(Set.of("consul", "redis", String.valueOf(web.name())));
    Set<String> services = new HashSet<>();
    Set<Integer> offsets = new HashSet<>();
    List<Provider> sorted = new ArrayList<>(providers);
    sorted.sort((a, b) -> Integer.compare(a.triplePort(), b.triplePort()));
    for (int i = 0; i < sorted.size(); i++) {
      Provider p = sorted.get(i);
      String where = "providers." + p.name();
      if (p.name() == null || !NAME.matcher(p.name()).matches()) {
        out.add("providers: name must be lower-case letters and digits (got " + p.name() + ")");
      } else if (!names.add(p.name())) {
        out.add(where + ": the name is used twice");
      }
      requireText(out, where + ".application", p.application());
      requireText(out, where + ".service", p.service());
      requireText(out, where + ".jar", p.jar());
      requireText(out, where + ".redisUser", p.redisUser());
      if (p.service() != null && !services.add(p.service())) {
        out.add(where + ": Consul service " + p.service() + " is used twice");
      }
      port(out, where + ".triplePort", p.triplePort());
      if (i + 1 < sorted.size() && sorted.get(i + 1).triplePort() - p.triplePort() < maxInstances) {
        out.add(
            where
                + ".triplePort: the next provider's base is less than maxInstances ("
                + maxInstances
                + ") above it");
      }
      if (p.metricsPort() != 0) {
        port(out, where + ".metricsPort", p.metricsPort());
      }
      if (!offsets.add(p.sentinelOffset()) || p.sentinelOffset() < 1) {
        out.add(where + ".sentinelOffset must be positive and unique");
      }
      unknownSets(out, where + ".redisAcl", p.redisAcl());
    }
    unknownSets(out, "web.redisAcl", web.redisAcl());
    if (monitoring != null) {
      port(out, "monitoring.port", monitoring.port());
      requireText(out, "monitoring.dataDir", monitoring.dataDir());
      if (monitoring.retention() == null || !monitoring.retention().matches("[0-9]+[smhdwy]")) {
        out.add(
            "monitoring.retention must be a duration like 2d (got " + monitoring.retention() + ")");
      }
    }
    metricsPortProblems(out);
    return out;
  }

  /**
   * Metrics ports (optional: 0 is none): each provider's range of maxInstances ports must clear
   * every other provider's metrics range and every Triple range.
   */
  private void metricsPortProblems(List<String> out) {
    for (Provider p : providers) {
      if (p.metricsPort() == 0) {
        continue;
      }
      for (Provider q : providers) {
        if (q != p
            && q.metricsPort() != 0
            && Math.abs(q.metricsPort() - p.metricsPort()) < maxInstances
            && p.metricsPort() <= q.metricsPort()) {
          out.add(
              "providers."
                  + p.name()
                  + ".metricsPort: the range of providers."
                  + q.name()
                  + ".metricsPort is less than maxInstances ("
                  + maxInstances
                  + ") away");
        }
        if (Math.abs(q.triplePort() - p.metricsPort()) < maxInstances) {
          out.add(
              "providers."
                  + p.name()
                  + ".metricsPort: overlaps the Triple ports of providers."
                  + q.name());
        }
      }
    }
  }

  private void deploymentProblems(List<String> out) {
    if (redis.deployments() == null || redis.deployments().isEmpty()) {
      out.add("redis.deployments: at least one is required");
      return;
    }
    boolean replicated = false;
    for (Map.Entry<String, Deployment> e : redis.deployments().entrySet()) {
      String where = "redis.deployments." + e.getKey();
      Deployment d = e.getValue();
      if (!NAME.matcher(e.getKey()).matches()) {
        out.add(where + ": the name must be lower-case letters and digits");
      }
      if (d == null || !("single".equals(d.mode()) || d.cluster())) {
        out.add(where + ".mode must be single or cluster");
        continue;
      }
      // A cluster node's bus listens on its port + 10000.
      port(out, where + ".port", d.port() + (d.cluster() ? 10000 + d.nodes() - 1 : 0));
      if (d.cluster()) {
        replicated = true;
        if (d.replicas() < 0 || d.nodes() < 3 * (d.replicas() + 1)) {
          out.add(where + ": a cluster needs nodes >= 3 x (replicas + 1) (3 primaries at least)");
        }
        if (d.nodeTimeoutMs() < 500) {
          out.add(where + ".nodeTimeoutMs must be at least 500");
        }
      }
    }
    if (replicated) {
      requireText(out, "redis.replicaUser", redis.replicaUser());
      requireText(out, "redis.replicaAcl", redis.replicaAcl());
    }
    List<String> users =
        new ArrayList<>(providers.stream().map(Provider::redisDeployment).toList());
    users.add(web.redisDeployment());
    for (String name : users) {
      if (name != null && !redis.deployments().containsKey(name)) {
        out.add("redisDeployment " + name + " is not in redis.deployments");
      }
    }
  }

  /** The deployment a process with this {@code redisDeployment} uses: the first one by default. */
  public String deploymentOf(String redisDeployment) {
    return redisDeployment != null
        ? redisDeployment
        : redis.deployments().keySet().iterator().next();
  }

  /** The shard keys of an event stream: {@code <stream>:{<name>-<k>}}, name its last segment. */
  public List<String> shardsOf(String stream) {
    String name = stream.substring(stream.lastIndexOf(':') + 1);
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < events.shards(); k++) {
      keys.add(stream + ":{" + name + "-" + k + "}");
    }
    return keys;
  }

  /** The provider called {@code name}. */
  public Provider provider(String name) {
    return providers.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no provider " + name));
  }

  /**
   * An ACL rule string with its {set} references replaced by {@code redis.aclSets}; a set may refer
   * to other sets (a few levels deep).
   */
  public String expandAcl(String acl) {
    String text = acl;
    for (int depth = 0; depth < 4 && SET_REF.matcher(text).find(); depth++) {
      Matcher m = SET_REF.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(redis.aclSets().get(m.group(1))));
      }
      m.appendTail(out);
      text = out.toString();
    }
    return text;
  }

  private void unknownSets(List<String> out, String where, String acl) {
    if (acl == null || acl.isBlank()) {
      out.add(where + " is required");
      return;
    }
    Matcher m = SET_REF.matcher(acl);
    while (m.find()) {
      if (redis.aclSets() == null || !redis.aclSets().containsKey(m.group(1))) {
        out.add(where + ": {" + m.group(1) + "} is not in redis.aclSets");
      }
    }
  }

  private static void requireText(List<String> out, String where, String value) {
    if (value == null || value.isBlank()) {
      out.add(where + " is required");
    }
  }

  private static void port(List<String> out, String where, int port) {
    if (port < 1 || port > 65535) {
      out.add(where + " must be a port, 1 to 65535 (got " + port + ")");
    }
  }
}
