package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In the one-machine stack nothing is meant for other hosts: Sentinel's command ports can rewrite
 * every rule, a provider's Triple port serves every RPC, Redis and Consul hold every secret, and
 * even vent-web listens on loopback by configuration (a proxy in front publishes it). A second host
 * is simulated with a network namespace joined to this one by a veth pair (the test's own private
 * link, 10.213.(77 + port shift / 1000).0/30).
 *
 * <p>The ports are not a hand-kept list: they are read with {@code ss} for the PIDs of every
 * process the launcher started (its {@code run/*.pid} files), so a port added tomorrow is checked
 * too. Each test has its positive control: a socket this test opens on all interfaces is reached
 * from the namespace, so a refusal means the port, not the link.
 */
@SharedStack
class OtherHostIT {

  private static final String SUBNET = "10.213." + (77 + Stack.PORT_SHIFT / 1000) + ".";
  private static final String HOST_SIDE = SUBNET + "1";
  private static final List<String> SENTINEL_PROCESSES =
      List.of(
          "web",
          "user-1",
          "user-2",
          "relation-1",
          "relation-2",
          "auth-1",
          "auth-2",
          "captcha-1",
          "captcha-2");
  private static Stack stack;
  private static String namespace;
  private static String hostVeth;

  /** A listening socket of a stack process: its name, pid, local address and port. */
  record Listener(String process, long pid, String address, int port) {}

  @BeforeAll
  static void otherHost(Stack shared) throws Exception {
    stack = shared;
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
    // Sentinel opens a command port on its first guarded call: make sure every one is open.
    for (String process : SENTINEL_PROCESSES) {
      if (stack.pid(process) > 0) {
        assertThat(stack.sentinel().rulesOn(process, "flow"))
            .as("%s command port answers on loopback", process)
            .startsWith("[");
      }
    }
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
  void everyTcpPortOfTheStackRefusesConnectionsFromAnotherHost() throws Exception {
    try (ServerSocket control = new ServerSocket(0, 10, InetAddress.getByName("0.0.0.0"))) {
      assertThat(connectFromOtherHost(control.getLocalPort()))
          .as("a socket on all interfaces is reachable")
          .isTrue();
    }
    List<Listener> listeners = listeners("-ltnpH");
    Map<String, List<Integer>> byProcess = new TreeMap<>();
    listeners.forEach(
        l -> byProcess.computeIfAbsent(l.process(), k -> new ArrayList<>()).add(l.port()));
    System.out.println("event=other_host_tcp_ports " + byProcess);
    // Every process the launcher started listens somewhere; the scan saw them all.
    assertThat(byProcess.keySet()).containsAll(stackProcesses().keySet());
    assertThat(listeners)
        .extracting(Listener::port)
        .contains(
            stack.settings().redisPort(),
            stack.settings().consulPort(),
            stack.settings().httpPort(),
            stack.settings().adminPort())
        .contains(
            SENTINEL_PROCESSES.stream()
                .filter(p -> stack.pid(p) > 0)
                .map(stack.sentinel()::commandPort)
                .toArray(Integer[]::new));
    for (Listener l : listeners) {
      assertThat(connect(l.address(), l.port()))
          .as("%s answers on %s:%d", l.process(), l.address(), l.port())
          .isTrue();
      assertThat(connectFromOtherHost(l.port()))
          .as("%s port %d from another host", l.process(), l.port())
          .isFalse();
    }
  }

  @Test
  void everyUdpPortOfTheStackIsBoundToLoopback() throws Exception {
    // UDP has no refusal to test; what matters is that nothing from the link can reach the socket.
    try (DatagramSocket control = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
      control.setSoTimeout(5000);
      Process send =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  namespace,
                  "bash",
                  "-c",
                  "echo ping > /dev/udp/" + HOST_SIDE + "/" + control.getLocalPort())
              .redirectErrorStream(true)
              .start();
      assertThat(send.waitFor(10, TimeUnit.SECONDS)).isTrue();
      DatagramPacket packet = new DatagramPacket(new byte[16], 16);
      control.receive(packet);
      assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
          .startsWith("ping");
    }
    // Sockets in the kernel's ephemeral range are clients' (the JVMs' DNS resolvers, bound to all
    // interfaces by Netty): they are not services, and are listed, not judged. (readString of a
    // /proc file returns a truncated text: procfs reports size 0.)
    int[] ephemeral =
        Arrays.stream(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .strip()
                    .split("\\s+"))
            .mapToInt(Integer::parseInt)
            .toArray();
    Map<Boolean, List<Listener>> byRange =
        listeners("-lunpH").stream()
            .collect(
                Collectors.partitioningBy(
                    l -> l.port() >= ephemeral[0] && l.port() <= ephemeral[1]));
    System.out.println(
        "event=other_host_udp_ports services="
            + byRange.get(false)
            + " ephemeral_client_sockets="
            + byRange.get(true).size());
    for (Listener l : byRange.get(false)) {
      assertThat(InetAddress.getByName(l.address()).isLoopbackAddress())
          .as("%s UDP port %d bound to %s", l.process(), l.port(), l.address())
          .isTrue();
    }
  }

  /** Launcher name -> pid, from its {@code run/*.pid} files, for the processes still running. */
  private static Map<String, Long> stackProcesses() throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (var files = Files.list(stack.state().resolve("run"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
        String name = f.getFileName().toString().replace(".pid", "");
        long pid = stack.pid(name);
        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          out.put(name, pid);
        }
      }
    }
    return out;
  }

  /** The sockets {@code ss <flags>} lists for the stack's PIDs (and their child processes). */
  private static List<Listener> listeners(String flags) throws Exception {
    Map<Long, String> names = new HashMap<>();
    stackProcesses()
        .forEach(
            (name, pid) -> {
              names.put(pid, name);
              ProcessHandle.of(pid)
                  .ifPresent(h -> h.descendants().forEach(c -> names.put(c.pid(), name)));
            });
    Process ss = new ProcessBuilder("ss", flags).redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<Listener> found = new ArrayList<>();
    Pattern line =
        Pattern.compile("^\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+\\s+users:\\((.*)\\)\\s*$");
    Pattern pid = Pattern.compile("pid=(\\d+)");
    for (String l : out.split("\\R")) {
      Matcher m = line.matcher(l.strip());
      if (!m.matches()) {
        continue;
      }
      Matcher p = pid.matcher(m.group(3));
      while (p.find()) {
        String name = names.get(Long.parseLong(p.group(1)));
        if (name != null) {
          String address =
              m.group(1).replaceAll("^\\[|\\]$", "").replaceAll("%.*$", "").replace("*", "0.0.0.0");
          found.add(
              new Listener(
                  name, Long.parseLong(p.group(1)), address, Integer.parseInt(m.group(2))));
          break;
        }
      }
    }
    return found;
  }

  private static boolean connect(String address, int port) {
    String host =
        address.equals("*") || address.equals("0.0.0.0") || address.equals("::")
            ? "127.0.0.1"
            : address;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 3000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean connectFromOtherHost(int port) throws Exception {
    Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                namespace,
                "timeout",
                "5",
                "bash",
                "-c",
                "exec 3<>/dev/tcp/" + HOST_SIDE + "/" + port)
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (the test needs root and iproute2): " + out);
    }
  }

  private static void runQuietly(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
