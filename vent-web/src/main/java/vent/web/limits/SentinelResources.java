package vent.web.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The Sentinel resource names of vent-web's REST layer (flow and param-flow rules name them).
 *
 * <ul>
 *   <li>one per route: {@code <HTTP METHOD> <path template relative to /api/v1>}, e.g. {@code GET
 *       /users/{id}/followers}, {@code POST /sessions}, {@code PUT /me/following/{id}};
 *   <li>{@value #CLIENT_IP}: every request, argument 0 = the client's IP address;
 *   <li>{@value #CLIENT_USER}: authenticated requests, argument 0 = the caller's user id;
 *   <li>{@value #LOGIN_IP}: {@code POST /sessions}, {@code POST /users} and {@code POST
 *       /sessions/refresh}, argument 0 = the client's IP address;
 *   <li>{@value #CAPTCHA_IP}: {@code POST /captchas}, argument 0 = the client's IP address;
 *   <li>{@value #PASSWORD_USER}: {@code PUT /me/password} and {@code DELETE /me} (the routes that
 *       check the account's password), argument 0 = the caller's user id;
 *   <li>{@value #POST_USER}: {@code POST /vents}, argument 0 = the caller's user id.
 * </ul>
 *
 * <p>A request enters its per-client resources first and its route last, so a request a per-client
 * limit refuses never spends the route's shared quota.
 */
public final class SentinelResources {

  /** Per-IP limit of every request (param-flow, argument 0 = IP). */
  public static final String CLIENT_IP = "client-ip";

  /** Per-user limit of authenticated requests (param-flow, argument 0 = user id). */
  public static final String CLIENT_USER = "client-user";

  /** Per-IP limit of log-in, registration and token refresh (param-flow, argument 0 = IP). */
  public static final String LOGIN_IP = "login-ip";

  /** Per-IP limit of captcha creation (param-flow, argument 0 = IP). */
  public static final String CAPTCHA_IP = "captcha-ip";

  /**
   * Per-user limit of the routes that check the account's password (param-flow, argument 0 = user
   * id).
   */
  public static final String PASSWORD_USER = "password-user";

  /** Per-user limit of posting vents (param-flow, argument 0 = user id). */
  public static final String POST_USER = "post-user";

  /**
   * Sentinel context every REST request runs in (the entrance of the call tree on the dashboard).
   */
  static final String CONTEXT = "vent-web-rest";

  /** Routes with a per-IP limit of their own, entered after {@value #CLIENT_IP}. */
  private static final Map<String, String> IP_LIMITS =
      Map.of(
          "POST /sessions",
          LOGIN_IP,
          "POST /users",
          LOGIN_IP,
          "POST /sessions/refresh",
          LOGIN_IP,
          "POST /captchas",
          CAPTCHA_IP);

  /** Routes with a per-user limit of their own, entered after {@value #CLIENT_USER}. */
  private static final Map<String, String> USER_LIMITS =
      Map.of(
          "PUT /me/password", PASSWORD_USER, "DELETE /me", PASSWORD_USER, "POST /vents", POST_USER);

  /** {@code {id: [0-9]+}} -> {@code {id}}: rule names do not depend on a template's regex. */
  private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*([^:}\\s]+)\\s*:[^}]*}");

  /** Jersey's resource model is built once, so this holds one entry per route. */
  private static final Map<ResourceMethod, Route> ROUTES = new ConcurrentHashMap<>();

  private SentinelResources() {}

  /**
   * A matched route and the per-client resources of its own.
   *
   * @param name e.g. {@code GET /users/{id}}
   * @param ipLimit per-IP resource of this route ({@value #LOGIN_IP}, {@value #CAPTCHA_IP}), or
   *     null
   * @param userLimit per-user resource of this route ({@value #PASSWORD_USER}, {@value
   *     #POST_USER}), or null
   */
  record Route(String name, String ipLimit, String userLimit) {}

  /** The route of a matched resource method (cached: computed once per method). */
  static Route route(ResourceMethod method, String requestMethod) {
    Route route = ROUTES.get(method);
    if (route == null) {
      String name = name(method, requestMethod);
      route =
          ROUTES.computeIfAbsent(
              method, m -> new Route(name, IP_LIMITS.get(name), USER_LIMITS.get(name)));
    }
    return route;
  }

  /** Routes seen so far (tests check the cache stays one entry per route). */
  static int routesSeen() {
    return ROUTES.size();
  }

  /**
   * {@code GET /users/{id}/followers} from the method's HTTP method and the {@code @Path}s of it
   * and its enclosing resources; {@code requestMethod} when the model has none.
   */
  static String name(ResourceMethod method, String requestMethod) {
    Deque<String> segments = new ArrayDeque<>();
    for (Resource r = method.getParent(); r != null; r = r.getParent()) {
      if (r.getPath() != null) {
        segments.addFirst(r.getPath());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      for (String part : segment.split("/")) {
        if (!part.isEmpty()) {
          path.append('/').append(part);
        }
      }
    }
    String template =
        TEMPLATE_REGEX.matcher(path.length() == 0 ? "/" : path.toString()).replaceAll("{$1}");
    String httpMethod = method.getHttpMethod() != null ? method.getHttpMethod() : requestMethod;
    return httpMethod + " " + template;
  }
}
