package vent.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster for tests: three {@code redis-server} primaries in cluster mode on free
 * loopback ports, joined with {@code redis-cli --cluster create} so that they cover all 16384
 * slots, stopped when the JVM exits. A script or transaction that touches keys of two slots fails
 * here with {@code CROSSSLOT}, as it would in production. Binaries: {@code $VENT_REDIS_SERVER} and
 * {@code $VENT_REDIS_CLI}, else {@code redis-server} and {@code redis-cli} on the PATH.
 */
public final class RedisCluster implements AutoCloseable {

  private static final int PRIMARIES = 3;
  private static RedisCluster shared;

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  /** The JVM-wide cluster, started on the first call (about 2 s). */
  public static synchronized RedisCluster shared() {
    if (shared == null) {
      shared = start();
      RedisCluster c = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(c::close, "redis-cluster-test-stop"));
    }
    return shared;
  }

  /**
   * @return the nodes as {@code redis://127.0.0.1:<port>}, seed addresses for a cluster client
   */
  public List<String> addresses() {
    return nodes.stream().map(RedisServer::address).toList();
  }

  private static RedisCluster start() {
    String cli = System.getenv().getOrDefault("VENT_REDIS_CLI", "redis-cli");
    List<RedisServer> nodes = new ArrayList<>();
    RedisCluster cluster = new RedisCluster(nodes);
    try {
      for (int i = 0; i < PRIMARIES; i++) {
        nodes.add(
            RedisServer.start(
                clusterPort(),
                List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "5000")));
      }
      List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
      nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
      create.add("--cluster-yes");
      run(create);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      for (RedisServer node : nodes) {
        while (!run(List.of(cli, "-p", String.valueOf(node.port()), "cluster", "info"))
            .contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Redis Cluster not ok within 20 s on port " + node.port());
          }
          TimeUnit.MILLISECONDS.sleep(100);
        }
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw new IllegalStateException("cannot start a Redis Cluster (install redis-server)", e);
    } catch (InterruptedException e) {
      cluster.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A free port whose cluster bus port (port + 10000) is free too. */
  private static int clusterPort() {
    while (true) {
      int port = RedisServer.freePort();
      if (port + 10000 < 65536 && free(port + 10000)) {
        return port;
      }
    }
  }

  private static boolean free(int port) {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** Stops every node. Idempotent. */
  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
