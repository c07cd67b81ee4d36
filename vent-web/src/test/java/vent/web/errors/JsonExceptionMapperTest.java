package vent.web.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.web.VentWebApplication;

/** Bodies the fuzz test found answered with 500: Jackson's read limits are the client's fault. */
class JsonExceptionMapperTest {

  private static final ObjectMapper JSON = strict();

  @Test
  void nestingPastJacksonsLimitIsMalformedJson() {
    Problem problem = problemFor("{\"a\":".repeat(1500) + "1" + "}".repeat(1500));
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo(Problems.MALFORMED_JSON);
    assertThat(problem.detail())
        .doesNotContain("Exception")
        .doesNotContain("StreamReadConstraints");
  }

  @Test
  void numberPastJacksonsLimitIsMalformedJson() {
    Problem problem = problemFor("{\"username\":" + "9".repeat(1500) + "}");
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo(Problems.MALFORMED_JSON);
  }

  @Test
  void brokenSyntaxStaysMalformedJson() {
    assertThat(problemFor("{\"a\":}").code()).isEqualTo(Problems.MALFORMED_JSON);
  }

  private static Problem problemFor(String body) {
    JsonProcessingException e =
        catchThrowableOfType(() -> JSON.readValue(body, Map.class), JsonProcessingException.class);
    assertThat(e)
        .as("Jackson refuses %s", body.substring(0, Math.min(20, body.length())))
        .isNotNull();
    return JsonExceptionMapper.problemFor(e, "/api/v1/x");
  }

  private static ObjectMapper strict() {
    ObjectMapper json = new ObjectMapper();
    VentWebApplication.strictJson(json);
    return json;
  }
}
