package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientIpsTest {

  private static HttpServletRequest remote(String address) {
    return (HttpServletRequest) Proxy.newProxyInstance(ClientIpsTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
          if (method.getName().equals("getRemoteAddr")) {
            return address;
          }
          throw new IllegalStateException("not in a servlet request");
        });
  }

  @Test
  void theConnectionsAddressIsUsedAndForwardedForIgnoredByDefault() {
    ClientIps ips = new ClientIps(false);
    assertThat(ips.of(Map.of("X-Forwarded-For", "203.0.113.9")::get, remote("127.0.0.1"))).isEqualTo("127.0.0.1");
  }

  @Test
  void whenTrustedTheFirstForwardedForEntryIsUsed() {
    ClientIps ips = new ClientIps(true);
    assertThat(ips.of(Map.of("X-Forwarded-For", " 203.0.113.9 , 10.0.0.1")::get, remote("127.0.0.1")))
        .isEqualTo("203.0.113.9");
    assertThat(ips.of(Map.of("X-Forwarded-For", "2001:db8::1")::get, remote("127.0.0.1"))).isEqualTo("2001:db8::1");
    assertThat(ips.of(Map.of("X-Forwarded-For", " ,10.0.0.1")::get, remote("127.0.0.1"))).isEqualTo("127.0.0.1");
    assertThat(ips.of(Map.<String, String>of()::get, remote("127.0.0.1"))).isEqualTo("127.0.0.1");
    assertThat(ips.of(Map.of("X-Forwarded-For", "x".repeat(500))::get, remote("127.0.0.1"))).hasSize(ClientIps.MAX_CHARS);
  }

  @Test
  void anUnknownAddressIsEmpty() {
    ClientIps ips = new ClientIps(false);
    assertThat(ips.of(name -> null, null)).isEmpty();
    HttpServletRequest outsideOfARequest = (HttpServletRequest) Proxy.newProxyInstance(
        ClientIpsTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
          throw new IllegalStateException("not in a servlet request");
        });
    assertThat(ips.of(name -> null, outsideOfARequest)).isEmpty();
  }
}
