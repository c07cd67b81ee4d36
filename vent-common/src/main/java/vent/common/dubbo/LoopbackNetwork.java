package vent.common.dubbo;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes Dubbo register and call on 127.0.0.1.
 *
 * <p>Dubbo ignores a loopback {@code host} setting and picks the first non-loopback address; hiding
 * every non-loopback interface from it ({@code dubbo.network.interface.ignored}) makes it fall back
 * to 127.0.0.1 ({@code DUBBO_IP_TO_BIND}/{@code DUBBO_IP_TO_REGISTRY} = 127.0.0.1 are rejected).
 * Must run before Dubbo is first touched.
 */
public final class LoopbackNetwork {

  static final String IGNORED_INTERFACES = "dubbo.network.interface.ignored";

  private LoopbackNetwork() {}

  /** Sets the system property unless the operator already set it. */
  public static void apply() {
    if (System.getProperty(IGNORED_INTERFACES) != null) {
      return;
    }
    String names = nonLoopbackInterfaceNames().stream().collect(Collectors.joining(","));
    if (!names.isEmpty()) {
      System.setProperty(IGNORED_INTERFACES, names);
    }
  }

  static List<String> nonLoopbackInterfaceNames() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(
              nic -> {
                try {
                  return !nic.isLoopback();
                } catch (SocketException e) {
                  return true;
                }
              })
          .map(NetworkInterface::getName)
          .sorted()
          .toList();
    } catch (SocketException e) {
      throw new IllegalStateException("cannot list network interfaces", e);
    }
  }
}
