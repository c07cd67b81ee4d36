package vent.web.health;

import com.codahale.metrics.health.HealthCheck;

/**
 * {@code provider-<name>}: healthy when Consul lists at least one passing instance of the
 * provider's service (see {@link ProviderServices}).
 */
public final class ProviderHealthCheck extends HealthCheck {

  private final ConsulHttp consul;
  private final String service;

  /**
   * @param service Consul service name, e.g. {@code dev.vent.user.v1.UserService}
   */
  public ProviderHealthCheck(ConsulHttp consul, String service) {
    this.consul = consul;
    this.service = service;
  }

  @Override
  protected Result check() throws Exception {
    int passing = consul.passingProviders(service);
    return passing > 0
        ? Result.healthy(passing + " passing instance(s) of " + service)
        : Result.unhealthy("no passing instance of " + service + " in Consul");
  }
}
