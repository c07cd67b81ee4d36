package vent.web.limits;

import com.alibaba.csp.sentinel.slots.block.BlockException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Starts a matched REST route's Sentinel entries, before authentication: {@value
 * SentinelResources#CLIENT_IP} with the client's IP, then the route's own per-IP limit if it has
 * one ({@value SentinelResources#LOGIN_IP} for log-in, registration and refresh, {@value
 * SentinelResources#CAPTCHA_IP} for captchas). The route's shared quota is entered last, after the
 * per-user limits, by {@link SentinelQuotaFilter}, so a request a per-client limit refuses never
 * spends it. A refused request is answered by {@link RateLimitResponses} without running anything
 * further.
 *
 * <p>Priority {@code AUTHENTICATION - 100}: before the bearer-token filter, so a flood of requests
 * with bad tokens is limited per IP before any signature is checked.
 *
 * <p>As a response filter it adds {@code RateLimit-Policy} and {@code RateLimit} for the rules the
 * request met ({@link RateLimitHeaders}), then exits every entry of the request, in reverse order,
 * whatever the outcome (a resource's answer, a mapped exception, an authentication failure, a
 * refusal); 5xx answers are traced as errors of the route. {@link SentinelExitListener} covers the
 * paths where Jersey skips the response filters.
 *
 * <p>Only route entries are {@code EntryType.IN}: Sentinel's system rule counts every inbound
 * entry, so one inbound entry per request keeps its QPS and concurrency thresholds in requests. The
 * per-client entries are {@code EntryType.OUT}.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class SentinelRouteFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private final ClientIps clientIps;

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
    String ip = clientIps.ofPeer(request::getHeaderString, PeerAddressFilter.of(request));
    SentinelEntries entries = SentinelEntries.begin(request, route);
    String resource = SentinelResources.CLIENT_IP;
    try {
      entries.enterPerClient(resource, ip);
      if (route.ipLimit() != null) {
        resource = route.ipLimit();
        entries.enterPerClient(resource, ip);
      }
    } catch (BlockException e) {
      entries.blocked(resource, ip);
      request.abortWith(
          RateLimitResponses.of(e, resource, request.getUriInfo().getRequestUri().getRawPath()));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    SentinelEntries entries = SentinelEntries.take(request);
    if (entries != null) {
      RateLimitHeaders.write(entries.met(), response.getHeaders());
      if (response.getStatus() >= 500) {
        entries.traceServerError(response.getStatus());
      }
      entries.exitAll();
    }
  }
}
