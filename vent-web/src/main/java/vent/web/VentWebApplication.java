package vent.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import vent.common.config.global.ConfigKeys;
import vent.common.config.global.GlobalConfigWatch;
import vent.common.config.global.Live;
import vent.common.consul.ConsulClients;
import vent.common.events.EventStreams;
import vent.common.sentinel.SentinelBootstrap;
import vent.web.auth.DeletedUsers;
import vent.web.auth.DeletedUsersTail;
import vent.web.auth.JwksCache;
import vent.web.auth.JwtAuthenticator;
import vent.web.auth.JwtVerifier;
import vent.web.cli.ImportCommand;
import vent.web.consul.ConsulRegistration;
import vent.web.errors.BodySizeLimitFilter;
import vent.web.errors.ProblemErrorHandler;
import vent.web.health.AdminHealthResponderFactory;
import vent.web.health.ConsulHealthCheck;
import vent.web.health.ConsulHttp;
import vent.web.health.DeletedUsersHealthCheck;
import vent.web.health.ProviderHealthCheck;
import vent.web.health.ProviderServices;
import vent.web.health.RedisHealthCheck;
import vent.web.http.Cors;
import vent.web.limits.ClientIps;
import vent.web.limits.PeerAddressFilter;
import vent.web.metrics.PrometheusServlet;
import vent.web.metrics.WebMetrics;
import vent.web.redis.SharedRedis;
import vent.web.rpc.VentRpc;
import vent.web.tracing.RequestIdFilter;
import vent.web.tracing.TraceIds;

/**
 * vent-web: the REST front (contract v1 under {@code /api/v1}) over the Dubbo providers.
 *
 * <p>Commands: {@code server CONFIG} (the API on {@code VENT_HTTP_PORT}, health checks and metrics
 * on {@code VENT_ADMIN_PORT}), {@code import CONFIG FILE} (load a SNAP graph), {@code check
 * CONFIG}.
 */
public class VentWebApplication extends Application<VentWebConfiguration> {

  /** Admin path of the Prometheus endpoint (also the {@code path} meta of its Consul service). */
  public static final String PROMETHEUS_PATH = "/prometheus";

  /** Time a token's unknown key id must wait before it may trigger another JWKS fetch. */
  static final Duration JWKS_MIN_REFETCH = Duration.ofSeconds(30);

  /** How long fetched token keys are used before they are fetched again. */
  static final Duration JWKS_MAX_AGE = Duration.ofMinutes(10);

  /** Longest wait of one XREAD of the deleted-users tail (and of its stop). */
  static final Duration DELETED_USERS_BLOCK = Duration.ofSeconds(1);

  /** Added to the access-token lifetime: clock skew, and a refresh racing the deletion, seconds. */
  static final long DELETED_USERS_MARGIN_S = 300;

  public static void main(String[] args) throws Exception {
    new VentWebApplication().run(args);
    if (args.length > 0 && args[0].equals("import")) {
      // Success (failures exit in Application.run): Dubbo may leave non-daemon threads behind.
      System.exit(0);
    }
  }

  @Override
  public String getName() {
    return "vent-web";
  }

