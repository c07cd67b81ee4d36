package vent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * monitoring/rules.yml: promtool finds it valid and its unit tests (monitoring/rules-test.yml)
 * pass; every alert has a severity, annotations, a {@code for:}, and a firing and a quiet test.
 */
class MonitoringRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void promtoolChecksTheRules() throws Exception {
    var r = Promtool.run(Promtool.root(), "check", "rules", Prometheus.RULES);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void theRulesPassTheirUnitTests() throws Exception {
    var r = Promtool.run(Promtool.root(), "test", "rules", "monitoring/rules-test.yml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasASeverityAnnotationsAForAndBothTestCases() throws IOException {
    JsonNode rules = YAML.readTree(Promtool.root().resolve(Prometheus.RULES).toFile());
    List<String> alerts = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (!rule.has("alert")) {
          continue;
        }
        String name = rule.path("alert").asText();
        alerts.add(name);
        assertThat(rule.path("for").asText()).as(name + " for:").isNotEmpty();
        assertThat(rule.at("/labels/severity").asText()).as(name).isIn("page", "warning");
        assertThat(rule.at("/annotations/summary").asText()).as(name + " summary").isNotEmpty();
        assertThat(rule.at("/annotations/description").asText())
            .as(name + " description")
            .isNotEmpty();
      }
    }
    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "VentHttp5xxRatioHigh",
            "VentRpcErrorRatioHigh",
            "VentCircuitBreakerOpen",
            "VentConsumerLagGrowing",
            "VentDeadLetters",
            "VentInstanceDown");
    Set<String> firing = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    JsonNode tests = YAML.readTree(Promtool.root().resolve("monitoring/rules-test.yml").toFile());
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode t : test.path("alert_rule_test")) {
        String name = t.path("alertname").asText();
        (t.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
      }
    }
    assertThat(firing).as("alerts with a firing case").containsAll(alerts);
    assertThat(quiet).as("alerts with a quiet case").containsAll(alerts);
  }
}
