package vent.web.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.security.Principal;

/**
 * Bearer authentication from the {@code Authorization: Bearer <token>} header only (RFC 6750
 * section 2.1). Dropwizard's {@code OAuthCredentialAuthFilter} also takes an {@code ?access_token=}
 * query parameter, which ends up in access logs, proxy logs, browser history and {@code Referer}
 * headers; this filter ignores the query entirely, so such a request is unauthenticated (401
 * UNAUTHENTICATED through the unauthorized handler).
 *
 * @param <P> the principal the authenticator returns
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerHeaderAuthFilter<P extends Principal> extends AuthFilter<String, P> {

  private BearerHeaderAuthFilter() {}

  @Override
  public void filter(ContainerRequestContext request) {
    String token = tokenOf(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    if (!authenticate(request, token, "BEARER")) {
      throw unauthorizedHandler.buildException(prefix, realm);
    }
  }

  /**
   * @return what follows the scheme ({@code prefix}, any case, then one space), or null
   */
  private String tokenOf(String header) {
    if (header == null) {
      return null;
    }
    int space = header.indexOf(' ');
    if (space <= 0 || !prefix.equalsIgnoreCase(header.substring(0, space))) {
      return null;
    }
    return header.substring(space + 1);
  }

  /**
   * Builds the filter; set the prefix ({@code Bearer}), realm, authenticator and unauthorized
   * handler.
   */
  public static final class Builder<P extends Principal>
      extends AuthFilterBuilder<String, P, BearerHeaderAuthFilter<P>> {
    @Override
    protected BearerHeaderAuthFilter<P> newInstance() {
      return new BearerHeaderAuthFilter<>();
    }
  }
}
