package vent.web.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks an HTTP answer against the OpenAPI 3.1 document: the path, method and status must be
 * documented, the required headers present and every documented header valid, the content type one
 * the response lists, and a JSON body valid against its schema. Schemas are evaluated by
 * networknt's json-schema-validator in its OpenAPI 3.1 dialect (JSON Schema 2020-12), with the
 * document's {@code components} in scope for {@code $ref}.
 */
public final class ContractValidator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
  private final List<Template> templates = new ArrayList<>();
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  /** The document on vent-web's class path ({@link ApiDocsResource#DOCUMENT}). */
  public ContractValidator() {
    try (InputStream in =
        ContractValidator.class.getClassLoader().getResourceAsStream(ApiDocsResource.DOCUMENT)) {
      document = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    document.get("paths").fieldNames().forEachRemaining(path -> templates.add(new Template(path)));
    // Literal segments win over templates: /docs/ before /docs/{file}.
    templates.sort(Comparator.comparingInt(Template::variables).thenComparing(Template::path));
  }

  /**
   * @param path the path below the server's base ({@code /users/12}), without the query
   * @return the document's path that {@code path} falls under, e.g. {@code /users/{id}}; null when
   *     none does
   */
  public String template(String path) {
    return templates.stream()
        .filter(t -> t.pattern().matcher(path).matches())
        .map(Template::path)
        .findFirst()
        .orElse(null);
  }

  /**
   * @param method upper case, e.g. {@code GET}
   * @param path the path below the server's base, without the query
   * @param headers the answer's headers (any case)
   * @param body the answer's body, empty when none
   * @return what contradicts the document; empty when the answer is as documented
   */
  public List<String> validate(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    List<String> errors = new ArrayList<>();
    String template = template(path);
    if (template == null) {
      errors.add("undocumented path " + path);
      return errors;
    }
    JsonNode operation = document.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
    if (operation == null) {
      errors.add("undocumented method " + method + " " + template);
      return errors;
    }
    JsonNode response = deref(operation.get("responses").get(Integer.toString(status)));
    if (response == null) {
      errors.add("undocumented status " + status + " of " + method + " " + template);
      return errors;
    }
    String pointer =
        "/paths/"
            + escape(template)
            + "/"
            + method.toLowerCase(Locale.ROOT)
            + "/responses/"
            + status;
    JsonNode documentedHeaders = response.path("headers");
    for (Iterator<Map.Entry<String, JsonNode>> it = documentedHeaders.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode header = deref(entry.getValue());
      String value = first(headers, entry.getKey());
      if (value == null) {
        if (header.path("required").asBoolean(false)) {
          errors.add("required header " + entry.getKey() + " is missing");
        }
        continue;
      }
      if (header.has("schema")) {
        for (Error error : schema(header.get("schema")).validate(TextNode.valueOf(value))) {
          errors.add("header " + entry.getKey() + ": " + error);
        }
      }
    }
    JsonNode content = response.get("content");
    String contentType = first(headers, "Content-Type");
    if (content == null || content.isEmpty()) {
      if (!body.isEmpty()) {
        errors.add("a body where the document has none");
      }
      return errors;
    }
    String mediaType =
        contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    JsonNode media = content.get(mediaType);
    if (media == null) {
      errors.add(
          "content type " + contentType + " is not one of " + names(content) + " at " + pointer);
      return errors;
    }
    if (mediaType.endsWith("json") && media.has("schema")) {
      JsonNode instance;
      try {
        instance = JSON.readTree(body);
      } catch (IOException e) {
        errors.add("the body is not JSON: " + e.getMessage());
        return errors;
      }
      for (Error error : schema(media.get("schema")).validate(instance)) {
        errors.add("body " + error);
      }
    }
    return errors;
  }

  /** The schema, with the document's components in scope, compiled once. */
  private Schema schema(JsonNode schema) {
    return schemas.computeIfAbsent(
        schema.toString(),
        key -> {
          ObjectNode root = JSON.createObjectNode();
          root.putArray("allOf").add(schema);
          root.set("components", document.get("components"));
          return registry.getSchema(SchemaLocation.of("https://vent.invalid/openapi.json"), root);
        });
  }

  /** Follows a local {@code $ref} (components/responses, components/headers). */
  private JsonNode deref(JsonNode node) {
    while (node != null && node.has("$ref")) {
      node = document.at(node.get("$ref").asText().substring(1));
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String escape(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }

  /** A path of the document, e.g. {@code /users/{id}/vents}, and the request paths it matches. */
  private record Template(String path, Pattern pattern, int variables) {
    Template(String path) {
      this(
          path,
          Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")),
          path.split("\\{", -1).length - 1);
    }
  }
}
