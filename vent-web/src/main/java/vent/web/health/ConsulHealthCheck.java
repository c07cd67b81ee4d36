package vent.web.health;

import com.codahale.metrics.health.HealthCheck;

/** {@code consul}: healthy when Consul answers and has a Raft leader (GET /v1/status/leader). */
public final class ConsulHealthCheck extends HealthCheck {

  private final ConsulHttp consul;

  public ConsulHealthCheck(ConsulHttp consul) {
    this.consul = consul;
  }

  @Override
  protected Result check() throws Exception {
    String leader = consul.leader();
    return leader.isEmpty()
        ? Result.unhealthy("Consul has no leader")
        : Result.healthy("leader " + leader);
  }
}
