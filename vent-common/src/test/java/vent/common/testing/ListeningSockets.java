package vent.common.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local addresses this machine's TCP sockets listen on for a port, read from the kernel's
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} (Linux): what {@code ss -ltn} shows, without
 * sending a packet anywhere.
 */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /**
   * @return the addresses sockets listen on for {@code port}, e.g. {@code 127.0.0.1}, {@code
   *     0.0.0.0} or {@code 0:0:0:0:0:0:0:0}; a Java IPv6 socket bound to an IPv4 address
   *     (IPv4-mapped, {@code ::ffff:127.0.0.1}) is given as that IPv4 address
   */
  public static List<String> addresses(int port) {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> found = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        List<String> lines = Files.readAllLines(path);
        for (String line : lines.subList(1, lines.size())) {
          String[] cols = line.strip().split("\\s+");
          String[] local = cols[1].split(":");
          if (local[1].equals(hexPort) && cols[3].equals(LISTEN)) {
            found.add(decode(local[0]));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + table, e);
      }
    }
    return found;
  }

  /** The kernel writes each 32-bit word of the address in host byte order (little-endian here). */
  static String decode(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(hex, e);
    }
  }
}
