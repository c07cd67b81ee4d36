package vent.web.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.time.Duration;
import java.util.List;
import vent.web.RestApi;
import vent.web.VentWebApplication;
import vent.web.VentWebConfiguration;
import vent.web.auth.JwksCache;
import vent.web.auth.JwtAuthenticator;
import vent.web.auth.JwtVerifier;
import vent.web.rpc.AuthClient;
import vent.web.rpc.CaptchaClient;
import vent.web.rpc.NotificationClient;
import vent.web.rpc.RelationClient;
import vent.web.rpc.UserClient;

/** vent-web's Jersey components (the same list the application registers) over fake providers. */
public final class TestApi {

  /**
   * Jersey logs through java.util.logging: the in-memory container's start-up lines, and a
   * warning that it has no servlet request to inject (login's client IP is then empty).
   * Held here so the settings are not garbage-collected with the loggers.
   */
  private static final List<java.util.logging.Logger> QUIET = List.of(
      java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.Errors"),
      java.util.logging.Logger.getLogger("org.glassfish.jersey.test"));

  static {
    QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
  }

  private TestApi() {}

  /** The components as {@code config.yml} has them: Sentinel on, client IP from the connection. */
  public static ResourceExtension over(FakeProviders fakes) {
    return over(fakes, true, false);
  }

  /**
   * @param rateLimits register the Sentinel filters ({@code sentinel.enabled})
   * @param trustForwardedFor {@code api.trustForwardedFor}: the in-memory container has no
   *     connection address, so tests that need distinct client IPs send {@code X-Forwarded-For}
   */
  public static ResourceExtension over(FakeProviders fakes, boolean rateLimits, boolean trustForwardedFor) {
    return over(fakes, rateLimits, trustForwardedFor, List.of());
  }

  /** As {@link #over(FakeProviders, boolean, boolean)}, plus test-only resources or providers. */
  public static ResourceExtension over(FakeProviders fakes, boolean rateLimits, boolean trustForwardedFor,
      List<Object> extra) {
    ObjectMapper mapper = Jackson.newObjectMapper();
    VentWebApplication.strictJson(mapper);
    VentWebConfiguration.ApiSettings api = new VentWebConfiguration.ApiSettings();
    api.trustForwardedFor = trustForwardedFor;
    ResourceExtension.Builder builder = ResourceExtension.builder()
        .setMapper(mapper)
        .setRegisterDefaultExceptionMappers(false)
        .bootstrapLogging(false);
    components(fakes, api, rateLimits).forEach(builder::addProvider);
    extra.forEach(builder::addProvider);
    return builder.build();
  }

  /** {@link RestApi#components} over the fakes, tokens checked against their key and deleted users. */
  public static List<Object> components(FakeProviders fakes, VentWebConfiguration.ApiSettings api, boolean rateLimits) {
    AuthClient auth = new AuthClient(fakes.auth);
    JwtVerifier verifier = new JwtVerifier(
        new JwksCache(auth::jwksJson, System::currentTimeMillis, Duration.ofSeconds(30), Duration.ofMinutes(10)));
    return RestApi.components(new UserClient(fakes.users), new RelationClient(fakes.relations),
        new NotificationClient(fakes.notifications), auth, new CaptchaClient(fakes.captchas),
        new JwtAuthenticator(verifier, fakes.deletedUsers), api, rateLimits);
  }
}
