package vent.web.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The REST contract v1 as an OpenAPI 3.1 document, and Swagger UI over it. No token, no per-user
 * limit (only the per-IP limit every route has); vent-web binds loopback, so the UI is a
 * developer's tool, not a public page.
 *
 * <ul>
 *   <li>{@code GET /openapi.yaml}: the document as written ({@code application/yaml}, RFC 9512);
 *   <li>{@code GET /openapi.json}: the same document as JSON ({@code application/json});
 *   <li>{@code GET /docs/}: Swagger UI's page ({@code text/html}), reading {@code ../openapi.json};
 *   <li>{@code GET /docs/{file}}: its scripts, style sheets and icons from the {@code
 *       org.webjars:swagger-ui} jar; 404 NOT_FOUND for any other name.
 * </ul>
 */
@Path("/")
public final class ApiDocsResource {

  /** The document on the class path (vent-web/src/main/resources/openapi/openapi.yaml). */
  public static final String DOCUMENT = "openapi/openapi.yaml";

  /** RFC 9512's media type of YAML. */
  static final String APPLICATION_YAML = "application/yaml";

  /** Our Swagger UI start script: the webjar's own points at the Petstore. */
  private static final String INITIALIZER = "openapi/swagger-initializer.js";

  private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  /** The files of the UI a browser asks for, by name, with their media types. */
  private static final Map<String, String> UI_FILES =
      Map.of(
          "swagger-ui.css", "text/css",
          "index.css", "text/css",
          "swagger-ui-bundle.js", "text/javascript",
          "swagger-ui-standalone-preset.js", "text/javascript",
          "swagger-initializer.js", "text/javascript",
          "favicon-16x16.png", "image/png",
          "favicon-32x32.png", "image/png");

  private final byte[] yaml;
  private final byte[] json;
  private final String webjarRoot;

  /**
   * Reads the document once.
   *
   * @throws IllegalStateException the document or the webjar is missing from the class path, or the
   *     document is not YAML
   */
  public ApiDocsResource() {
    yaml = resource(DOCUMENT);
    try {
      json =
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
      Properties webjar = new Properties();
      webjar.load(new java.io.ByteArrayInputStream(resource(WEBJAR_POM)));
      webjarRoot = "META-INF/resources/webjars/swagger-ui/" + webjar.getProperty("version") + "/";
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DOCUMENT + " or the Swagger UI webjar", e);
    }
  }

  /** GET /openapi.yaml -> 200, the document. */
  @GET
  @Path("openapi.yaml")
  @Produces(APPLICATION_YAML)
  public byte[] yaml() {
    return yaml;
  }

  /** GET /openapi.json -> 200, the document as JSON. */
  @GET
  @Path("openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] json() {
    return json;
  }

  /**
   * GET /docs/ (also /docs) -> 200 Swagger UI's page, with a {@code <base>} at {@code .../docs/} so
   * that its relative links work with or without the trailing slash.
   */
  @GET
  @Path("docs/")
  @Produces(MediaType.TEXT_HTML)
  public String index(@Context UriInfo uri) {
    String page = new String(resource(webjarRoot + "index.html"), StandardCharsets.UTF_8);
    String base = uri.getBaseUriBuilder().path("docs/").build().getRawPath();
    return page.replaceFirst("<head>", "<head>\n    <base href=\"" + base + "\">");
  }

  /**
   * GET /docs/{file} -> 200, one file of the UI.
   *
   * @throws NotFoundException 404 NOT_FOUND for a name that is not one of the UI's files
   */
  @GET
  @Path("docs/{file}")
  public Response file(@PathParam("file") String file) {
    String type = UI_FILES.get(file);
    if (type == null) {
      throw new NotFoundException();
    }
    byte[] body =
        file.equals("swagger-initializer.js") ? resource(INITIALIZER) : resource(webjarRoot + file);
    return Response.ok(body, type).build();
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiDocsResource.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
