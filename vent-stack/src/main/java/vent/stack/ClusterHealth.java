package vent.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health lines {@code status} prints for replicated infrastructure: each Redis Cluster (state,
 * slots served, each primary with its replicas, nodes down) and a Consul server cluster (leader,
 * Raft peers, each server's state).
 */
final class ClusterHealth {

  private final Context c;

  ClusterHealth(Context c) {
    this.c = c;
  }

  /** The lines, and whether all is well. */
  record Report(List<String> lines, boolean ok) {}

  Report redis(String deployment) {
    List<String> lines = new ArrayList<>();
    List<RedisNodes.Node> nodes = RedisNodes.of(c.settings, deployment);
    RedisClusters clusters = new RedisClusters(c);
    RedisNodes.Node asked = null;
    String table = "";
    List<String> down = new ArrayList<>();
    for (RedisNodes.Node n : nodes) {
      String out = c.redis(n).call("CLUSTER", "NODES");
      if (out.isBlank()) {
        down.add(n.name() + " (" + n.port() + ")");
      } else if (asked == null) {
        asked = n;
        table = out;
      }
    }
    if (asked == null) {
      return new Report(List.of("Redis Cluster " + deployment + ": no node answers"), false);
    }
    Map<String, String> info = clusters.info(asked);
    boolean ok =
        "ok".equals(info.get("cluster_state"))
            && String.valueOf(RedisClusters.SLOTS).equals(info.get("cluster_slots_ok"))
            && down.isEmpty();
    lines.add(
        "Redis Cluster "
            + deployment
            + ": cluster_state "
            + info.getOrDefault("cluster_state", "?")
            + ", slots served "
            + info.getOrDefault("cluster_slots_ok", "?")
            + " of "
            + RedisClusters.SLOTS
            + (info.getOrDefault("cluster_slots_pfail", "0").equals("0")
                ? ""
                : ", " + info.get("cluster_slots_pfail") + " possibly failing")
            + (info.getOrDefault("cluster_slots_fail", "0").equals("0")
                ? ""
                : ", " + info.get("cluster_slots_fail") + " FAILING")
            + " (as "
            + asked.name()
            + " sees it)");
    lines.addAll(shards(table));
    if (!down.isEmpty()) {
      lines.add("  not answering: " + String.join(", ", down));
    }
    return new Report(lines, ok);
  }

  /**
   * One line per primary of a CLUSTER NODES table: its address, slot ranges, and replicas; a node
   * flagged {@code fail} or {@code fail?} is marked.
   */
  static List<String> shards(String table) {
    record Row(String id, String addr, String flags, String master, String slots) {}
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : table.strip().lines().toList()) {
      String[] f = line.strip().split(" ");
      if (f.length < 8) {
        continue;
      }
      String addr = f[1].replaceAll("@.*", "");
      StringBuilder slots = new StringBuilder();
      for (int i = 8; i < f.length; i++) {
        slots.append(slots.isEmpty() ? "" : " ").append(f[i]);
      }
      rows.put(f[0], new Row(f[0], addr, f[2].replace("myself,", ""), f[3], slots.toString()));
    }
    List<String> out = new ArrayList<>();
    rows.values().stream()
        .filter(r -> r.flags().contains("master"))
        .sorted((a, b) -> a.addr().compareTo(b.addr()))
        .forEach(
            m -> {
              List<String> replicas =
                  rows.values().stream()
                      .filter(r -> r.master().equals(m.id()))
                      .map(r -> r.addr() + state(r.flags()))
                      .toList();
              out.add(
                  String.format(
                      "  primary %-16s slots %-12s replicas: %s",
                      m.addr() + state(m.flags()),
                      m.slots().isEmpty() ? "none" : m.slots(),
                      replicas.isEmpty() ? "NONE" : String.join(", ", replicas)));
            });
    return out;
  }

  private static String state(String flags) {
    if (flags.contains("fail?")) {
      return " (unreachable)";
    }
    if (flags.contains("fail")) {
      return " (FAILED)";
    }
    return "";
  }

  /** The Consul servers: who leads, the Raft peers as the leader lists them, each server's view. */
  Report consul() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean ok = true;
    ConsulApi agent = c.consul();
    ConsulApi.Answer leader = agent.get("/v1/status/leader");
    String leaderAddr = leader.status() == 200 ? leader.body().strip().replace("\"", "") : "";
    ok &= !leaderAddr.isEmpty();
    ConsulApi.Answer raft = agent.get("/v1/operator/raft/configuration");
    List<String> peers = new ArrayList<>();
    if (raft.status() == 200) {
      for (JsonNode s : ConsulApi.JSON.readTree(raft.body()).path("Servers")) {
        peers.add(
            s.path("Node").asText()
                + " "
                + s.path("Address").asText()
                + (s.path("Leader").asBoolean() ? " (leader)" : "")
                + (s.path("Voter").asBoolean() ? "" : " (non-voter)"));
      }
    }
    lines.add(
        "Consul servers: leader "
            + (leaderAddr.isEmpty() ? "NONE" : leaderAddr)
            + ", Raft peers "
            + peers.size()
            + (peers.isEmpty() ? "" : ": " + String.join(", ", peers)));
    for (ConsulAgents.Agent a : c.settings.consulAgents()) {
      if (!a.server()) {
        continue;
      }
      ConsulApi one = c.consul(a.httpPort());
      ConsulApi.Answer self = one.get("/v1/agent/self");
      String state;
      if (self.status() != 200) {
        state = "not answering";
        ok = false;
      } else {
        JsonNode stats = ConsulApi.JSON.readTree(self.body()).path("Stats").path("raft");
        state =
            stats.path("state").asText("?").toLowerCase(java.util.Locale.ROOT)
                + ", term "
                + stats.path("term").asText("?")
                + ", last log index "
                + stats.path("last_log_index").asText("?");
      }
      lines.add(String.format("  %-10s http %-6d %s", a.name(), a.httpPort(), state));
    }
    return new Report(lines, ok);
  }
}
