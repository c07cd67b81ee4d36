package vent.web.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/** Checks that a response is an RFC 9457 problem with the given status and code. */
final class ProblemAssert {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemAssert() {}

  static JsonNode problem(Response response, int status, String code) {
    String body = response.readEntity(String.class);
    assertThat(response.getStatus()).as(body).isEqualTo(status);
    assertThat(response.getMediaType().toString()).as(body).startsWith("application/problem+json");
    assertThat(body)
        .doesNotContain("Exception")
        .doesNotContain("vent.web.")
        .doesNotContain("\tat ");
    try {
      JsonNode json = JSON.readTree(body);
      assertThat(json.get("status").asInt()).isEqualTo(status);
      assertThat(json.get("code").asText()).as(body).isEqualTo(code);
      assertThat(json.get("type").asText()).isEqualTo("/api/v1/problems/" + code);
      assertThat(json.get("title").asText()).isNotBlank();
      assertThat(json.get("detail").asText()).isNotBlank();
      return json;
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static JsonNode json(Response response, int status) {
    String body = response.readEntity(String.class);
    assertThat(response.getStatus()).as(body).isEqualTo(status);
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
