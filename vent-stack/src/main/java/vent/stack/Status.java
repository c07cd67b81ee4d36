package vent.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code status}: each process, Consul's passing instances, rule keys, event lag, Prometheus's
 * scrape targets, web health.
 */
@Command(
    name = "status",
    description =
        "What runs, Consul passing instances, event lag, vent-web health; exit 3 if not all.")
final class Status implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    Context c = Context.load(true);
    Settings s = c.settings;
    boolean ok = true;
    Map<String, Supervisor.State> states = c.running ? c.supervisor.status() : Map.of();
    System.out.println("State dir: " + s.stateDir);
    System.out.printf("  %-12s %-8s %-8s %-9s %s%n", "NAME", "STATE", "PID", "SENTINEL", "PORTS");
    for (ProcessSpec p : c.processes().all()) {
      Supervisor.State st = states.get(p.name());
      boolean up = st != null && st.pid() > 0 && st.up();
      ok &= up;
      System.out.printf(
          "  %-12s %-8s %-8s %-9s %s%n",
          p.name(),
          up ? "running" : "stopped",
          up ? String.valueOf(st.pid()) : "-",
          p.sentinelPort() > 0 ? String.valueOf(p.sentinelPort()) : "-",
          String.join(", ", p.ports().stream().map(String::valueOf).toList()));
    }
    ConsulApi consul = c.consul();
    String rulesPrefix = c.topology.kv().sentinelRules();
    if (consul.ready(rulesPrefix)) {
      System.out.println("Consul services (passing instances):");
      for (Topology.Provider p : c.topology.providers()) {
        int n = s.onlyInfra ? 0 : s.instances.get(p.name());
        Set<Integer> passing = consul.passingPorts(p.service());
        int expected = 0;
        for (int i = 1; i <= n; i++) {
          expected += passing.contains(s.triplePort(p, i)) ? 1 : 0;
        }
        ok &= expected == n;
        List<String> ports = passing.stream().map(String::valueOf).toList();
        System.out.printf(
            "  %-34s %s of %s expected%s%n",
            p.service(),
            expected,
            n,
            ports.isEmpty() ? "" : " (passing ports: " + String.join(" ", ports) + ")");
      }
      ConsulApi.Answer keys = consul.get("/v1/kv/" + rulesPrefix + "/?keys");
      int count = keys.status() == 200 ? ConsulApi.JSON.readTree(keys.body()).size() : 0;
      System.out.println(
          "Sentinel rules in Consul KV: "
              + count
              + " key(s) under "
              + rulesPrefix
              + "/ ("
              + c.ventCmd()
              + "rules shows them)");
    } else {
      System.out.println("Consul: not answering on 127.0.0.1:" + s.consulPort);
      ok = false;
    }
    ClusterHealth cluster = new ClusterHealth(c);
    if (c.topology.consul().servers() > 0) {
      ok &= print(cluster.consul());
    }
    for (var d : c.topology.redis().deployments().entrySet()) {
      if (d.getValue().cluster()) {
        ok &= print(cluster.redis(d.getKey()));
      }
    }
    RedisCli redis = c.redis();
    if (redis.ping()) {
      System.out.println(
          "Event streams, "
              + c.topology.events().shards()
              + " shards each (consumer groups: pending, lag, dead letters; docs/EVENTS.md):");
      for (String line : eventLagLines(c, redis)) {
        System.out.println("  " + line);
      }
    } else {
      System.out.println("Redis: not answering on 127.0.0.1:" + s.redisPort);
      ok = false;
    }
    if (s.monitoring) {
      ok &= printTargets(c);
    }
    if (!s.onlyInfra) {
      int code = new Health(c).webHealthCode();
      System.out.println(
          "vent-web health (http://127.0.0.1:"
              + s.adminPort
              + "/healthcheck): "
              + (code == 200
                  ? "healthy"
                  : "not healthy (HTTP " + (code == 0 ? "none" : code) + ")"));
      ok &= code == 200;
    }
    return ok ? 0 : 3;
  }

  /**
   * Prometheus's active scrape targets, up of total, and each one not up with its last error.
   * Targets that are down do not fail {@code status}: the processes' own lines above already do.
   */
  private static boolean printTargets(Context c) {
    Prometheus prometheus = new Prometheus(c);
    Prometheus.Targets t = prometheus.targets();
    if (t == null) {
      System.out.println("Prometheus: not answering on " + prometheus.base());
      return false;
    }
    System.out.println(
        "Prometheus ("
            + prometheus.base()
            + "): "
            + t.up()
            + " of "
            + t.total()
            + " scrape targets up");
    t.down().forEach(d -> System.out.println("  not up: " + d));
    return true;
  }

  private static boolean print(ClusterHealth.Report report) {
    report.lines().forEach(System.out::println);
    return report.ok();
  }

  /**
   * The lag script once per shard of each stream: a shard is one key on one slot, and in a cluster
   * the script must run on the node owning it (redis-cli follows the redirection there).
   */
  private static List<String> eventLagLines(Context c, RedisCli redis) throws IOException {
    String script;
    try (InputStream in = Status.class.getResourceAsStream("event-lag.lua")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = new ArrayList<>();
    for (String stream : c.topology.eventStreams()) {
      for (String shard : c.topology.shardsOf(stream)) {
        String out = redis.call("--raw", "EVAL", script, "1", shard);
        if (out.isBlank()) {
          lines.add(shard + ": could not read it");
        } else {
          lines.addAll(out.strip().lines().toList());
        }
      }
    }
    return lines;
  }
}
