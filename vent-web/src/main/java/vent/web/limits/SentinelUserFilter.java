package vent.web.limits;

import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import vent.web.auth.VentPrincipal;

/**
 * Enters {@value SentinelResources#CLIENT_USER} with the caller's user id for authenticated
 * requests. Priority {@code AUTHENTICATION + 100}: right after the bearer-token filter (1000) has
 * verified the caller, before any authorization (2000). The entry is exited with the others by
 * {@link SentinelRouteFilter}.
 */
@Priority(Priorities.AUTHENTICATION + 100)
public final class SentinelUserFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    SecurityContext security = request.getSecurityContext();
    Principal principal = security == null ? null : security.getUserPrincipal();
    SentinelEntries entries = SentinelEntries.of(request);
    if (!(principal instanceof VentPrincipal caller) || entries == null || entries.isBlocked()) {
      return;
    }
    try {
      entries.enter(SentinelResources.CLIENT_USER, EntryType.OUT, caller.userId());
    } catch (BlockException e) {
      entries.blocked();
      request.abortWith(RateLimitResponses.of(e, SentinelResources.CLIENT_USER,
          request.getUriInfo().getRequestUri().getRawPath()));
    }
  }
}
