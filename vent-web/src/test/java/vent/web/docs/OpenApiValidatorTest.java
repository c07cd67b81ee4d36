package vent.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validator ContractIT relies on reads the document as OpenAPI 3.1 and refuses what the
 * contract does not allow: an undeclared field, an undocumented status, a code the response does
 * not list, a missing required header.
 */
class OpenApiValidatorTest {

  private static final String PROFILE =
      "{\"id\":\"12\",\"username\":\"alice\",\"displayName\":\"Alice\",\"bio\":\"\","
          + "\"createdAt\":\"2026-11-02T10:15:30.123Z\",\"followersCount\":0,\"followingCount\":1";

  private static final String REQUEST_ID = "0af7651916cd43dd8448eb211c80319c";

  private final ContractValidator validator = new ContractValidator();

  @Test
  void aDocumentedAnswerPasses() {
    assertThat(profile(200, PROFILE + "}")).isEmpty();
  }

  @Test
  void aProfileWithoutItsEtagFails() {
    assertThat(
            validator.validate(
                "GET",
                "/users/12",
                200,
                Map.of(
                    "Content-Type",
                    List.of("application/json"),
                    "X-Request-Id",
                    List.of(REQUEST_ID)),
                PROFILE + "}"))
        .contains("required header ETag is missing");
  }

  @Test
  void anUndeclaredFieldFails() {
    assertThat(profile(200, PROFILE + ",\"email\":\"a@example.com\"}")).isNotEmpty();
  }

  @Test
  void anUndocumentedStatusFails() {
    assertThat(profile(418, PROFILE + "}")).isNotEmpty();
  }

  @Test
  void aProblemCodeTheResponseDoesNotListFails() {
    List<String> report =
        validate(
            404,
            "application/problem+json",
            "{\"type\":\"urn:vent:problem:vent-not-found\",\"title\":\"Not Found\",\"status\":404,"
                + "\"code\":\"VENT_NOT_FOUND\"}");
    assertThat(report).isNotEmpty();
  }

  @Test
  void aMissingRequiredHeaderFails() {
    assertThat(
            validator.validate(
                "GET",
                "/users/12",
                200,
                Map.of("Content-Type", List.of("application/json")),
                PROFILE + "}"))
        .anyMatch(error -> error.contains("X-Request-Id"));
  }

  @Test
  void anUndocumentedPathFails() {
    assertThat(validator.validate("GET", "/users/12/friends", 200, Map.of(), ""))
        .containsExactly("undocumented path /users/12/friends");
  }

  private List<String> profile(int status, String body) {
    return validate(status, "application/json", body);
  }

  private List<String> validate(int status, String type, String body) {
    return validator.validate(
        "GET",
        "/users/12",
        status,
        Map.of(
            "Content-Type",
            List.of(type),
            "X-Request-Id",
            List.of(REQUEST_ID),
            "ETag",
            List.of("\"Zm9vYmFyYmF6cXV4cXV1eA\"")),
        body);
  }
}
