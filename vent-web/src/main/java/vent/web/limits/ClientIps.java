package vent.web.limits;

import com.google.common.net.InetAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The client's IP address, as the per-IP limits and the auth provider's login checks see it.
 *
 * <p>By default (no trusted proxy) the connection's remote address: {@code X-Forwarded-For} is
 * whatever the client chose to send and is ignored. With trusted proxies ({@code
 * api.trustedProxies}, addresses or CIDR blocks), and only when the connection comes from one of
 * them, {@code X-Forwarded-For} is walked from the right, the end an appending proxy writes:
 * trusted hops are skipped and the first untrusted entry is the client. An entry that is not an IP
 * literal (a name, a port, {@code unknown}, garbage) ends the walk, and the last trusted hop is the
 * client, so a key is never made of text a client chose. At most {@value #MAX_HOPS} entries are
 * read.
 *
 * <p>Addresses are returned in canonical form ({@code 2001:db8::1}, never {@code 2001:DB8:0::1}),
 * so one client has one bucket whatever spelling it sends.
 */
public final class ClientIps {

  /**
   * Most {@code X-Forwarded-For} entries read, from the right; a longer chain ends at the last
   * trusted hop read.
   */
  static final int MAX_HOPS = 16;

  /** Longest entry taken as an address candidate (an IPv6 literal with a scope id fits). */
  static final int MAX_ENTRY_CHARS = 64;

  private final InetAddressSet trusted = new InetAddressSet();
  private final List<String> trustedSpec;

  /**
   * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} is believed: IP
   *     literals ({@code 10.0.0.5}, {@code ::1}) or CIDR blocks ({@code 10.0.0.0/8}, {@code
   *     fd00::/8}); empty = none, the connection's address is always the client's
   * @throws IllegalArgumentException an entry is not an IP literal or CIDR block (host names are
   *     refused: they would need DNS, and a proxy's name can point anywhere)
   */
  public ClientIps(List<String> trustedProxies) {
    List<String> spec = new ArrayList<>();
    for (String entry : trustedProxies) {
      String pattern = entry.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      validate(pattern);
      trusted.add(pattern);
      spec.add(pattern);
    }
    this.trustedSpec = List.copyOf(spec);
  }

  /**
   * @param commaSeparated {@code api.trustedProxies} as configured, e.g. {@code "127.0.0.1/32,
   *     10.0.0.0/8"}; blank = none
   * @throws IllegalArgumentException as {@link #ClientIps(List)}
   */
  public static ClientIps trusting(String commaSeparated) {
    return new ClientIps(commaSeparated == null ? List.of() : List.of(commaSeparated.split(",")));
  }

  /**
   * @return the trusted proxies as configured (stripped, blanks dropped)
   */
  public List<String> trustedProxies() {
    return trustedSpec;
  }

  /**
   * @param headers the request's headers by name; several {@code X-Forwarded-For} headers must come
   *     joined by commas in order (JAX-RS {@code getHeaderString} does that)
   * @param servlet the servlet request, or a proxy that fails outside a servlet container
   * @return the address in canonical form, e.g. {@code 127.0.0.1}; empty when the connection's
   *     address is unknown (in-memory test container) and no trusted proxy named one
   */
  public String of(Function<String, String> headers, HttpServletRequest servlet) {
    return ofPeer(headers, remoteAddress(servlet));
  }

  /**
   * As {@link #of(Function, HttpServletRequest)}, with the connection's address already read (by
   * {@link PeerAddressFilter}).
   *
   * @param headers as {@link #of(Function, HttpServletRequest)}
   * @param remote the connection's remote address as the servlet container gives it, e.g. {@code
   *     127.0.0.1} or {@code [::1]}; empty when unknown
   * @return as {@link #of(Function, HttpServletRequest)}
   */
  public String ofPeer(Function<String, String> headers, String remote) {
    InetAddress peer = parse(remote);
    if (peer == null) {
      return remote.length() > MAX_ENTRY_CHARS ? "" : remote;
    }
    if (trustedSpec.isEmpty() || !trusted.test(peer)) {
      return InetAddresses.toAddrString(peer);
    }
    String forwarded = headers.apply("X-Forwarded-For");
    InetAddress client = peer;
    int end = forwarded == null ? -1 : forwarded.length();
    for (int hops = 0; end >= 0 && hops < MAX_HOPS; hops++) {
      int comma = forwarded.lastIndexOf(',', end - 1);
      InetAddress hop = parse(forwarded.substring(comma + 1, end));
      if (hop == null) {
        break;
      }
      client = hop;
      if (!trusted.test(hop)) {
        break;
      }
      end = comma;
    }
    return InetAddresses.toAddrString(client);
  }

  /**
   * @param servlet the servlet request, or a proxy that fails outside a servlet container
   * @return true when the connection itself comes from one of the trusted proxies (whose headers,
   *     such as {@code X-Forwarded-For} and {@code X-Request-Id}, are then believed); false with no
   *     trusted proxy configured or an unknown peer address
   */
  public boolean fromTrustedProxy(HttpServletRequest servlet) {
    InetAddress peer = parse(remoteAddress(servlet));
    return peer != null && !trustedSpec.isEmpty() && trusted.test(peer);
  }

  /** An IP literal, or null for anything else (never a DNS lookup). */
  static InetAddress parse(String text) {
    String candidate = text.strip();
    if (candidate.isEmpty() || candidate.length() > MAX_ENTRY_CHARS) {
      return null;
    }
    if (candidate.startsWith("[") && candidate.endsWith("]")) {
      // Jetty writes an IPv6 peer in brackets on some paths.
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    try {
      return InetAddresses.forString(candidate);
    } catch (IllegalArgumentException notAnIpLiteral) {
      return null;
    }
  }

  private static void validate(String pattern) {
    int slash = pattern.indexOf('/');
    String address = slash < 0 ? pattern : pattern.substring(0, slash);
    InetAddress parsed = parse(address);
    if (parsed == null || !address.equals(address.strip())) {
      throw new IllegalArgumentException(
          "trusted proxy '" + pattern + "' is not an IP address or CIDR block");
    }
    if (slash >= 0) {
      String bits = pattern.substring(slash + 1);
      int max = parsed.getAddress().length * 8;
      if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > max) {
        throw new IllegalArgumentException(
            "trusted proxy '" + pattern + "': prefix length must be 0 to " + max);
      }
    }
  }

  private static String remoteAddress(HttpServletRequest servlet) {
    try {
      String address = servlet == null ? null : servlet.getRemoteAddr();
      return address == null ? "" : address;
    } catch (RuntimeException noServletRequest) {
      return "";
    }
  }
}
