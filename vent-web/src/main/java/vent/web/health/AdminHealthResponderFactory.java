package vent.web.health;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.AdminEnvironment;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthEnvironment;
import io.dropwizard.health.response.HealthResponderFactory;
import io.dropwizard.health.response.HealthResponseProvider;
import io.dropwizard.health.response.ServletHealthResponder;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jetty.setup.ServletEnvironment;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code health.responder.type: admin}: answers the health module's state (dropwizard-health,
 * {@code health:} in config.yml) on the ADMIN port, where the launcher, Consul and operators look,
 * instead of the module's default servlet on the public API port.
 *
 * <p>Endpoints, mounted by {@link #mount}: {@value #READY} and {@value #LEGACY} (readiness: 200
 * while every critical check passes, also when non-critical ones fail; 503 otherwise) and {@value
 * #LIVE} (liveness: 200 while every {@code type: alive} check passes, 503 otherwise). Body: JSON
 * array of {@code {name, healthy, type, critical}}, every check unless {@code ?name=} picks some.
 * docs/OPERATIONS.md, "Health".
 */
@JsonTypeName("admin")
public final class AdminHealthResponderFactory implements HealthResponderFactory {

  /** Readiness on the admin port. */
  public static final String READY = "/health/ready";

  /** Readiness on the admin port under Dropwizard's classic path, which the launcher polls. */
  public static final String LEGACY = "/healthcheck";

  /** Liveness on the admin port. */
  public static final String LIVE = "/health/live";

  private volatile HealthResponseProvider provider;

  @Override
  public void configure(
      String name,
      Collection<String> healthCheckUrlPaths,
      HealthResponseProvider healthResponseProvider,
      HealthEnvironment health,
      JerseyEnvironment jersey,
      ServletEnvironment servlets,
      ObjectMapper mapper) {
    // Called before Application.run, with only the application context at hand: keep the
    // provider for mount(), which the application calls with the admin context.
    this.provider = healthResponseProvider;
  }

  /** The module's answer, once it has configured this responder; null before (tests). */
  HealthResponseProvider provider() {
    return provider;
  }

  /**
   * Mounts the readiness and liveness endpoints on the admin context.
   *
   * @throws IllegalStateException when config.yml has no {@code health:} block with {@code
   *     responder: {type: admin}}, or the health module was not configured
   */
  public static void mount(Configuration config, AdminEnvironment admin) {
    AdminHealthResponderFactory factory =
        config
            .getHealthFactory()
            .filter(DefaultHealthFactory.class::isInstance)
            .map(h -> ((DefaultHealthFactory) h).getHealthResponderFactory())
            .filter(AdminHealthResponderFactory.class::isInstance)
            .map(AdminHealthResponderFactory.class::cast)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "config: health.responder.type must be admin (docs/OPERATIONS.md)"));
    HealthResponseProvider provider = factory.provider;
    if (provider == null) {
      throw new IllegalStateException("config: health.enabled is false (docs/OPERATIONS.md)");
    }
    admin
        .addServlet(
            "health-ready", new ServletHealthResponder(allViews(provider, null), true, "no-store"))
        .addMapping(READY, LEGACY);
    admin
        .addServlet(
            "health-live",
            new ServletHealthResponder(allViews(provider, "alive"), true, "no-store"))
        .addMapping(LIVE);
  }

  /**
   * The module's answer with every check in the body unless {@code ?name=} asks for some (the
   * module lists none by default, which tells an operator nothing), for the check {@code type}
   * given ({@code alive}), or readiness when null.
   */
  static HealthResponseProvider allViews(HealthResponseProvider provider, String type) {
    return query -> {
      Map<String, Collection<String>> q = new java.util.HashMap<>(query);
      q.putIfAbsent("name", List.of("all"));
      if (type != null) {
        q.put("type", List.of(type));
      } else {
        q.remove("type");
      }
      return provider.healthResponse(q);
    };
  }
}
