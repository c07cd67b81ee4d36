package vent.web.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import vent.web.errors.ProblemCatalog;
import vent.web.errors.ProblemCatalog.Entry;
import vent.web.errors.ProblemException;

/**
 * {@code /problems}: the pages problem {@code type}s point to, one per code of {@link
 * ProblemCatalog}. HTML by default (what a browser following a {@code type} gets), JSON on {@code
 * Accept: application/json}. No authentication; only the per-IP limit applies.
 *
 * <p>JSON shapes: one code {@code {code, status, title, type, meaning, action, source}}; the index
 * {@code {problems: [one code, ...]}}, sorted by code.
 */
@Path("/problems")
public final class ProblemsResource {

  /** The pages change only with a new release: an hour of caching by anyone is harmless. */
  private static final int MAX_AGE_S = 3600;

  /** GET /problems, {@code Accept: application/json} -> 200 {@code {problems: [...]}}. */
  @GET
  @Produces(MediaType.APPLICATION_JSON + ";qs=0.5")
  public Response indexJson() {
    return cached(new IndexJson(ProblemCatalog.all().stream().map(CodeJson::of).toList()));
  }

  /** GET /problems -> 200 text/html: a table of every code with its status and meaning. */
  @GET
  @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
  public Response indexHtml() {
    StringBuilder rows = new StringBuilder();
    for (Entry e : ProblemCatalog.all()) {
      rows.append("<tr><td><a href=\"")
          .append(escape(e.type()))
          .append("\"><code>")
          .append(escape(e.code()))
          .append("</code></a></td><td>")
          .append(e.status())
          .append(' ')
          .append(escape(e.title()))
          .append("</td><td>")
          .append(escape(e.meaning()))
          .append("</td></tr>\n");
    }
    return cached(
        page(
            "Vent API problem codes",
            "<p>Every <code>code</code> a Vent API error (<code>application/problem+json</code>)"
                + " can carry. Its <code>type</code> links here.</p>\n"
                + "<table>\n<tr><th>code</th><th>status</th><th>meaning</th></tr>\n"
                + rows
                + "</table>"));
  }

  /**
   * GET /problems/{code}, {@code Accept: application/json} -> 200 one code. Errors: 404 NOT_FOUND
   * for a code vent-web never answers with.
   */
  @GET
  @Path("/{code}")
  @Produces(MediaType.APPLICATION_JSON + ";qs=0.5")
  public Response codeJson(@PathParam("code") String code) {
    return cached(CodeJson.of(entry(code)));
  }

  /** GET /problems/{code} -> 200 text/html: the code's status, meaning and what to do. */
  @GET
  @Path("/{code}")
  @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
  public Response codeHtml(@PathParam("code") String code) {
    Entry e = entry(code);
    return cached(
        page(
            e.code(),
            "<dl>\n<dt>HTTP status</dt><dd>"
                + e.status()
                + ' '
                + escape(e.title())
                + "</dd>\n<dt>Meaning</dt><dd>"
                + escape(e.meaning())
                + "</dd>\n<dt>What to do</dt><dd>"
                + escape(e.action())
                + "</dd>\n<dt>Declared in</dt><dd><code>"
                + escape(e.source())
                + "</code></dd>\n</dl>\n<p><a href=\""
                + ProblemCatalog.PATH
                + "\">All codes</a></p>"));
  }

  private static Entry entry(String code) {
    return ProblemCatalog.find(code)
        .orElseThrow(
            () ->
                new ProblemException(
                    404,
                    "NOT_FOUND",
                    "no problem code " + code + " (see GET /api/v1/problems)",
                    List.of()));
  }

  /** One code, as JSON. */
  public record CodeJson(
      String code,
      int status,
      String title,
      String type,
      String meaning,
      String action,
      String source) {
    static CodeJson of(Entry e) {
      return new CodeJson(
          e.code(), e.status(), e.title(), e.type(), e.meaning(), e.action(), e.source());
    }
  }

  /** Every code, as JSON. */
  public record IndexJson(List<CodeJson> problems) {}

  private static Response cached(Object entity) {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(MAX_AGE_S);
    return Response.ok(entity).cacheControl(cache).build();
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head>\n<body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "\n</body>\n</html>\n";
  }

  /** Text into HTML: the five characters with a meaning there. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
