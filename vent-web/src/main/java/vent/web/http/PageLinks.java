package vent.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vent.web.api.Paged;

/**
 * {@code Link: <URI>; rel="next"} (RFC 8288) on every page that has a next one, beside its {@code
 * nextCursor}: what clients that follow links (as with GitHub's and Mastodon's APIs) read.
 *
 * <p>{@code URI} is absolute, built from the request URI as vent-web received it (scheme and
 * authority from the request, i.e. the {@code Host} header): the same path and query parameters in
 * the same order, {@code limit} kept, {@code cursor} replaced by the next cursor (appended last
 * when the request had none), percent-encoded. Exactly one {@code rel="next"} link; none on the
 * last page, nor on an answer other than 200.
 */
public final class PageLinks implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() == 200
        && response.getEntity() instanceof Paged page
        && page.nextCursor() != null) {
      response
          .getHeaders()
          .putSingle(
              "Link",
              "<"
                  + next(request.getUriInfo().getRequestUri(), page.nextCursor())
                  + ">; rel=\"next\"");
    }
  }

  /**
   * @param request the absolute request URI
   * @param cursor the next page's cursor, as the body's {@code nextCursor}
   * @return {@code request} with {@code cursor=<cursor>} in place of its cursor parameter(s)
   */
  public static String next(URI request, String cursor) {
    String param = "cursor=" + encode(cursor);
    StringBuilder query = new StringBuilder();
    boolean replaced = false;
    String raw = request.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String kept;
        if (name.equals("cursor")) {
          if (replaced) {
            continue;
          }
          kept = param;
          replaced = true;
        } else {
          kept = pair;
        }
        query.append(query.length() == 0 ? "" : "&").append(kept);
      }
    }
    if (!replaced) {
      query.append(query.length() == 0 ? "" : "&").append(param);
    }
    return request.getScheme()
        + "://"
        + request.getRawAuthority()
        + request.getRawPath()
        + "?"
        + query;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
