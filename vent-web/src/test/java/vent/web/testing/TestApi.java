package vent.web.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import vent.web.RestApi;
import vent.web.VentWebApplication;
import vent.web.VentWebConfiguration;
import vent.web.auth.JwksCache;
import vent.web.auth.JwtAuthenticator;
import vent.web.auth.JwtVerifier;
import vent.web.limits.PeerAddressFilter;
import vent.web.rpc.AuthClient;
import vent.web.rpc.CaptchaClient;
import vent.web.rpc.NotificationClient;
import vent.web.rpc.PostClient;
import vent.web.rpc.Providers;
import vent.web.rpc.RelationClient;
import vent.web.rpc.UserClient;

/** vent-web's Jersey components (the same list the application registers) over fake providers. */
public final class TestApi {

  /**
   * Jersey logs through java.util.logging: the in-memory container's start-up lines, and a warning
   * that it has no servlet request to inject (login's client IP is then empty). Held here so the
   * settings are not garbage-collected with the loggers.
   */
  private static final List<java.util.logging.Logger> QUIET =
      List.of(
          java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.Errors"),
          java.util.logging.Logger.getLogger("org.glassfish.jersey.test"));

  static {
    QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
  }

  private TestApi() {}

  /**
   * The connection address of every request when {@code behindProxy}: a stand-in reverse proxy,
   * which {@code api.trustedProxies} then trusts.
   */
  public static final String PROXY = "192.0.2.254";

  /** The components as {@code config.yml} has them: Sentinel on, client IP from the connection. */
  public static ResourceExtension over(FakeProviders fakes) {
    return over(fakes, true, false);
  }

  /**
   * @param rateLimits register the Sentinel filters ({@code sentinel.enabled})
   * @param behindProxy every request comes from the trusted proxy {@link #PROXY}: the in-memory
   *     container has no connection address, so tests that need distinct client IPs send {@code
   *     X-Forwarded-For} as that proxy would (its rightmost entry is the client); otherwise the
   *     connection's address is unknown and nothing is trusted
   */
  public static ResourceExtension over(
      FakeProviders fakes, boolean rateLimits, boolean behindProxy) {
    return over(fakes, rateLimits, behindProxy, List.of());
  }

  /** As {@link #over(FakeProviders, boolean, boolean)}, plus test-only resources or providers. */
  public static ResourceExtension over(
      FakeProviders fakes, boolean rateLimits, boolean behindProxy, List<Object> extra) {
    ObjectMapper mapper = Jackson.newObjectMapper();
    VentWebApplication.strictJson(mapper);
    VentWebConfiguration.ApiSettings api = new VentWebConfiguration.ApiSettings();
    ResourceExtension.Builder builder =
        ResourceExtension.builder()
            .setMapper(mapper)
            .setRegisterDefaultExceptionMappers(false)
            .bootstrapLogging(false);
    if (behindProxy) {
      api.trustedProxies = PROXY;
      builder.addProvider(
          new AbstractBinder() {
            @Override
            protected void configure() {
              bind(fromProxy()).to(HttpServletRequest.class);
            }
          });
      builder.addProvider(new PeerFromProxy());
    }
    components(fakes, api, rateLimits).forEach(builder::addProvider);
    extra.forEach(builder::addProvider);
    return builder.build();
  }

  /**
   * What {@link PeerAddressFilter}, a servlet filter, gives the Jersey filters in a servlet
   * container: the connection's address, {@link #PROXY}. Pre-matching, so before them all.
   */
  @PreMatching
  private static final class PeerFromProxy implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      request.setProperty(PeerAddressFilter.ATTRIBUTE, PROXY);
    }
  }

  /** A servlet request that only knows its connection's address: {@link #PROXY}. */
  private static HttpServletRequest fromProxy() {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            TestApi.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRemoteAddr" -> PROXY;
                  case "toString" -> "request from " + PROXY;
                  case "hashCode" -> 0;
                  case "equals" -> proxy == args[0];
                  default ->
                      throw new IllegalStateException(
                          "not in a servlet container: " + method.getName());
                });
  }

  /**
   * {@link RestApi#components} over the fakes, tokens checked against their key and deleted users.
   */
  public static List<Object> components(
      FakeProviders fakes, VentWebConfiguration.ApiSettings api, boolean rateLimits) {
    AuthClient auth = new AuthClient(fakes.auth);
    JwtVerifier verifier =
        new JwtVerifier(
            new JwksCache(
                auth::jwksJson,
                System::currentTimeMillis,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10)));
    return RestApi.components(
        new Providers(
            new UserClient(fakes.users),
            new RelationClient(fakes.relations),
            new NotificationClient(fakes.notifications),
            auth,
            new CaptchaClient(fakes.captchas),
            new PostClient(fakes.posts)),
        new JwtAuthenticator(verifier, fakes.deletedUsers),
        api,
        rateLimits);
  }
}
