package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowException;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowItem;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.system.SystemBlockException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vent.web.errors.Problem;

class RateLimitResponsesTest {

  @AfterEach
  void noRules() {
    ParamFlowRuleManager.loadRules(List.of());
  }

  @Test
  void aQpsRouteLimitGives429WithTheRulesCountAndAOneSecondWindow() {
    FlowRule rule = new FlowRule("GET /users/{id}");
    rule.setCount(2.0);
    Response response =
        RateLimitResponses.of(
            new FlowException("default", rule), "GET /users/{id}", "/api/v1/users/7");
    assertThat(response.getStatus()).isEqualTo(429);
    assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(response.getHeaderString("RateLimit-Limit")).isEqualTo("2");
    assertThat(response.getHeaderString("RateLimit-Remaining")).isEqualTo("0");
    assertThat(response.getHeaderString("RateLimit-Reset")).isEqualTo("1");
    Problem problem = (Problem) response.getEntity();
    assertThat(problem.code()).isEqualTo("RATE_LIMITED");
    assertThat(problem.type()).isEqualTo("/api/v1/problems/RATE_LIMITED");
    assertThat(problem.detail()).contains("route limit").contains("GET /users/{id}");
    assertThat(problem.instance()).isEqualTo("/api/v1/users/7");
  }

  @Test
  void aParameterRuleGivesItsDurationAndTheCountOfTheLimitedValue() {
    ParamFlowRule rule =
        new ParamFlowRule(SentinelResources.LOGIN_IP)
            .setParamIdx(0)
            .setCount(10)
            .setDurationInSec(60)
            .setParamFlowItemList(
                List.of(
                    new ParamFlowItem()
                        .setObject("203.0.113.9")
                        .setClassType(String.class.getName())
                        .setCount(3)));
    // Loading parses the exception items into the rule, as rules from Consul are.
    ParamFlowRuleManager.loadRules(List.of(rule));
    ParamFlowRule loaded =
        ParamFlowRuleManager.getRulesOfResource(SentinelResources.LOGIN_IP).get(0);

    Response item =
        RateLimitResponses.of(
            new ParamFlowException(SentinelResources.LOGIN_IP, "203.0.113.9", loaded),
            SentinelResources.LOGIN_IP,
            "/api/v1/sessions");
    assertThat(item.getHeaderString("RateLimit-Limit")).isEqualTo("3");
    assertThat(item.getHeaderString("Retry-After")).isEqualTo("60");
    assertThat(item.getHeaderString("RateLimit-Reset")).isEqualTo("60");
    assertThat(((Problem) item.getEntity()).detail()).contains("login limit");

    Response other =
        RateLimitResponses.of(
            new ParamFlowException(SentinelResources.LOGIN_IP, "198.51.100.1", loaded),
            SentinelResources.LOGIN_IP,
            "/api/v1/sessions");
    assertThat(other.getHeaderString("RateLimit-Limit")).isEqualTo("10");

    ParamFlowRule threads =
        new ParamFlowRule(SentinelResources.CLIENT_USER)
            .setParamIdx(0)
            .setCount(4)
            .setGrade(RuleConstant.FLOW_GRADE_THREAD)
            .setDurationInSec(60);
    Response concurrent =
        RateLimitResponses.of(
            new ParamFlowException(SentinelResources.CLIENT_USER, "101", threads),
            SentinelResources.CLIENT_USER,
            "/api/v1/me");
    assertThat(concurrent.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(concurrent.getHeaderString("RateLimit-Limit")).isEqualTo("4");
    assertThat(((Problem) concurrent.getEntity()).detail()).contains("per-user limit");
  }

  @Test
  void aSystemRuleGives429WithoutALimitHeader() {
    Response response =
        RateLimitResponses.of(new SystemBlockException("GET /me", "qps"), "GET /me", "/api/v1/me");
    assertThat(response.getStatus()).isEqualTo(429);
    assertThat(response.getHeaderString("RateLimit-Limit")).isNull();
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(response.getHeaderString("RateLimit-Remaining")).isEqualTo("0");
    assertThat(response.getHeaderString("RateLimit-Reset")).isEqualTo("1");
    assertThat(((Problem) response.getEntity()).code()).isEqualTo("RATE_LIMITED");
    assertThat(((Problem) response.getEntity()).detail()).contains("system limit").contains("qps");
  }

  @Test
  void aCircuitOnARouteIs503ForItsTimeWindow() {
    DegradeRule rule = new DegradeRule("GET /me");
    rule.setTimeWindow(7);
    Response response =
        RateLimitResponses.of(new DegradeException("default", rule), "GET /me", "/api/v1/me");
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("7");
    assertThat(((Problem) response.getEntity()).code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(((Problem) response.getEntity()).detail()).startsWith("circuit open: GET /me");
  }

  @Test
  void perIpAndRuleLessRefusalsAreNamed() {
    Response response =
        RateLimitResponses.of(
            new ParamFlowException(SentinelResources.CLIENT_IP, "10.0.0.1"),
            SentinelResources.CLIENT_IP,
            null);
    assertThat(response.getStatus()).isEqualTo(429);
    assertThat(response.getHeaderString("RateLimit-Limit")).isNull();
    assertThat(((Problem) response.getEntity()).detail()).contains("per-IP limit");
  }
}
