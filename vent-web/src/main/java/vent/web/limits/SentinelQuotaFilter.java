package vent.web.limits;

import com.alibaba.csp.sentinel.slots.block.BlockException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import vent.web.auth.VentPrincipal;

/**
 * The Sentinel entries that come after authentication: for an authenticated caller {@value
 * SentinelResources#CLIENT_USER} and the route's own per-user limit (e.g. {@value
 * SentinelResources#PASSWORD_USER}) with the caller's user id, then, for every request, the route's
 * shared quota ({@code GET /users/{id}}, the request's one {@code EntryType.IN} entry).
 *
 * <p>Priority {@code AUTHENTICATION + 100}: right after the bearer-token filter (1000) has verified
 * the caller, before any authorization (2000). A request whose token is refused never gets here
 * (the bearer filter aborts it), and one refused per IP or per user never enters the route: only
 * requests every per-client limit let through may spend the quota all clients share. A refused
 * request is answered by {@link RateLimitResponses}. The entries are exited with the others by
 * {@link SentinelRouteFilter}.
 */
@Priority(Priorities.AUTHENTICATION + 100)
public final class SentinelQuotaFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    SentinelEntries entries = SentinelEntries.of(request);
    if (entries == null || entries.isBlocked()) {
      return;
    }
    SecurityContext security = request.getSecurityContext();
    Principal principal = security == null ? null : security.getUserPrincipal();
    SentinelResources.Route route = entries.route();
    String resource = SentinelResources.CLIENT_USER;
    Object arg = null;
    try {
      if (principal instanceof VentPrincipal caller) {
        arg = caller.userId();
        entries.enterPerClient(resource, caller.userId());
        if (route.userLimit() != null) {
          resource = route.userLimit();
          entries.enterPerClient(resource, caller.userId());
        }
      }
      resource = route.name();
      arg = null;
      entries.enterRoute();
    } catch (BlockException e) {
      entries.blocked(resource, arg);
      request.abortWith(
          RateLimitResponses.of(e, resource, request.getUriInfo().getRequestUri().getRawPath()));
    }
  }
}
