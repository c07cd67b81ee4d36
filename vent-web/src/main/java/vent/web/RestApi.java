package vent.web;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import java.util.ArrayList;
import java.util.List;
import vent.web.VentWebConfiguration.ApiSettings;
import vent.web.auth.BearerHeaderAuthFilter;
import vent.web.auth.BearerUnauthorizedHandler;
import vent.web.auth.JwtAuthenticator;
import vent.web.auth.OptionalBearer;
import vent.web.auth.VentPrincipal;
import vent.web.docs.ApiDocsResource;
import vent.web.errors.FallbackExceptionMapper;
import vent.web.errors.JsonExceptionMapper;
import vent.web.errors.ProblemExceptionMapper;
import vent.web.errors.ValidationExceptionMapper;
import vent.web.errors.VentExceptionMapper;
import vent.web.errors.WebApplicationExceptionMapper;
import vent.web.http.PageLinks;
import vent.web.limits.ClientIps;
import vent.web.limits.RateLimiting;
import vent.web.resources.BlocksResource;
import vent.web.resources.CaptchaResource;
import vent.web.resources.MeResource;
import vent.web.resources.MutesResource;
import vent.web.resources.NotificationResource;
import vent.web.resources.ProblemsResource;
import vent.web.resources.SessionResource;
import vent.web.resources.TimelineResource;
import vent.web.resources.UserResource;
import vent.web.resources.UserVentsResource;
import vent.web.resources.VentResource;
import vent.web.rpc.AuthClient;
import vent.web.rpc.PostClient;
import vent.web.rpc.Providers;
import vent.web.rpc.RelationClient;
import vent.web.rpc.UserClient;

/**
 * Everything Jersey serves under {@code /api/v1}: the problem+json exception mappers, bearer
 * authentication, the resources of contract v1 and, when Sentinel is on, its rate limits. One list,
 * so the application and the resource tests register exactly the same components.
 */
public final class RestApi {

  private RestApi() {}

  /**
   * @param providers the provider services the resources call
   * @param authenticator checks bearer tokens for {@code @Auth} parameters (signature, expiry,
   *     deleted users)
   * @param api page sizes, and the trusted proxies whose {@code X-Forwarded-For} names the client
   * @throws IllegalArgumentException {@code api.trustedProxies} holds something that is not an IP
   *     address or CIDR block
   * @param rateLimits enter Sentinel for every route ({@code sentinel.enabled}); when false nothing
   *     of Sentinel is registered, so it costs nothing
   * @return components for {@code JerseyEnvironment.register}, in registration order
   */
  public static List<Object> components(
      Providers providers, JwtAuthenticator authenticator, ApiSettings api, boolean rateLimits) {
    return components(providers, authenticator, api, LiveSettings.local(api), rateLimits);
  }

  /**
   * As above, with the page size limit and feature switches of the global configuration.
   *
   * @param live read on each request
   */
  public static List<Object> components(
      Providers providers,
      JwtAuthenticator authenticator,
      ApiSettings api,
      LiveSettings live,
      boolean rateLimits) {
    ClientIps clientIps = ClientIps.trusting(api.trustedProxies);
    UserClient users = providers.users();
    RelationClient relations = providers.relations();
    AuthClient auth = providers.auth();
    PostClient posts = providers.posts();
    // Routes anonymous callers may use too: a token, when sent, is verified all the same.
    OptionalBearer optionalBearer = new OptionalBearer(authenticator);
    List<Object> components =
        new ArrayList<>(
            List.of(
                // Errors: RFC 9457 problems (Dropwizard's default mappers are off in config.yml).
                new VentExceptionMapper(),
                new ProblemExceptionMapper(),
                new ValidationExceptionMapper(),
                new JsonExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new FallbackExceptionMapper(),
                // Bearer tokens from the Authorization header only, verified locally;
                // @Auth VentPrincipal parameters receive the caller.
                new AuthDynamicFeature(
                    new BearerHeaderAuthFilter.Builder<VentPrincipal>()
                        .setAuthenticator(authenticator)
                        .setUnauthorizedHandler(new BearerUnauthorizedHandler())
                        .setPrefix("Bearer")
                        .setRealm("vent")
                        .buildAuthFilter()),
                new AuthValueFactoryProvider.Binder<>(VentPrincipal.class),
                // Contract v1.
                new CaptchaResource(providers.captchas()),
                new UserResource(auth, users, relations, api.defaultPageSize, live),
                new SessionResource(auth, clientIps),
                new MeResource(auth, users, relations, api.defaultPageSize, live),
                new BlocksResource(users, relations, api.defaultPageSize, live),
                new MutesResource(users, relations, api.defaultPageSize, live),
                new NotificationResource(
                    providers.notifications(), users, relations, api.defaultPageSize, live),
                new VentResource(posts, users, optionalBearer),
                new UserVentsResource(posts, users, optionalBearer, api.defaultPageSize, live),
                new TimelineResource(posts, users, relations, api.defaultPageSize, live),
                // The pages problem types point to; Link headers on every page of a list.
                new ProblemsResource(),
                new PageLinks(),
                // The contract itself: OpenAPI document and Swagger UI.
                new ApiDocsResource()));
    if (rateLimits) {
      // Sentinel: route, per-IP, per-user and login limits (see vent.web.limits).
      components.addAll(RateLimiting.components(clientIps));
    }
    return List.copyOf(components);
  }
}
