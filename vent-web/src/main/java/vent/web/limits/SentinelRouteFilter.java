package vent.web.limits;

import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Enters Sentinel for every matched REST route, before authentication: the route's resource
 * ({@code GET /users/{id}}, {@link EntryType#IN}, so the system rule applies to it), then
 * {@value SentinelResources#CLIENT_IP} with the client's IP, then, for log-in, registration and
 * refresh, {@value SentinelResources#LOGIN_IP} with the client's IP. A refused request is
 * answered by {@link RateLimitResponses} without running anything further.
 *
 * <p>Priority {@code AUTHENTICATION - 100}: before the bearer-token filter, so a flood of
 * requests with bad tokens is limited by route and by IP before any signature is checked, and
 * is counted like any other request. The per-user limit needs the verified caller and runs
 * after authentication ({@link SentinelUserFilter}).
 *
 * <p>As a response filter it exits every entry of the request, in reverse order, whatever the
 * outcome (a resource's answer, a mapped exception, an authentication failure, a refusal);
 * 5xx answers are traced as errors of the route. {@link SentinelExitListener} covers the
 * paths where Jersey skips the response filters.
 *
 * <p>Only route entries are {@link EntryType#IN}: Sentinel's
 * system rule counts every inbound entry, so one inbound entry per request keeps its QPS and
 * concurrency thresholds in requests. The per-client entries are {@link EntryType#OUT}.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class SentinelRouteFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private final ClientIps clientIps;

  /** A thread-local proxy to the current request (Jersey injects it); fails outside a servlet container. */
  @Context private HttpServletRequest servletRequest;

  public SentinelRouteFilter(ClientIps clientIps) {
    this.clientIps = clientIps;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    ResourceMethod method = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
    if (method == null) {
      return;
    }
    SentinelResources.Route route = SentinelResources.route(method, request.getMethod());
    String ip = clientIps.of(request::getHeaderString, servletRequest);
    SentinelEntries entries = SentinelEntries.begin(request);
    String resource = route.name();
    try {
      entries.enter(resource, EntryType.IN, null);
      resource = SentinelResources.CLIENT_IP;
      entries.enter(resource, EntryType.OUT, ip);
      if (route.login()) {
        resource = SentinelResources.LOGIN_IP;
        entries.enter(resource, EntryType.OUT, ip);
      }
    } catch (BlockException e) {
      entries.blocked();
      request.abortWith(RateLimitResponses.of(e, resource, request.getUriInfo().getRequestUri().getRawPath()));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    SentinelEntries entries = SentinelEntries.take(request);
    if (entries != null) {
      if (response.getStatus() >= 500) {
        entries.traceServerError(response.getStatus());
      }
      entries.exitAll();
    }
  }
}
