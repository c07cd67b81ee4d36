package vent.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.csp.sentinel.command.CommandRequest;
import com.alibaba.csp.sentinel.transport.util.HttpCommandUtils;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRequestsTest {

  private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
  private static final String RULES =
      "[{\"resource\":\"GET /users/{id}\",\"count\":5.0,\"grade\":1}]";

  private static byte[] form(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void dashboardSetRulesPostIsParsedFromTheFormBody() {
    String body = "type=flow&data=" + URLEncoder.encode(RULES, StandardCharsets.UTF_8);
    CommandRequest request = CommandRequests.parse("POST", "/setRules", null, FORM, form(body));
    assertThat(HttpCommandUtils.getTarget(request)).isEqualTo("setRules");
    assertThat(request.getParam("type")).isEqualTo("flow");
    assertThat(request.getParam("data")).isEqualTo(RULES);
    assertThat(request.getBody()).isEqualTo(form(body));
  }

  @Test
  void getRulesReadsTheQueryString() {
    CommandRequest request =
        CommandRequests.parse("GET", "/getRules", "type=degrade", null, new byte[0]);
    assertThat(HttpCommandUtils.getTarget(request)).isEqualTo("getRules");
    assertThat(request.getParameters()).containsExactly(java.util.Map.entry("type", "degrade"));
  }

  @Test
  void nestedCommandPathsKeepTheirSlashes() {
    CommandRequest request =
        CommandRequests.parse("GET", "/cluster/server/info", null, null, new byte[0]);
    assertThat(HttpCommandUtils.getTarget(request)).isEqualTo("cluster/server/info");
  }

  @Test
  void bodyParametersWinOverQueryParameters() {
    CommandRequest request =
        CommandRequests.parse("POST", "/setRules", "type=degrade&x=1", FORM, form("type=flow"));
    assertThat(request.getParam("type")).isEqualTo("flow");
    assertThat(request.getParam("x")).isEqualTo("1");
  }

  @Test
  void emptyKeysValuesAndAnchorsAreDroppedLikeSentinelDoes() {
    CommandRequest request =
        CommandRequests.parse("GET", "/metric", "a=&=b&&c=%20d%20&e=1#frag=2", null, new byte[0]);
    assertThat(request.getParameters()).containsOnlyKeys("c", "e");
    assertThat(request.getParam("c")).isEqualTo(" d ");
    assertThat(request.getParam("e")).isEqualTo("1");
  }

  @Test
  void aPostWithoutContentTypeIsReadAsAForm() {
    CommandRequest request =
        CommandRequests.parse("POST", "/setParamFlowRules", null, null, form("data=%5B%5D"));
    assertThat(request.getParam("data")).isEqualTo("[]");
  }

  @Test
  void rejectsWhatTheTransportCannotServe() {
    assertThatThrownBy(() -> CommandRequests.parse("GET", "/", null, null, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid command");
    assertThatThrownBy(
            () -> CommandRequests.parse("PUT", "/setRules", null, FORM, form("type=flow")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET and POST");
    assertThatThrownBy(
            () -> CommandRequests.parse("POST", "/setRules", null, "application/json", form("[]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("form-encoded");
    assertThatThrownBy(
            () -> CommandRequests.parse("GET", "/getRules", "type=%zz", null, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("malformed URL encoding in parameters");
  }

  private static final java.util.function.Predicate<String> KNOWN =
      command -> !command.startsWith("noSuch");

  private static CommandRequests.Refusal refusal(
      String method, String path, String origin, String host) {
    return CommandRequests.refusal(method, path, origin, host, KNOWN);
  }

  @Test
  void writesTakePostOnlyAndReadsEither() {
    for (String write :
        List.of(
            "/setRules",
            "/setParamFlowRules",
            "/setClusterMode",
            "/setSwitch",
            "/cluster/client/modifyConfig",
            "/cluster/server/modifyTransportConfig",
            "/gateway/updateRules")) {
      assertThat(refusal("GET", write, null, "127.0.0.1:18719"))
          .as("GET %s", write)
          .extracting(CommandRequests.Refusal::status)
          .isEqualTo(405);
      assertThat(refusal("POST", write, null, "127.0.0.1:18719")).as("POST %s", write).isNull();
    }
    for (String read :
        List.of(
            "/getRules",
            "/getParamFlowRules",
            "/metric",
            "/jsonTree",
            "/clusterNode",
            "/version",
            "/getClusterMode",
            "/cluster/server/info",
            "/api")) {
      assertThat(refusal("GET", read, null, "127.0.0.1:18719")).as("GET %s", read).isNull();
      assertThat(refusal("POST", read, null, null)).as("POST %s", read).isNull();
    }
    assertThat(refusal("GET", "/noSuchCommand", null, null))
        .as("unknown: answered 400 Unknown command later")
        .isNull();
    assertThat(refusal("PUT", "/setRules", null, null).status()).isEqualTo(405);
    assertThat(refusal("DELETE", "/getRules", null, null).status()).isEqualTo(405);
  }

  @Test
  void browserRequestsAreRefused() {
    assertThat(refusal("POST", "/setRules", "http://evil.example", "127.0.0.1:18719").status())
        .isEqualTo(403);
    assertThat(refusal("GET", "/getRules", "null", "127.0.0.1:18719").status()).isEqualTo(403);
    assertThat(refusal("GET", "/getRules", "", "127.0.0.1:18719").status()).isEqualTo(403);
    for (String host :
        List.of(
            "evil.example:18719", "evil.example", "127.0.0.1.nip.io:18719", "a b", "[::1", "")) {
      assertThat(refusal("GET", "/getRules", null, host))
          .as("Host %s", host)
          .extracting(CommandRequests.Refusal::status)
          .isEqualTo(403);
    }
    for (String host :
        List.of(
            "127.0.0.1:18719",
            "127.0.0.1",
            "[::1]:18719",
            "localhost:18719",
            "LOCALHOST",
            "10.1.2.3:18719")) {
      assertThat(refusal("GET", "/getRules", null, host)).as("Host %s", host).isNull();
    }
    assertThat(refusal("GET", "/getRules", null, null)).as("HTTP/1.0 without Host").isNull();
  }
}
