package vent.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The configuration files of Consul and Redis, rewritten at each start (mode 600). */
final class ConfigFiles {

  private ConfigFiles() {}

  /**
   * consul.json: the ports (DNS and gRPC off), no update check, a leader in ~1 s instead of ~7 s
   * ({@code raft_multiplier: 1}) and, with a token, ACLs on with everything denied without one.
   */
  static String consulJson(Settings s, String token) {
    return consulJson(s.consulAgents().get(0), token);
  }

  /**
   * The JSON of one agent. Every server holds the management token as {@code master}: whichever
   * becomes the first leader creates it (once; later leaders find it). Each agent, the client too,
   * uses it as its agent token.
   */
  static String consulJson(ConsulAgents.Agent a, String token) {
    ObjectNode root = ConsulApi.JSON.createObjectNode();
    ObjectNode ports = root.putObject("ports");
    ports.put("http", a.httpPort());
    if (a.server()) {
      ports.put("server", a.serverPort());
    }
    ports.put("serf_lan", a.serfLanPort());
    ports.put("serf_wan", a.serfWanPort());
    ports.put("dns", -1);
    ports.put("grpc", -1);
    root.putObject("performance").put("raft_multiplier", 1);
    if (!token.isEmpty()) {
      ObjectNode acl = root.putObject("acl");
      acl.put("enabled", true);
      acl.put("default_policy", "deny");
      acl.put("down_policy", "extend-cache");
      ObjectNode tokens = acl.putObject("tokens");
      if (a.server()) {
        tokens.put("master", token);
      }
      tokens.put("agent", token);
    }
    root.put("disable_update_check", true);
    return root.toPrettyString() + "\n";
  }

  /**
   * redis.conf. Every write reaches the disk before Redis answers it (appendfsync always,
   * docs/RELIABILITY.md). With generated credentials: one ACL user per process of the topology and
   * the admin user, passwords stored as SHA-256 hashes; the default user keeps every right behind a
   * random password nobody knows (Redis 7.0 replays the AOF as the default user and refuses
   * MULTI/EXEC blocks there when it is off, see docs/SECURITY.md).
   */
  static String redisConf(Settings s, Secrets secrets) {
    return redisConf(s, secrets, s.redisNodes().get(0));
  }

  /**
   * The redis.conf of one node. A cluster node also gets {@code cluster-enabled}, its node timeout
   * and the replication user: every node holds every ACL user (a replica becomes a primary in a
   * failover), and a replica authenticates to its primary as {@code redis.replicaUser}.
   */
  static String redisConf(Settings s, Secrets secrets, RedisNodes.Node node) {
    Topology t = s.topology;
    StringBuilder out = new StringBuilder();
    out.append("# written by ./vent up at every start; edits are lost\n");
    out.append("port ").append(node.port()).append('\n');
    out.append("bind 127.0.0.1\n");
    out.append("dir \"").append(node.dataDir(s)).append("\"\n");
    out.append("appendonly yes\nappendfsync always\ndaemonize no\n");
    Topology.Deployment d = node.spec();
    if (d.cluster()) {
      out.append("cluster-enabled yes\ncluster-config-file nodes.conf\n");
      out.append("cluster-node-timeout ").append(d.nodeTimeoutMs()).append('\n');
      // A primary down with no replica left stops only its own slots, not the whole cluster.
      out.append("cluster-require-full-coverage no\n");
    }
    boolean replicated = d.cluster() && secrets.redis;
    if (replicated) {
      out.append("masteruser ").append(t.redis().replicaUser()).append('\n');
      out.append("masterauth \"").append(secrets.get("REDIS_PASSWORD_replica")).append("\"\n");
    } else if (d.cluster() && !s.redisPassword.isEmpty()) {
      if (!s.redisUsername.isEmpty()) {
        out.append("masteruser ").append(s.redisUsername).append('\n');
      }
      out.append("masterauth \"").append(s.redisPassword).append("\"\n");
    }
    if (secrets.redis) {
      out.append(defaultUser());
      user(out, t.redis().adminUser(), secrets.get("REDIS_PASSWORD_admin"), t.redis().adminAcl());
      if (t.redis().replicaUser() != null) {
        user(
            out,
            t.redis().replicaUser(),
            secrets.get("REDIS_PASSWORD_replica"),
            t.expandAcl(t.redis().replicaAcl()));
      }
      for (Topology.Provider p : t.providers()) {
        user(
            out,
            p.redisUser(),
            secrets.get("REDIS_PASSWORD_" + p.name()),
            t.expandAcl(p.redisAcl()));
      }
      user(
          out,
          t.web().redisUser(),
          secrets.get("REDIS_PASSWORD_" + t.web().name()),
          t.expandAcl(t.web().redisAcl()));
    } else if (!s.redisUsername.isEmpty()) {
      out.append(defaultUser());
      user(out, s.redisUsername, s.redisPassword, "~vent:* resetchannels +@all -@dangerous");
    } else if (!s.redisPassword.isEmpty()) {
      out.append("requirepass \"").append(s.redisPassword).append("\"\n");
    }
    return out.toString();
  }

  private static String defaultUser() {
    return "user default on #" + Secrets.sha256(Secrets.hex(32)) + " ~* &* +@all\n";
  }

  private static void user(StringBuilder out, String name, String password, String rules) {
    out.append("user ")
        .append(name)
        .append(" on #")
        .append(Secrets.sha256(password))
        .append(' ')
        .append(rules)
        .append('\n');
  }
}
