package vent.bench.baseline;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.redis.RedissonFactory;

/**
 * Baseline B1: the "monolith" the microservices are compared with. It serves vent-web's {@code GET
 * /api/v1/users/{id}} and {@code GET /api/v1/users/{id}/followers} with the same JSON, but reads
 * the providers' Redis keys itself: no RPC, no Consul, no Sentinel, no auth.
 *
 * <p>Run: {@code java -cp bench/target/vent-bench.jar:bench/target/lib/*
 * vent.bench.baseline.BaselineApplication server bench/baseline.yml} (API on 127.0.0.1:8090, admin
 * on 127.0.0.1:8091 unless {@code VENT_BASELINE_HTTP_PORT} / {@code VENT_BASELINE_ADMIN_PORT} say
 * otherwise; Redis from {@code VENT_REDIS_MODE}, {@code VENT_REDIS_ADDRESSES}, {@code
 * VENT_REDIS_PASSWORD}).
 */
public final class BaselineApplication extends Application<BaselineConfiguration> {

  private static final Logger LOG = LoggerFactory.getLogger(BaselineApplication.class);

  /**
   * @param args Dropwizard's: {@code server CONFIG} or {@code check CONFIG}
   */
  public static void main(String[] args) throws Exception {
    new BaselineApplication().run(args);
  }

  @Override
  public String getName() {
    return "vent-bench-baseline";
  }

  @Override
  public void initialize(Bootstrap<BaselineConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
  }

  @Override
  public void run(BaselineConfiguration config, Environment environment) {
    // Connects at once, like the providers: a wrong address fails the start, not the first request.
    RedissonClient redis = RedissonFactory.create(config.redis);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                redis.shutdown();
              }
            });
    environment.jersey().register(new ProblemMapper());
    environment
        .jersey()
        .register(
            new BaselineUserResource(
                new RedisReads(redis), config.api.defaultPageSize, config.api.maxPageSize));
    environment
        .healthChecks()
        .register(
            "redis",
            new HealthCheck() {
              @Override
              protected Result check() {
                return redis.getRedisNodes(RedisNodes.SINGLE).pingAll(2, TimeUnit.SECONDS)
                    ? Result.healthy("PONG from " + config.redis.addresses)
                    : Result.unhealthy("no PONG from " + config.redis.addresses);
              }
            });
    LOG.info(
        "event=baseline_configured redis={} poolSize={}",
        config.redis.addresses,
        config.redis.connectionPoolSize);
  }
}
