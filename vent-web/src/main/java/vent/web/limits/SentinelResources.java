package vent.web.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The Sentinel resource names of vent-web's REST layer (flow and param-flow rules name them).
 *
 * <ul>
 *   <li>one per route: {@code <HTTP METHOD> <path template relative to /api/v1>}, e.g.
 *       {@code GET /users/{id}/followers}, {@code POST /sessions}, {@code PUT /me/following/{id}};
 *   <li>{@value #CLIENT_IP}: every request, argument 0 = the client's IP address;
 *   <li>{@value #CLIENT_USER}: authenticated requests, argument 0 = the caller's user id;
 *   <li>{@value #LOGIN_IP}: {@code POST /sessions}, {@code POST /users} and
 *       {@code POST /sessions/refresh}, argument 0 = the client's IP address.
 * </ul>
 */
public final class SentinelResources {

  /** Per-IP limit of every request (param-flow, argument 0 = IP). */
  public static final String CLIENT_IP = "client-ip";
  /** Per-user limit of authenticated requests (param-flow, argument 0 = user id). */
  public static final String CLIENT_USER = "client-user";
  /** Per-IP limit of log-in, registration and token refresh (param-flow, argument 0 = IP). */
  public static final String LOGIN_IP = "login-ip";
  /** Sentinel context every REST request runs in (the entrance of the call tree on the dashboard). */
  static final String CONTEXT = "vent-web-rest";

  private static final Set<String> LOGIN_ROUTES = Set.of("POST /sessions", "POST /users", "POST /sessions/refresh");

  /** {@code {id: [0-9]+}} -> {@code {id}}: rule names do not depend on a template's regex. */
  private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*([^:}\\s]+)\\s*:[^}]*}");

  /** Jersey's resource model is built once, so this holds one entry per route. */
  private static final Map<ResourceMethod, Route> ROUTES = new ConcurrentHashMap<>();

  private SentinelResources() {}

  /**
   * A matched route: its resource name, and whether {@value #LOGIN_IP} applies.
   *
   * @param name e.g. {@code GET /users/{id}}
   * @param login log-in, registration or token refresh
   */
  record Route(String name, boolean login) {}

  /** The route of a matched resource method (cached: computed once per method). */
  static Route route(ResourceMethod method, String requestMethod) {
    Route route = ROUTES.get(method);
    if (route == null) {
      String name = name(method, requestMethod);
      route = ROUTES.computeIfAbsent(method, m -> new Route(name, LOGIN_ROUTES.contains(name)));
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
    String template = TEMPLATE_REGEX.matcher(path.length() == 0 ? "/" : path.toString()).replaceAll("{$1}");
    String httpMethod = method.getHttpMethod() != null ? method.getHttpMethod() : requestMethod;
    return httpMethod + " " + template;
  }
}
