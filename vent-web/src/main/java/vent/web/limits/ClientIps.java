package vent.web.limits;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;

/**
 * The client's IP address, as the per-IP limits and the auth provider's login checks see it.
 *
 * <p>By default the connection's remote address: vent-web binds 127.0.0.1 and no proxy stands in
 * front of it, so {@code X-Forwarded-For} is whatever the client chose to send and is ignored.
 * With {@code api.trustForwardedFor: true} (only behind a reverse proxy that sets the header) the
 * first entry of {@code X-Forwarded-For} is used when present.
 */
public final class ClientIps {

  /** Longest text taken from {@code X-Forwarded-For} (an IPv6 address has at most 45 characters). */
  static final int MAX_CHARS = 64;

  private final boolean trustForwardedFor;

  /** @param trustForwardedFor read the first {@code X-Forwarded-For} entry (behind a proxy only) */
  public ClientIps(boolean trustForwardedFor) {
    this.trustForwardedFor = trustForwardedFor;
  }

  /**
   * @param headers the request's headers by name ({@code X-Forwarded-For} is read when trusted)
   * @param servlet the servlet request, or a proxy that fails outside a servlet container
   * @return the address, e.g. {@code 127.0.0.1}; empty when unknown (in-memory test container)
   */
  public String of(Function<String, String> headers, HttpServletRequest servlet) {
    if (trustForwardedFor) {
      String forwarded = headers.apply("X-Forwarded-For");
      if (forwarded != null) {
        int comma = forwarded.indexOf(',');
        String first = (comma >= 0 ? forwarded.substring(0, comma) : forwarded).strip();
        if (!first.isEmpty()) {
          return first.length() > MAX_CHARS ? first.substring(0, MAX_CHARS) : first;
        }
      }
    }
    return remoteAddress(servlet);
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
