package vent.web.limits;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;

/**
 * Hands the connection's remote address (the peer: the client, or a proxy in front of it) from the
 * servlet request to vent-web's Jersey filters, as the request attribute {@value #ATTRIBUTE}. In a
 * servlet container a Jersey request's properties are the servlet request's attributes, so {@link
 * #of(ContainerRequestContext)} reads it back with one map lookup.
 *
 * <p>Why not {@code @Context HttpServletRequest} in the Jersey filter: injected into a singleton it
 * is a proxy that looks the current request up through HK2 on every method call, about 5% of
 * vent-web's CPU samples under {@code GET /users/{id}} (docs/BENCHMARKS.md, "Profile of R1").
 */
public final class PeerAddressFilter implements Filter {

  /** The attribute (and Jersey request property) holding the address, a {@code String}. */
  public static final String ATTRIBUTE = "vent.web.peerAddress";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
    chain.doFilter(request, response);
  }

  /**
   * @return the peer's address as the servlet container gave it, e.g. {@code 127.0.0.1} or {@code
   *     [::1]}; empty when this filter did not run (an in-memory test container) or the container
   *     knows none
   */
  public static String of(ContainerRequestContext request) {
    return request.getProperty(ATTRIBUTE) instanceof String address ? address : "";
  }
}
