package vent.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates each Redis Cluster deployment once ({@code redis-cli --cluster create}: slots over the
 * primaries, {@code replicas} replicas each) and waits until every node sees all slots served.
 * Later starts find the cluster in each node's {@code nodes.conf} and only wait.
 */
final class RedisClusters {

  static final int SLOTS = 16384;

  private final Context c;

  RedisClusters(Context c) {
    this.c = c;
  }

  void ensure(long deadlineNanos) throws InterruptedException {
    for (Map.Entry<String, Topology.Deployment> e : c.topology.redis().deployments().entrySet()) {
      if (e.getValue().cluster()) {
        ensure(e.getKey(), e.getValue(), deadlineNanos);
      }
    }
  }

  private void ensure(String name, Topology.Deployment d, long deadlineNanos)
      throws InterruptedException {
    List<RedisNodes.Node> nodes = RedisNodes.of(c.settings, name);
    boolean fresh =
        nodes.stream()
            .allMatch(
                n -> {
                  Map<String, String> info = info(n);
                  return "0".equals(info.get("cluster_slots_assigned"))
                      && "1".equals(info.get("cluster_known_nodes"));
                });
    if (fresh) {
      List<String> args = new ArrayList<>(List.of("--cluster", "create"));
      nodes.forEach(n -> args.add("127.0.0.1:" + n.port()));
      args.addAll(List.of("--cluster-replicas", String.valueOf(d.replicas()), "--cluster-yes"));
      RedisNodes.Node first = nodes.get(0);
      RedisCli cli =
          new RedisCli(
              first.port(),
              false,
              c.secrets.adminRedisUser(c.settings),
              c.secrets.adminRedisPassword(c.settings));
      String out = cli.call(120, args.toArray(String[]::new));
      if (!out.contains("All " + SLOTS + " slots covered")) {
        throw new Up.StartFailed(
            "redis-cli --cluster create failed for deployment " + name + ":\n" + out);
      }
      Out.say(
          "Redis Cluster "
              + name
              + " created: "
              + nodes.size() / (d.replicas() + 1)
              + " primaries with "
              + d.replicas()
              + " replica(s) each");
    }
    while (true) {
      List<String> notOk = new ArrayList<>();
      for (RedisNodes.Node n : nodes) {
        Map<String, String> info = info(n);
        if (!"ok".equals(info.get("cluster_state"))
            || !String.valueOf(SLOTS).equals(info.get("cluster_slots_ok"))) {
          notOk.add(n.name());
        }
      }
      if (notOk.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new Up.StartFailed(
            "Redis Cluster "
                + name
                + ": not every slot served after VENT_START_TIMEOUT on "
                + String.join(" ", notOk)
                + " (./vent status shows the nodes)");
      }
      Thread.sleep(300);
    }
  }

  /** CLUSTER INFO of one node as a map; empty when it does not answer. */
  Map<String, String> info(RedisNodes.Node n) {
    return fields(c.redis(n).call("CLUSTER", "INFO"));
  }

  static Map<String, String> fields(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    text.lines()
        .forEach(
            l -> {
              int colon = l.indexOf(':');
              if (colon > 0) {
                out.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
              }
            });
    return out;
  }
}
