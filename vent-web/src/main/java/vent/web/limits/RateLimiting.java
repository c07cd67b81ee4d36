package vent.web.limits;

import java.util.List;

/**
 * The Jersey components of vent-web's Sentinel protection, for {@code JerseyEnvironment.register}.
 */
public final class RateLimiting {

  private RateLimiting() {}

  /**
   * @param clientIps where the per-IP limits read the client's address
   * @return the request/response filters and the exit safety net
   */
  public static List<Object> components(ClientIps clientIps) {
    return List.of(
        new SentinelRouteFilter(clientIps), new SentinelQuotaFilter(), new SentinelExitListener());
  }
}
