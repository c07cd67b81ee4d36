package vent.web.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import vent.stack.RedisNodes;

/**
 * What a test stack's Redis Cluster says about itself ({@code CLUSTER NODES}, asked with {@code
 * redis-cli} as the admin user): which node is a primary, which replicas it has, and when a
 * failover has happened.
 */
final class RedisClusterProbe {

  /**
   * One line of {@code CLUSTER NODES}.
   *
   * @param id node id
   * @param port client port
   * @param flags e.g. {@code myself,master}, {@code slave}, {@code master,fail}
   * @param primaryId the id of its primary, {@code -} for a primary
   * @param slots slot ranges it serves, empty for a replica
   */
  record NodeLine(String id, int port, String flags, String primaryId, List<String> slots) {
    boolean primary() {
      return flags.contains("master") && !failing();
    }

    boolean failing() {
      return flags.contains("fail");
    }
  }

  private final Stack stack;

  RedisClusterProbe(Stack stack) {
    this.stack = stack;
  }

  /** The cluster's nodes as the process names the launcher gave them, with their ports. */
  List<RedisNodes.Node> processes() {
    return stack.settings().redisNodes();
  }

  /** The launcher's process name of the node on {@code port}, e.g. {@code redis-2}. */
  String processOf(int port) {
    return processes().stream()
        .filter(n -> n.port() == port)
        .map(RedisNodes.Node::name)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Redis node on port " + port));
  }

  /** {@code CLUSTER NODES} as seen by the node on {@code port}. */
  List<NodeLine> nodes(int port) {
    List<NodeLine> out = new ArrayList<>();
    for (String line : cli(port, "CLUSTER", "NODES").split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length < 8) {
        continue;
      }
      int nodePort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
      List<String> slots = new ArrayList<>();
      for (int i = 8; i < f.length; i++) {
        slots.add(f[i]);
      }
      out.add(new NodeLine(f[0], nodePort, f[2], f[3], slots));
    }
    return out;
  }

  /** The cluster as one live node sees it (any node that answers). */
  List<NodeLine> nodes() {
    AssertionError last = null;
    for (RedisNodes.Node n : processes()) {
      try {
        return nodes(n.port());
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last;
  }

  /** A primary that serves slots and has a replica: the node a failover scenario takes down. */
  NodeLine aPrimaryWithReplica() {
    List<NodeLine> all = nodes();
    return all.stream()
        .filter(n -> n.primary() && !n.slots().isEmpty())
        .filter(p -> all.stream().anyMatch(r -> r.primaryId().equals(p.id())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no primary with a replica: " + all));
  }

  /**
   * Waits until a node other than {@code failed} serves {@code failed}'s slots as a primary, asking
   * the live node on {@code askPort}.
   *
   * @return when the promotion was first seen, ms since the epoch
   */
  long awaitPromotion(NodeLine failed, int askPort, Duration timeout) {
    String firstRange = failed.slots().get(0);
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    List<NodeLine> seen = List.of();
    while (System.currentTimeMillis() < deadline) {
      try {
        seen = nodes(askPort);
        Optional<NodeLine> successor =
            seen.stream()
                .filter(n -> !n.id().equals(failed.id()) && n.primary())
                .filter(n -> n.slots().contains(firstRange))
                .findFirst();
        if (successor.isPresent()) {
          return System.currentTimeMillis();
        }
      } catch (AssertionError notAnswering) {
        // the node asked may be busy with the failover itself; ask again
      }
      sleep(100);
    }
    throw new AssertionError(
        "no replica took over " + firstRange + " within " + timeout + ": " + seen);
  }

  /** Waits until the node on {@code port} reports itself a replica; returns ms waited. */
  long awaitReplica(int port, Duration timeout) {
    long t0 = System.currentTimeMillis();
    String last = "";
    while (System.currentTimeMillis() - t0 < timeout.toMillis()) {
      try {
        for (NodeLine n : nodes(port)) {
          if (n.flags().contains("myself")) {
            last = n.flags();
            if (n.flags().contains("slave")) {
              return System.currentTimeMillis() - t0;
            }
          }
        }
      } catch (AssertionError notYet) {
        last = notYet.getMessage();
      }
      sleep(200);
    }
    throw new AssertionError("node on " + port + " not a replica within " + timeout + ": " + last);
  }

  /** Waits until every node reports {@code cluster_state:ok}; returns ms waited. */
  long awaitHealthy(Duration timeout) {
    long t0 = System.currentTimeMillis();
    while (System.currentTimeMillis() - t0 < timeout.toMillis()) {
      boolean ok = true;
      for (RedisNodes.Node n : processes()) {
        try {
          ok &= cli(n.port(), "CLUSTER", "INFO").contains("cluster_state:ok");
        } catch (AssertionError notYet) {
          ok = false;
        }
      }
      if (ok) {
        return System.currentTimeMillis() - t0;
      }
      sleep(200);
    }
    throw new AssertionError("Redis Cluster not ok on every node within " + timeout);
  }

  private String cli(int port, String... command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "redis-cli",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "--user",
                stack.settings().topology().redis().adminUser(),
                "--pass",
                stack.secret("REDIS_PASSWORD_admin"),
                "--no-auth-warning"));
    args.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || out.startsWith("Could not")) {
        p.destroyForcibly();
        throw new AssertionError(
            "redis-cli -p " + port + " " + String.join(" ", command) + ": " + out);
      }
      if (out.startsWith("ERR") || out.startsWith("NOAUTH") || out.startsWith("WRONGPASS")) {
        throw new AssertionError("redis-cli -p " + port + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("redis-cli: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