  @Override
  public void initialize(Bootstrap<VentWebConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(),
            new RequiredEnvironmentSubstitutor(System::getenv)));
    bootstrap.addCommand(new ImportCommand());
  }

  @Override
  public void run(VentWebConfiguration config, Environment environment) {
    // Metrics before anything records: the registry joins Micrometer's global one, which the
    // shared RPC, Redis and Sentinel instrumentation records to. Off: no registry at all.
    WebMetrics metrics = null;
    if (config.observability.metricsOn()) {
      metrics = new WebMetrics(getName(), config.observability.instance);
      environment.lifecycle().manage(metrics);
      environment
          .admin()
          .addServlet("prometheus", new PrometheusServlet(metrics.registry()))
          .addMapping(PROMETHEUS_PATH);
    }

    // Sentinel next: its settings (project name, command port, rules) must be in place before
    // Dubbo's Sentinel filters or a REST route make its first entry. Closed last (managed first).
    SentinelBootstrap sentinel =
        SentinelBootstrap.start("vent-web", config.sentinel, config.registry);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                sentinel.close();
              }
            });

    // The global configuration (Consul KV under globalConfig.kvPrefix over this YAML,
    // docs/CONFIG.md): page size
    // limit and feature switches, read by the resources on each request.
    GlobalConfigWatch globalConfig =
        GlobalConfigWatch.start(getName(), config.globalConfig, config.registry);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                globalConfig.close();
              }
            });
    LiveSettings live = LiveSettings.bind(config, globalConfig.config());

    // Providers next: Dubbo must be set up before anything else touches it.
    VentRpc rpc =
        VentRpc.start(
            "vent-web",
            config.registry,
            config.loopbackOnly,
            config.tls,
            config.callers,
            config.sentinel.enabled,
            config.rpc.timeoutMs,
            config.rpc.readRetries);
    environment.lifecycle().manage(rpc);

    // Redis: one client, connected on first use (vent-web starts while Redis is down); stopped
    // after the tail below (managed objects stop in reverse order).
    SharedRedis redis = new SharedRedis(config.redis);
    environment.lifecycle().manage(redis);

    // Deleted users, from the user event stream: their still-unexpired tokens must stop working.
    // The window follows the access-token lifetime of the global configuration (+ 5 min of margin),
    // and is never shorter than the local setting.
    Live<Integer> accessTtl =
        globalConfig
            .config()
            .bind(
                ConfigKeys.ACCESS_TOKEN_TTL_SECONDS,
                ConfigKeys.ACCESS_TOKEN_TTL_SECONDS.defaultValue());
    DeletedUsers deletedUsers =
        new DeletedUsers(
            () ->
                1000L
                    * Math.max(
                        config.auth.deletedUsersWindowSeconds,
                        accessTtl.get() + DELETED_USERS_MARGIN_S),
            System::currentTimeMillis);
    List<DeletedUsersTail> deletedUsersTails = new ArrayList<>();
    for (String shard : EventStreams.shards(EventStreams.USER, config.events.shards)) {
      DeletedUsersTail tail = new DeletedUsersTail(redis, deletedUsers, DELETED_USERS_BLOCK, shard);
      environment.lifecycle().manage(tail);
      deletedUsersTails.add(tail);
    }

    ObjectMapper json = environment.getObjectMapper();
    strictJson(json);

    // The REST contract v1, with bearer tokens verified locally against the auth provider's keys.
    JwtVerifier verifier =
        new JwtVerifier(
            new JwksCache(
                rpc.providers().auth()::jwksJson,
                System::currentTimeMillis,
                JWKS_MIN_REFETCH,
                JWKS_MAX_AGE),
            config.auth.audience,
            System::currentTimeMillis);
    RestApi.components(
            rpc.providers(),
            new JwtAuthenticator(verifier, deletedUsers),
            config.api,
            live,
            config.sentinel.enabled)
        .forEach(environment.jersey()::register);
    if (metrics != null) {
      // http_server_requests_seconds per route template (Jersey's own Micrometer listener).
      environment.jersey().register(metrics.routeListener());
    }

    // Problems also for what Jersey never sees: Jetty's error pages and oversized bodies.
    environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler(json));
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  server.setErrorHandler(new ProblemErrorHandler(json));
                }
              }
            });
    // CORS before anything of the API: a preflight is answered by Jetty's handler alone.
    CrossOriginHandler cors =
        Cors.handler(
            Cors.origins(config.cors.allowedOrigins),
            Duration.ofSeconds(config.cors.preflightMaxAgeSeconds));
    if (cors != null) {
      environment.getApplicationContext().insertHandler(cors);
    }
    // First in the chain: the request's id (X-Request-Id, traceId, trace_id=) before anything can
    // answer.
    environment
        .servlets()
        .addFilter(
            "request-id",
            new RequestIdFilter(
                ClientIps.trusting(config.api.trustedProxies), TraceIds::fromCurrentSpan))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    environment
        .servlets()
        .addFilter("peer-address", new PeerAddressFilter())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    environment
        .servlets()
        .addFilter("body-size-limit", new BodySizeLimitFilter(config.api.maxBodyBytes, json))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");

    // Health (admin port, dropwizard-health; which check is critical is in config.yml's health
    // block): ready while the user and auth providers pass and the deleted users are known;
    // Consul, Redis and the other providers only degrade it. docs/OPERATIONS.md, "Health".
    AdminHealthResponderFactory.mount(config, environment.admin());
    ConsulHttp consul = new ConsulHttp(config.registry, json);
    environment.healthChecks().register("consul", new ConsulHealthCheck(consul));
    environment
        .healthChecks()
        .register("redis", new RedisHealthCheck(redis, config.redis.mode, config.redis.addresses));
    environment
        .healthChecks()
        .register(
            "deleted-users",
            new DeletedUsersHealthCheck(
                () -> deletedUsersTails.stream().allMatch(DeletedUsersTail::caughtUp)));
    for (Map.Entry<String, String> provider : ProviderServices.CONSUL_NAMES.entrySet()) {
      environment
          .healthChecks()
          .register(provider.getKey(), new ProviderHealthCheck(consul, provider.getValue()));
    }

    // Consul last: vent-web (checked on its readiness URL) and its metrics endpoint (which
    // Prometheus discovers), registered once Jetty listens, deregistered on stop.
    if (config.observability.consulRegistration) {
      ConsulRegistration registration =
          new ConsulRegistration(
              ConsulClients.create(config.registry),
              config.observability.instance,
              AdminHealthResponderFactory.READY,
              metrics != null ? PROMETHEUS_PATH : null);
      environment.lifecycle().addServerLifecycleListener(registration);
      environment.lifecycle().manage(registration);
    }
  }

  /**
   * Request bodies are read strictly: unknown fields, duplicate keys and numbers or booleans where
   * a string belongs are errors, not silently accepted.
   */
  public static void strictJson(ObjectMapper json) {
    json.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    json.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    json.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    json.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }
}
