package vent.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import vent.web.VentWebConfiguration;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/**
 * The OpenAPI document and the routes vent-web registers with Jersey name the same operations: no
 * undocumented route, no documented route that does not exist.
 */
class OpenApiRoutesTest {

  @Test
  void theDocumentIsAValidOpenApi31Document() {
    SwaggerParseResult parsed = parse();
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void everyJerseyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    Set<String> registered = new TreeSet<>();
    for (Object component :
        TestApi.components(new FakeProviders(), new VentWebConfiguration.ApiSettings(), true)) {
      if (component.getClass().isAnnotationPresent(Path.class)) {
        collect(Resource.from(component.getClass()), "", registered);
      }
    }
    Set<String> documented = new TreeSet<>();
    OpenAPI api = parse().getOpenAPI();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(method -> documented.add(route(method, path))));

    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(registered);
    assertThat(undocumented).as("routes Jersey serves that the document lacks").isEmpty();
    assertThat(missing).as("documented routes that Jersey does not serve").isEmpty();
    assertThat(registered).hasSizeGreaterThan(30);
  }

  private static void collect(Resource resource, String parent, Set<String> out) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      out.add(method.getHttpMethod() + " " + normalize(path));
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out);
    }
  }

  private static String route(PathItem.HttpMethod method, String path) {
    return method.name() + " " + normalize(path);
  }

  private static String join(String parent, String path) {
    return path == null ? parent : parent + "/" + path;
  }

  /** One slash between segments, none at the end: Jersey matches {@code docs} and {@code docs/}. */
  private static String normalize(String path) {
    String p = ("/" + path).replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  static SwaggerParseResult parse() {
    try (InputStream in =
        OpenApiRoutesTest.class.getClassLoader().getResourceAsStream(ApiDocsResource.DOCUMENT)) {
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      return new OpenAPIV3Parser()
          .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
