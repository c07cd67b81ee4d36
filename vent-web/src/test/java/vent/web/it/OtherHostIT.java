package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * In the one-machine stack nothing but vent-web's HTTP port is meant for other hosts: Sentinel's
 * command port can rewrite every rule, and a provider's Triple port serves every RPC without
 * authentication (Dubbo alone would listen on all interfaces, STACK-NOTES item 3). Both must
 * refuse connections from another host. A second host is simulated with a network namespace joined to this one by a veth pair (the
 * test's own private link, 10.213.(77 + port shift / 1000).0/30); from there, the command ports refuse connections,
 * while a socket this test opens on all interfaces accepts them (so the link itself works).
 * (The stack's HTTP port listens on loopback too, by configuration.)
 */
@Order(6)
class OtherHostIT {

  private static final String SUBNET = "10.213." + (77 + Stack.PORT_SHIFT / 1000) + ".";
  private static final String HOST_SIDE = SUBNET + "1";
  private static String namespace;
  private static String hostVeth;

  @BeforeAll
  static void otherHost() throws Exception {
    Stack.shared();
    String id = String.valueOf(ProcessHandle.current().pid() % 100000);
    namespace = "ventit" + id;
    hostVeth = "vi" + id + "a";
    String nsVeth = "vi" + id + "b";
    run("ip", "netns", "add", namespace);
    run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
    run("ip", "link", "set", nsVeth, "netns", namespace);
    run("ip", "addr", "add", HOST_SIDE + "/30", "dev", hostVeth);
    run("ip", "link", "set", hostVeth, "up");
    run("ip", "netns", "exec", namespace, "ip", "addr", "add", SUBNET + "2/30", "dev", nsVeth);
    run("ip", "netns", "exec", namespace, "ip", "link", "set", nsVeth, "up");
  }

  @AfterAll
  static void removeOtherHost() throws Exception {
    if (hostVeth != null) {
      runQuietly("ip", "link", "del", hostVeth);
    }
    if (namespace != null) {
      runQuietly("ip", "netns", "del", namespace);
    }
  }

  @Test
  void commandPortsRefuseConnectionsFromAnotherHost() throws Exception {
    try (ServerSocket control = new ServerSocket(0, 10, InetAddress.getByName("0.0.0.0"))) {
      assertThat(connectFromOtherHost(control.getLocalPort())).as("a socket on all interfaces is reachable").isTrue();
    }
    for (String process : List.of("web", "relation-1", "user-1")) {
      int port = SentinelRules.commandPort(process);
      assertThat(SentinelRules.rulesOn(process, "flow")).as("%s command port answers on loopback", process).startsWith("[");
      assertThat(connectFromOtherHost(port)).as("%s command port %d from another host", process, port).isFalse();
    }
  }

  @Test
  void providerPortsRefuseConnectionsFromAnotherHost() throws Exception {
    // Triple ports of the first instance of each provider (launcher: base + offset + i - 1).
    for (int base : new int[] {20880, 20890, 20900, 20910}) {
      int port = base + Stack.PORT_OFFSET;
      assertThat(connectOnLoopback(port)).as("provider port %d answers on loopback", port).isTrue();
      assertThat(connectFromOtherHost(port)).as("provider port %d from another host", port).isFalse();
    }
  }

  private static boolean connectOnLoopback(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean connectFromOtherHost(int port) throws Exception {
    Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "timeout", "5", "bash", "-c",
        "exec 3<>/dev/tcp/" + HOST_SIDE + "/" + port).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (the test needs root and iproute2): " + out);
    }
  }

  private static void runQuietly(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
