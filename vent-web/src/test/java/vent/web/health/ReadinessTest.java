package vent.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.jvm.ThreadDeadlockHealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.health.HealthEnvironment;
import io.dropwizard.health.response.HealthResponse;
import io.dropwizard.health.response.HealthResponseProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.text.StringSubstitutor;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vent.common.testing.Eventually;
import vent.common.testing.LauncherEnv;
import vent.web.VentWebConfiguration;

/**
 * The shipped {@code health:} block through the real health module (faster schedules): which check
 * failing makes vent-web not ready, which only degrades it, and what liveness follows.
 */
class ReadinessTest {

  private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);

  private final ObjectMapper json = Jackson.newObjectMapper();
  private final Map<String, Boolean> up = new ConcurrentHashMap<>();
  private final LifecycleEnvironment lifecycle = new LifecycleEnvironment(new MetricRegistry());
  private DefaultHealthFactory health;
  private HealthResponseProvider ready;
  private HealthResponseProvider live;

  @BeforeEach
  void start() throws Exception {
    VentWebConfiguration config =
        new YamlConfigurationFactory<>(
                VentWebConfiguration.class, Validators.newValidator(), json, "dw")
            .build(
                new SubstitutingSourceProvider(
                    new FileConfigurationSourceProvider(),
                    new StringSubstitutor(LauncherEnv.with())),
                "config.yml");
    health = (DefaultHealthFactory) config.getHealthFactory().orElseThrow();
    for (HealthCheckConfiguration check : health.getHealthCheckConfigurations()) {
      check.getSchedule().setInitialDelay(Duration.milliseconds(10));
      check.getSchedule().setCheckInterval(Duration.milliseconds(50));
      check.getSchedule().setDowntimeInterval(Duration.milliseconds(50));
    }
    HealthCheckRegistry checks = new HealthCheckRegistry();
    checks.register("deadlocks", new ThreadDeadlockHealthCheck());
    health.configure(lifecycle, null, null, new HealthEnvironment(checks), json, "vent-web");
    Set<String> all = new java.util.HashSet<>(names(true));
    all.addAll(names(false));
    for (String name : all) {
      up.put(name, true);
      checks.register(
          name,
          new HealthCheck() {
            @Override
            protected Result check() {
              return up.get(name) ? Result.healthy() : Result.unhealthy(name + " down");
            }
          });
    }
    HealthResponseProvider module =
        ((AdminHealthResponderFactory) health.getHealthResponderFactory()).provider();
    ready = AdminHealthResponderFactory.allViews(module, null);
    live = AdminHealthResponderFactory.allViews(module, "alive");
  }

  @AfterEach
  void stop() throws Exception {
    for (LifeCycle managed : lifecycle.getManagedObjects()) {
      managed.stop();
    }
  }

  /** The configured checks besides {@code deadlocks}: critical ones, or the others. */
  private Set<String> names(boolean critical) {
    return health.getHealthCheckConfigurations().stream()
        .filter(c -> !c.getName().equals("deadlocks"))
        .filter(c -> c.isCritical() == critical)
        .map(HealthCheckConfiguration::getName)
        .collect(Collectors.toSet());
  }

  private Map<String, Boolean> healthyByName(HealthResponse response) {
    try {
      JsonNode views = json.readTree(response.getMessage());
      return java.util.stream.StreamSupport.stream(views.spliterator(), false)
          .collect(
              Collectors.toMap(v -> v.get("name").asText(), v -> v.get("healthy").asBoolean()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theShippedBlockNamesTheCriticalAndTheDegradingChecks() throws Exception {
    assertThat(health.getHealthResponderFactory()).isInstanceOf(AdminHealthResponderFactory.class);
    assertThat(names(true))
        .containsExactlyInAnyOrder("provider-user", "provider-auth", "deleted-users");
    assertThat(names(false))
        .containsExactlyInAnyOrder(
            "provider-captcha", "provider-post", "provider-relation", "consul", "redis");
  }

  @Test
  void notReadyUntilTheDeletedUsersAreKnown() throws Exception {
    up.put("deleted-users", false);
    Thread.sleep(300);
    // Critical checks start failing, and this one has not passed yet, while the others have.
    HealthResponse before = ready.healthResponse(Map.of());
    assertThat(before.getStatus()).isEqualTo(503);
    assertThat(healthyByName(before))
        .containsEntry("deleted-users", false)
        .containsEntry("provider-user", true);
    assertThat(live.healthResponse(Map.of()).getStatus()).isEqualTo(200);

    up.put("deleted-users", true);
    Eventually.until("ready", WAIT, () -> ready.healthResponse(Map.of()).getStatus() == 200);
    assertThat(healthyByName(ready.healthResponse(Map.of())))
        .containsEntry("deleted-users", true)
        .containsEntry("deadlocks", true);
  }

  @Test
  void aNonCriticalFailureDegradesButStaysReady() throws Exception {
    Eventually.until("ready", WAIT, () -> ready.healthResponse(Map.of()).getStatus() == 200);
    up.put("redis", false);
    up.put("provider-post", false);
    Eventually.until(
        "redis seen down", WAIT, () -> !healthyByName(ready.healthResponse(Map.of())).get("redis"));

    HealthResponse response = ready.healthResponse(Map.of());
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(healthyByName(response)).containsEntry("provider-post", false);
  }

  @Test
  void aCriticalFailureMakesItNotReadyButStillAlive() throws Exception {
    Eventually.until("ready", WAIT, () -> ready.healthResponse(Map.of()).getStatus() == 200);
    up.put("provider-auth", false);
    Eventually.until("not ready", WAIT, () -> ready.healthResponse(Map.of()).getStatus() == 503);

    assertThat(live.healthResponse(Map.of()).getStatus()).isEqualTo(200);
    up.put("provider-auth", true);
    Eventually.until("ready again", WAIT, () -> ready.healthResponse(Map.of()).getStatus() == 200);
  }

  @Test
  void aNameQueryPicksOneCheck() throws Exception {
    Eventually.until("ready", WAIT, () -> ready.healthResponse(Map.of()).getStatus() == 200);
    assertThat(healthyByName(ready.healthResponse(Map.of("name", List.of("redis")))))
        .containsOnlyKeys("redis");
  }
}
