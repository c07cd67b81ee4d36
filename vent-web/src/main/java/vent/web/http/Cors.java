package vent.web.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * CORS for browser clients, by Jetty's own {@link CrossOriginHandler}, for an allow-list of exact
 * origins ({@code cors.allowedOrigins}); an empty list turns CORS off (no handler at all, so no
 * {@code Access-Control-*} header is ever sent).
 *
 * <p>Preflights ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * from an allowed origin are answered by the handler itself: 200, {@code
 * Access-Control-Allow-Origin: <origin>}, {@code Access-Control-Allow-Methods:
 * GET,POST,PUT,PATCH,DELETE}, {@code Access-Control-Allow-Headers:
 * Authorization,Content-Type,If-None-Match}, {@code Access-Control-Max-Age}. Actual requests from
 * an allowed origin get {@code Access-Control-Allow-Origin} and {@code
 * Access-Control-Expose-Headers} ({@link #EXPOSED}); requests from any other origin are served
 * without any CORS header, so the browser withholds the answer. No credentials mode: the API
 * authenticates with bearer tokens, never cookies.
 */
public final class Cors {

  /** Request headers a browser client may send. */
  static final Set<String> ALLOWED_HEADERS =
      Set.of("Authorization", "Content-Type", "If-None-Match");

  /** Methods of the API. */
  static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Response headers a browser client may read besides the CORS-safelisted ones. */
  public static final List<String> EXPOSED =
      List.of(
          "Link",
          "ETag",
          "Location",
          "Retry-After",
          "X-Request-Id",
          "RateLimit",
          "RateLimit-Policy",
          "RateLimit-Limit",
          "RateLimit-Remaining",
          "RateLimit-Reset");

  private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#@\\s]+");

  private Cors() {}

  /**
   * @param allowedOrigins comma-separated origins, e.g. {@code "https://app.example.com,
   *     http://localhost:5173"}; blank = none
   * @return the origins, in order, lower-cased
   * @throws IllegalArgumentException an entry is not {@code http(s)://host[:port]} (no path, no
   *     wildcard)
   */
  public static List<String> origins(String allowedOrigins) {
    Set<String> origins = new LinkedHashSet<>();
    if (allowedOrigins != null) {
      for (String raw : allowedOrigins.split(",")) {
        String origin = raw.strip().toLowerCase(Locale.ROOT);
        if (origin.isEmpty()) {
          continue;
        }
        if (!ORIGIN.matcher(origin).matches() || URI.create(origin).getHost() == null) {
          throw new IllegalArgumentException(
              "cors.allowedOrigins: not an origin (scheme://host[:port]): " + raw.strip());
        }
        origins.add(origin);
      }
    }
    return List.copyOf(origins);
  }

  /**
   * @param origins from {@link #origins(String)}
   * @param maxAge how long a browser may reuse a preflight's answer
   * @return the handler to insert in front of the API, or null when {@code origins} is empty
   */
  public static CrossOriginHandler handler(List<String> origins, Duration maxAge) {
    if (origins.isEmpty()) {
      return null;
    }
    CrossOriginHandler cors = new CrossOriginHandler();
    Set<String> patterns = new LinkedHashSet<>();
    // The handler matches regular expressions: each origin matches only itself.
    origins.forEach(o -> patterns.add(Pattern.quote(o)));
    cors.setAllowedOriginPatterns(patterns);
    cors.setAllowedMethods(ALLOWED_METHODS);
    cors.setAllowedHeaders(ALLOWED_HEADERS);
    cors.setExposedHeaders(new LinkedHashSet<>(EXPOSED));
    cors.setAllowCredentials(false);
    cors.setPreflightMaxAge(maxAge);
    return cors;
  }
}
