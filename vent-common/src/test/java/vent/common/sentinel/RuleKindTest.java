package vent.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleKindTest {

  @Test
  void keysFollowTheDocumentedLayout() {
    assertThat(RuleKind.FLOW.key("test/sentinel", "vent-web"))
        .isEqualTo("test/sentinel/vent-web/flow");
    assertThat(RuleKind.PARAM_FLOW.key("/test/sentinel/", "vent-provider-user"))
        .isEqualTo("test/sentinel/vent-provider-user/param-flow");
    assertThat(RuleKind.ALL)
        .extracting(RuleKind::type)
        .containsExactly("flow", "degrade", "param-flow", "system");
  }

  @Test
  void absentOrEmptyValuesAreNoRules() {
    assertThat(RuleKind.FLOW.parse(null)).isEmpty();
    assertThat(RuleKind.FLOW.parse("  ")).isEmpty();
    assertThat(RuleKind.FLOW.parse("[]")).isEmpty();
    assertThat(RuleKind.FLOW.parse("[null]")).isEmpty();
  }

  @Test
  void rulesSurviveTheRoundTripThroughKv() {
    FlowRule flow =
        new FlowRule("GET /users/{id}").setCount(50).setGrade(RuleConstant.FLOW_GRADE_QPS);
    assertThat(RuleKind.FLOW.parse(RuleKind.FLOW.encode(List.of(flow)))).containsExactly(flow);

    DegradeRule degrade =
        new DegradeRule("dev.vent.user.v1.UserService")
            .setGrade(RuleConstant.DEGRADE_GRADE_EXCEPTION_RATIO)
            .setCount(0.5)
            .setTimeWindow(10)
            .setMinRequestAmount(20)
            .setStatIntervalMs(10000);
    assertThat(RuleKind.DEGRADE.parse(RuleKind.DEGRADE.encode(List.of(degrade))))
        .containsExactly(degrade);

    ParamFlowRule param = new ParamFlowRule("client-ip").setParamIdx(0).setCount(20);
    assertThat(RuleKind.PARAM_FLOW.parse(RuleKind.PARAM_FLOW.encode(List.of(param))))
        .containsExactly(param);
  }

  @Test
  void readsSentinelsOwnJson() {
    List<FlowRule> rules =
        RuleKind.FLOW.parse(
            "[{\"resource\":\"POST /sessions\",\"grade\":1,\"count\":5,\"limitApp\":\"default\"}]");
    assertThat(rules)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResource()).isEqualTo("POST /sessions");
              assertThat(r.getCount()).isEqualTo(5.0);
            });
  }

  @Test
  void garbageIsAnError() {
    assertThatThrownBy(() -> RuleKind.FLOW.parse("not json")).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> RuleKind.FLOW.parse("{\"resource\":\"x\"}"))
        .isInstanceOf(RuntimeException.class);
  }
}
