package vent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Consul agents of a stack. Without {@code consul.servers}: one server at the topology's ports
 * (process {@code consul}). With N servers: {@code consul-1} .. {@code consul-N} at the ports plus
 * k x {@code consul.serverPortStride}, and the client agent {@code consul} at the topology's ports,
 * which every Vent process talks to: as on a real host, losing one server (the leader too) does not
 * cut a process off its registry, the agent forwards to whichever server leads.
 */
public final class ConsulAgents {

  private ConsulAgents() {}

  /**
   * One agent.
   *
   * @param name process name
   * @param server a server (else the client agent)
   * @param bootstrapExpect servers expected before the first election (servers only)
   * @param httpPort HTTP API on 127.0.0.1
   * @param serverPort server RPC (servers only, else -1)
   * @param serfLanPort LAN gossip
   * @param serfWanPort WAN gossip (servers only, else -1)
   * @param joins the LAN gossip ports of the servers it joins
   */
  public record Agent(
      String name,
      boolean server,
      int bootstrapExpect,
      int httpPort,
      int serverPort,
      int serfLanPort,
      int serfWanPort,
      List<Integer> joins) {

    /** The ports it listens on. */
    public List<Integer> ports() {
      List<Integer> out = new ArrayList<>(List.of(httpPort, serfLanPort));
      if (server) {
        out.add(1, serverPort);
        out.add(serfWanPort);
      }
      return out;
    }

    Path dataDir(Settings s) {
      Path dir = s.stateDir.resolve(s.topology.consul().dataDir());
      if (bootstrapExpect == 1 && name.equals(Processes.CONSUL)) {
        return dir;
      }
      return dir.resolve(name);
    }

    Path config(Settings s) {
      return s.stateDir.resolve(name + ".json");
    }

    String node(Settings s) {
      String node = s.topology.consul().node();
      return name.equals(Processes.CONSUL)
          ? node
          : node + "-" + name.substring(name.indexOf('-') + 1);
    }
  }

  static List<Agent> of(Settings s) {
    Topology.Consul c = s.topology.consul();
    if (c.servers() == 0) {
      return List.of(
          new Agent(
              Processes.CONSUL,
              true,
              1,
              s.consulPort,
              s.consulServerPort,
              s.consulSerfLanPort,
              s.consulSerfWanPort,
              List.of()));
    }
    int n = c.servers();
    int stride = c.serverPortStride();
    List<Integer> serfs = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      serfs.add(s.consulSerfLanPort + k * stride);
    }
    List<Agent> out = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      int self = serfs.get(k - 1);
      out.add(
          new Agent(
              Processes.CONSUL + "-" + k,
              true,
              n,
              s.consulPort + k * stride,
              s.consulServerPort + k * stride,
              self,
              s.consulSerfWanPort + k * stride,
              serfs.stream().filter(p -> p != self).toList()));
    }
    out.add(
        new Agent(Processes.CONSUL, false, 0, s.consulPort, -1, s.consulSerfLanPort, -1, serfs));
    return out;
  }
}
