package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientIpsTest {

  private static final Function<String, String> NO_HEADERS = name -> null;

  private static HttpServletRequest remote(String address) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ClientIpsTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getRemoteAddr")) {
                return address;
              }
              throw new IllegalStateException("not in a servlet request");
            });
  }

  private static Function<String, String> xff(String value) {
    return Map.of("X-Forwarded-For", value)::get;
  }

  /**
   * The client address {@code ips} sees for a connection from {@code peer} carrying {@code
   * X-Forwarded-For}.
   */
  private static String client(ClientIps ips, String peer, String forwardedFor) {
    return ips.of(forwardedFor == null ? NO_HEADERS : xff(forwardedFor), remote(peer));
  }

  @Test
  void withNoTrustedProxyTheConnectionsAddressIsUsedAndForwardedForIgnored() {
    ClientIps ips = ClientIps.trusting("");
    assertThat(ips.trustedProxies()).isEmpty();
    assertThat(client(ips, "127.0.0.1", "203.0.113.9")).isEqualTo("127.0.0.1");
    assertThat(client(ips, "127.0.0.1", null)).isEqualTo("127.0.0.1");
    assertThat(client(ClientIps.trusting(null), "198.51.100.3", "203.0.113.9"))
        .isEqualTo("198.51.100.3");
  }

  @Test
  void anUntrustedPeerSendingForwardedForIsItself() {
    ClientIps ips = ClientIps.trusting("10.0.0.0/8");
    assertThat(client(ips, "198.51.100.3", "203.0.113.9")).isEqualTo("198.51.100.3");
    assertThat(client(ips, "198.51.100.3", "10.0.0.1"))
        .as("claiming to be a trusted proxy changes nothing")
        .isEqualTo("198.51.100.3");
  }

  @Test
  void behindATrustedProxyTheRightmostUntrustedEntryIsTheClient() {
    ClientIps ips = ClientIps.trusting("10.0.0.5");
    assertThat(client(ips, "10.0.0.5", "203.0.113.9")).isEqualTo("203.0.113.9");
    // An appending proxy: whatever the client put first is left of what the proxy saw.
    assertThat(client(ips, "10.0.0.5", "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(client(ips, "10.0.0.5", "evil, 1.2.3.4 ,203.0.113.9")).isEqualTo("203.0.113.9");
  }

  @Test
  void trustedHopsAreSkippedFromTheRight() {
    ClientIps ips = ClientIps.trusting(" 10.0.0.0/8 , 192.168.1.7, fd00::/8");
    assertThat(ips.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.7", "fd00::/8");
    assertThat(client(ips, "10.1.1.1", "1.2.3.4, 203.0.113.9, 192.168.1.7, 10.2.2.2"))
        .isEqualTo("203.0.113.9");
    assertThat(client(ips, "fd00::1", "2001:db8::9, fd12::1")).isEqualTo("2001:db8::9");
    // Every hop trusted: the leftmost one read is as far as the chain can be believed.
    assertThat(client(ips, "10.1.1.1", "10.3.3.3, 192.168.1.7")).isEqualTo("10.3.3.3");
  }

  @Test
  void ipv6IsAcceptedAndCanonical() {
    ClientIps ips = ClientIps.trusting("::1, 127.0.0.1/32");
    assertThat(client(ips, "::1", "2001:DB8:0:0::1")).isEqualTo("2001:db8::1");
    assertThat(client(ips, "0:0:0:0:0:0:0:1", "2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(client(ips, "[::1]", "2001:db8::2")).as("a bracketed peer").isEqualTo("2001:db8::2");
    assertThat(client(ips, "127.0.0.1", "::ffff:203.0.113.9"))
        .as("IPv4-mapped is the IPv4 address")
        .isEqualTo("203.0.113.9");
    assertThat(client(ClientIps.trusting(""), "0:0:0:0:0:0:0:1", null)).isEqualTo("::1");
  }

  @Test
  void spacesAndEmptyEntriesAroundAddressesAreTolerated() {
    ClientIps ips = ClientIps.trusting("127.0.0.1");
    assertThat(client(ips, "127.0.0.1", "  203.0.113.9  ")).isEqualTo("203.0.113.9");
    assertThat(client(ips, "127.0.0.1", "203.0.113.9,\t127.0.0.1 ")).isEqualTo("203.0.113.9");
    // Several X-Forwarded-For headers arrive joined by commas, in order.
    assertThat(client(ips, "127.0.0.1", "1.2.3.4,203.0.113.9")).isEqualTo("203.0.113.9");
  }

  @Test
  void anythingButAnIpLiteralEndsTheWalkAtTheLastTrustedHop() {
    ClientIps ips = ClientIps.trusting("127.0.0.1, 10.0.0.0/8");
    for (String garbage :
        List.of(
            "",
            " ",
            ",",
            "unknown",
            "localhost",
            "example.com",
            "203.0.113.9:4711",
            "_hidden",
            "1.2.3",
            "256.1.1.1",
            "1.2.3.4.5",
            "x".repeat(500),
            "203.0.113.9\u0000",
            "2001:db8::1::2",
            "${jndi:ldap://x}",
            "1.2.3.4 5.6.7.8",
            "[2001:db8::1]:443")) {
      assertThat(client(ips, "127.0.0.1", garbage))
          .as("X-Forwarded-For '%s'", garbage)
          .isEqualTo("127.0.0.1");
      assertThat(client(ips, "127.0.0.1", "203.0.113.9, " + garbage + ", 10.0.0.9"))
          .as("'%s' between a client and a trusted hop", garbage)
          .isEqualTo("10.0.0.9");
    }
  }

  @Test
  void aLongChainIsReadOnlyFromTheRightEnd() {
    ClientIps ips = ClientIps.trusting("10.0.0.0/8");
    String trustedHops =
        String.join(",", java.util.Collections.nCopies(ClientIps.MAX_HOPS, "10.9.9.9"));
    assertThat(client(ips, "10.0.0.1", "203.0.113.9," + trustedHops))
        .as("too many hops: the last one read")
        .isEqualTo("10.9.9.9");
    String manyClaims = "1.1.1.1,".repeat(5000) + "203.0.113.9";
    assertThat(client(ips, "10.0.0.1", manyClaims)).isEqualTo("203.0.113.9");
  }

  @Test
  void aTrustedProxyListWithSomethingElseIsRefused() {
    for (String bad :
        List.of(
            "proxy.example.com",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/-1",
            "10.0.0.0/",
            "10.0.0.1-10.0.0.9",
            "1.2.3",
            "10.0.0.0/8/8",
            "/8")) {
      assertThatThrownBy(() -> ClientIps.trusting(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
    assertThat(ClientIps.trusting("0.0.0.0/0").trustedProxies()).containsExactly("0.0.0.0/0");
  }

  @Test
  void anUnknownAddressIsEmpty() {
    ClientIps ips = ClientIps.trusting("127.0.0.1");
    assertThat(ips.of(NO_HEADERS, null)).isEmpty();
    assertThat(ips.of(xff("203.0.113.9"), null))
        .as("no connection: X-Forwarded-For is not believed")
        .isEmpty();
    HttpServletRequest outsideOfARequest =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                ClientIpsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("not in a servlet request");
                });
    assertThat(ips.of(NO_HEADERS, outsideOfARequest)).isEmpty();
  }
}
