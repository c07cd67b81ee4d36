package vent.stack;

import java.util.List;

/** The lines {@code up} ends with: URLs, addresses, ports, the state dir, what to try. */
final class Summary {

  private final Context c;

  Summary(Context c) {
    this.c = c;
  }

  void print() {
    Settings s = c.settings;
    Secrets sec = c.secrets;
    String vent = c.ventCmd();
    StringBuilder out = new StringBuilder("\n");
    if (s.onlyInfra) {
      out.append("  (VENT_ONLY_INFRA=1: Consul and Redis only)\n");
    } else {
      out.append("  REST API    http://127.0.0.1:").append(s.httpPort).append("/api/v1\n");
      out.append("  Admin       http://127.0.0.1:")
          .append(s.adminPort)
          .append("  (health: /healthcheck)\n");
    }
    String login =
        sec.consul
            ? "CONSUL_MASTER_TOKEN of " + s.stateDir.resolve(Secrets.FILE)
            : "VENT_CONSUL_TOKEN";
    out.append("  Consul UI   http://127.0.0.1:").append(s.consulPort).append("/ui");
    if (!sec.launcherConsulToken(s).isEmpty()) {
      out.append("  (ACLs on; log in with ").append(login).append(')');
    }
    out.append('\n');
    List<ConsulAgents.Agent> agents = s.consulAgents();
    if (agents.size() > 1) {
      out.append("  Consul      ")
          .append(agents.size() - 1)
          .append(" servers (HTTP ")
          .append(
              String.join(
                  ", ",
                  agents.stream()
                      .filter(ConsulAgents.Agent::server)
                      .map(a -> String.valueOf(a.httpPort()))
                      .toList()))
          .append("); every process talks to the client agent on ")
          .append(s.consulPort)
          .append('\n');
    }
    String redisAuth = "";
    if (sec.redis) {
      redisAuth =
          " (user "
              + c.topology.redis().adminUser()
              + ", password: REDIS_PASSWORD_admin of "
              + s.stateDir.resolve(Secrets.FILE)
              + ")";
    } else if (!s.redisUsername.isEmpty()) {
      redisAuth = " (user " + s.redisUsername + ", password: VENT_REDIS_PASSWORD)";
    } else if (!s.redisPassword.isEmpty()) {
      redisAuth = " (password: VENT_REDIS_PASSWORD)";
    }
    for (var d : c.topology.redis().deployments().entrySet()) {
      List<RedisNodes.Node> nodes = RedisNodes.of(s, d.getKey());
      out.append("  Redis       ");
      if (c.topology.redis().deployments().size() > 1) {
        out.append(d.getKey()).append(": ");
      }
      out.append("redis://127.0.0.1:").append(nodes.get(0).port());
      if (d.getValue().cluster()) {
        out.append('-')
            .append(nodes.get(nodes.size() - 1).port())
            .append(" (Redis Cluster: ")
            .append(nodes.size() / (d.getValue().replicas() + 1))
            .append(" primaries, ")
            .append(d.getValue().replicas())
            .append(" replica(s) each)");
      }
      out.append(redisAuth).append('\n');
      redisAuth = "";
    }
    if (!s.onlyInfra) {
      out.append("  Providers  ");
      for (Topology.Provider p : c.topology.providers()) {
        int n = s.instances.get(p.name());
        out.append(' ').append(p.name()).append(" x").append(n).append(" (");
        out.append(range(s.triplePort(p, 1), s.triplePort(p, n))).append(')');
      }
      out.append('\n');
      if (s.sentinelOn()) {
        out.append("  Sentinel    command ports web ").append(s.sentinelBase);
        for (Topology.Provider p : c.topology.providers()) {
          int n = s.instances.get(p.name());
          out.append(", ").append(p.name()).append(' ');
          out.append(range(s.sentinelPort(p, 1), s.sentinelPort(p, n)));
        }
        out.append('\n');
        out.append(
            s.sentinelDashboard.isEmpty()
                ? "              no dashboard (set VENT_SENTINEL_DASHBOARD=host:port)\n"
                : "              dashboard "
                    + s.sentinelDashboard
                    + " (VENT_SENTINEL_DASHBOARD)\n");
      } else {
        out.append(
            "  Sentinel    OFF (VENT_SENTINEL_ENABLED=false): no limits, no circuit breakers\n");
      }
    }
    if (s.monitoring) {
      String base = "http://127.0.0.1:" + s.prometheusPort;
      out.append("  Prometheus  ").append(base).append("  (targets: ").append(base);
      out.append("/targets; rules: monitoring/rules.yml)\n");
      // Recording rules of monitoring/rules.yml, so each query stays short.
      out.append(
          "    up{job=\"vent\"}                                    every process scraped?\n");
      out.append("    uri:http_server_requests_5xx:ratio_rate1m         5xx ratio per route\n");
      out.append(
          "    rpc_service:rpc_server_errors:ratio_rate1m        RPC error ratio per service\n");
    } else {
      out.append("  Prometheus  OFF (VENT_MONITORING=off)\n");
    }
    if (s.tracing) {
      out.append("  Zipkin      ")
          .append(Tracing.uiUrl(s))
          .append("  (traces; new ones sampled at ")
          .append(s.traceSampling)
          .append(", VENT_TRACE_SAMPLING)\n");
    }
    out.append("  Rules       ")
        .append(vent)
        .append("rules [APP]  (Consul KV ")
        .append(c.topology.kv().sentinelRules())
        .append("/<app>/<type>; defaults: sentinel-rules/)\n");
    out.append("  State dir   ")
        .append(s.stateDir)
        .append("  (logs: ")
        .append(vent)
        .append("logs [SERVICE])\n");
    if (!s.onlyInfra) {
      out.append("\n  Try it:     curl -s -X POST http://127.0.0.1:")
          .append(s.httpPort)
          .append("/api/v1/captchas\n");
      out.append("  Real graph: ").append(vent).append("import docs/datasets/wiki-Vote.txt\n");
    }
    out.append("  Stop:       ").append(vent).append("down");
    System.out.println(out);
  }

  private static String range(int first, int last) {
    return first == last ? String.valueOf(first) : first + "-" + last;
  }
}
