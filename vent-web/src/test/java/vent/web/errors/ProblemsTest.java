package vent.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import dev.vent.api.rules.ErrorReasons;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class ProblemsTest {

  @ParameterizedTest
  @CsvSource({
    "INVALID_ARGUMENT, 400", "FAILED_PRECONDITION, 400", "UNAUTHENTICATED, 401",
        "PERMISSION_DENIED, 403",
    "NOT_FOUND, 404", "ALREADY_EXISTS, 409", "RESOURCE_EXHAUSTED, 429", "UNAVAILABLE, 503"
  })
  void everyErrorKindHasItsStatus(ErrorKind kind, int status) {
    Problem problem =
        Problems.fromVent(new VentException(kind, "SOME_REASON", "what happened"), "/api/v1/x");
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.code()).isEqualTo("SOME_REASON");
    assertThat(problem.detail()).isEqualTo("what happened");
    assertThat(problem.instance()).isEqualTo("/api/v1/x");
    assertThat(problem.type()).isEqualTo("/api/v1/problems/SOME_REASON");
    assertThat(problem.title()).isNotBlank();
  }

  @Test
  void providerReasonsKeepTheirCodes() {
    assertThat(
            Problems.fromVent(
                new VentException(ErrorKind.ALREADY_EXISTS, "USERNAME_TAKEN", "taken"), null))
        .extracting(Problem::status, Problem::code, Problem::title)
        .containsExactly(409, "USERNAME_TAKEN", "Conflict");
    assertThat(
            Problems.fromVent(
                new VentException(ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "wrong"), null))
        .extracting(Problem::status, Problem::code)
        .containsExactly(401, "INVALID_CREDENTIALS");
    assertThat(
            Problems.fromVent(
                new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "timeout"),
                null))
        .extracting(Problem::status, Problem::code, Problem::title)
        .containsExactly(503, "DEPENDENCY_UNAVAILABLE", "Service Unavailable");
  }

  @Test
  void everyReasonOfTheIdlGetsTheStatusOfItsOption() {
    for (EnumValueDescriptor reason : ErrorReasons.all()) {
      int declared = ErrorReasons.status(reason);
      assertThat(declared).as("http_status of %s", reason.getFullName()).isBetween(400, 599);
      // A kind whose own status differs, so only the option can give the declared one.
      ErrorKind misleading =
          Problems.status(ErrorKind.PERMISSION_DENIED) == declared
              ? ErrorKind.NOT_FOUND
              : ErrorKind.PERMISSION_DENIED;
      assertThat(
              Problems.fromVent(new VentException(misleading, reason.getName(), "x"), null)
                  .status())
          .as("status of %s", reason.getFullName())
          .isEqualTo(declared);
    }
  }

  @Test
  void reasonFieldsAreNamedAsInTheJsonBody() {
    assertThat(
            Problems.fromVent(VentException.invalid("INVALID_DISPLAY_NAME", "too long"), null)
                .errors())
        .containsExactly(new Problem.FieldError("displayName", "too long"));
    assertThat(Problems.jsonName("captcha_answer")).isEqualTo("captchaAnswer");
    assertThat(Problems.jsonName("bio")).isEqualTo("bio");
  }

  @Test
  void reasonsThatNameAFieldListIt() {
    Problem problem =
        Problems.fromVent(VentException.invalid("INVALID_USERNAME", "username must be 3-30"), null);
    assertThat(problem.errors())
        .containsExactly(new Problem.FieldError("username", "username must be 3-30"));
    assertThat(Problems.fromVent(VentException.invalid("CAPTCHA_INVALID", "wrong"), null).errors())
        .extracting(Problem.FieldError::field)
        .containsExactly("captchaAnswer");
    assertThat(
            Problems.fromVent(VentException.notFound("USER_NOT_FOUND", "no user"), null).errors())
        .isNull();
  }

  @Test
  void anEmptyDetailGetsAGenericOne() {
    assertThat(
            Problems.fromVent(
                    new VentException(ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", ""), null)
                .detail())
        .isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({
    "400, BAD_REQUEST",
    "401, UNAUTHENTICATED",
    "404, NOT_FOUND",
    "405, METHOD_NOT_ALLOWED",
    "406, NOT_ACCEPTABLE",
    "413, PAYLOAD_TOO_LARGE",
    "415, UNSUPPORTED_MEDIA_TYPE",
    "429, RATE_LIMITED",
    "500, INTERNAL",
    "503, SERVICE_UNAVAILABLE",
    "418, CLIENT_ERROR",
    "502, INTERNAL"
  })
  void bareStatusesGetStableCodes(int status, String code) {
    Problem problem = Problems.forStatus(status, "/p");
    assertThat(problem.code()).isEqualTo(code);
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.detail()).isNotBlank().doesNotContain("Exception");
  }

  @Test
  void unauthorizedProblemsChallengeForBearerTokens() {
    assertThat(Problems.headers(Problems.forStatus(401, null)))
        .containsEntry("WWW-Authenticate", "Bearer realm=\"vent\"");
    assertThat(Problems.headers(Problems.of(401, Problems.TOKEN_INVALID, "bad", null, List.of())))
        .containsEntry("WWW-Authenticate", "Bearer realm=\"vent\", error=\"invalid_token\"");
    assertThat(Problems.headers(Problems.forStatus(429, null))).containsEntry("Retry-After", "1");
    assertThat(Problems.headers(Problems.forStatus(503, null))).containsEntry("Retry-After", "1");
    assertThat(Problems.headers(Problems.forStatus(404, null))).isEmpty();
    assertThat(Problems.headers(Problems.forStatus(413, null)))
        .containsEntry("Connection", "close");
  }

  @Test
  void unavailableDependenciesAre503WithRetryAfter() {
    Response open =
        new VentExceptionMapper()
            .toResponse(
                new VentException(
                    ErrorKind.UNAVAILABLE,
                    "DEPENDENCY_UNAVAILABLE",
                    "circuit open: dev.vent.user.v1.UserService"));
    assertThat(open.getStatus()).isEqualTo(503);
    assertThat(open.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(((Problem) open.getEntity()).code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(((Problem) open.getEntity()).detail())
        .isEqualTo("circuit open: dev.vent.user.v1.UserService");

    // A provider refusing vent-web's call under its own rules: not the client's limit.
    Response limited =
        new VentExceptionMapper()
            .toResponse(
                new VentException(
                    ErrorKind.RESOURCE_EXHAUSTED, "RATE_LIMITED", "dev.vent.user.v1.UserService"));
    assertThat(limited.getStatus()).isEqualTo(503);
    assertThat(limited.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(((Problem) limited.getEntity()).code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(((Problem) limited.getEntity()).detail()).contains("dev.vent.user.v1.UserService");
  }

  @Test
  void sentinelRefusalsOfProviderCallsThatArriveUnmappedAre503() {
    Response blocked =
        new FallbackExceptionMapper()
            .toResponse(
                new java.util.concurrent.CompletionException(
                    new RuntimeException(
                        "wrapped",
                        new com.alibaba.csp.sentinel.slots.block.degrade.DegradeException(
                            "default"))));
    assertThat(blocked.getStatus()).isEqualTo(503);
    assertThat(((Problem) blocked.getEntity()).code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
    Response flagged =
        new FallbackExceptionMapper()
            .toResponse(
                new com.alibaba.csp.sentinel.slots.block.flow.FlowException("default")
                    .toRuntimeException());
    assertThat(flagged.getStatus()).isEqualTo(503);
    assertThat(flagged.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void responsesAreProblemJsonAndOmitEmptyErrors() throws Exception {
    Problem problem = Problems.forStatus(404, "/api/v1/nope");
    Response response = Problems.response(problem);
    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");

    JsonNode json = new ObjectMapper().valueToTree(problem);
    assertThat(json.has("errors")).isFalse();
    assertThat(json.get("type").asText()).isEqualTo("/api/v1/problems/NOT_FOUND");
    assertThat(json.get("title").asText()).isEqualTo("Not Found");
    assertThat(json.get("status").asInt()).isEqualTo(404);
    assertThat(json.get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(json.get("instance").asText()).isEqualTo("/api/v1/nope");
  }

  @Test
  void mappersTurnExceptionsIntoProblems() {
    Response vent =
        new VentExceptionMapper().toResponse(VentException.notFound("USER_NOT_FOUND", "no user 9"));
    assertThat(vent.getStatus()).isEqualTo(404);
    assertThat(((Problem) vent.getEntity()).code()).isEqualTo("USER_NOT_FOUND");

    Response own =
        new ProblemExceptionMapper()
            .toResponse(ProblemException.badField("INVALID_LIMIT", "limit", "1..100"));
    assertThat(own.getStatus()).isEqualTo(400);
    assertThat(((Problem) own.getEntity()).errors())
        .containsExactly(new Problem.FieldError("limit", "1..100"));

    Response wrapped =
        new FallbackExceptionMapper()
            .toResponse(
                new java.util.concurrent.CompletionException(
                    VentException.invalid("INVALID_CURSOR", "bad cursor")));
    assertThat(wrapped.getStatus()).isEqualTo(400);
    assertThat(((Problem) wrapped.getEntity()).code()).isEqualTo("INVALID_CURSOR");

    Response unexpected =
        new FallbackExceptionMapper().toResponse(new IllegalStateException("secret internals"));
    assertThat(unexpected.getStatus()).isEqualTo(500);
    Problem internal = (Problem) unexpected.getEntity();
    assertThat(internal.code()).isEqualTo("INTERNAL");
    assertThat(internal.detail()).doesNotContain("secret internals");
  }
}
