package vent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Redis servers of a stack, deployment by deployment, and what each process is told about its
 * deployment ({@code VENT_REDIS_MODE}, {@code VENT_REDIS_ADDRESSES}).
 */
public final class RedisNodes {

  private RedisNodes() {}

  /**
   * One redis-server.
   *
   * @param name its process name: {@code redis} or {@code redis-<k>} for the first deployment,
   *     {@code redis-<deployment>[-<k>]} for the others
   * @param deployment the deployment's name
   * @param spec the deployment
   * @param port its port on 127.0.0.1 (a cluster node's bus: port + 10000)
   */
  public record Node(String name, String deployment, Topology.Deployment spec, int port) {

    /** The ports it listens on. */
    public List<Integer> ports() {
      return spec.cluster() ? List.of(port, port + 10000) : List.of(port);
    }

    /** Its data folder: the deployment's data dir for a lone server, a sub-folder per node. */
    Path dataDir(Settings s) {
      Path dir = s.stateDir.resolve(s.topology.redis().dataDir());
      return name.equals(Processes.REDIS) ? dir : dir.resolve(name);
    }

    /** Its configuration file, rewritten at each start. */
    Path conf(Settings s) {
      return s.stateDir.resolve(name + ".conf");
    }
  }

  static List<Node> of(Settings s) {
    List<Node> out = new ArrayList<>();
    boolean first = true;
    for (Map.Entry<String, Topology.Deployment> e : s.topology.redis().deployments().entrySet()) {
      Topology.Deployment d = e.getValue();
      String prefix = first ? Processes.REDIS : Processes.REDIS + "-" + e.getKey();
      int base = s.redisBases.get(e.getKey());
      if (d.cluster()) {
        for (int k = 1; k <= d.nodes(); k++) {
          out.add(new Node(prefix + "-" + k, e.getKey(), d, base + k - 1));
        }
      } else {
        out.add(new Node(prefix, e.getKey(), d, base));
      }
      first = false;
    }
    return out;
  }

  /** The nodes of one deployment. */
  static List<Node> of(Settings s, String deployment) {
    return of(s).stream().filter(n -> n.deployment().equals(deployment)).toList();
  }

  /** {@code VENT_REDIS_MODE} of a deployment. */
  static String mode(Settings s, String deployment) {
    return s.topology.redis().deployments().get(deployment).mode();
  }

  /** {@code VENT_REDIS_ADDRESSES}: the server, or every node of a cluster as seeds. */
  static String addresses(Settings s, String deployment) {
    return String.join(
        ",", of(s, deployment).stream().map(n -> "redis://127.0.0.1:" + n.port()).toList());
  }
}
