package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import dev.vent.user.v1.User;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/** {@code sentinel.enabled: false}: no filter is registered, so no rule can refuse anything. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SentinelOffTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes, false, false);

  @AfterEach
  void noRules() {
    FlowRuleManager.loadRules(List.of());
  }

  @Test
  void rulesHaveNoEffectWhenSentinelIsOff() {
    FlowRule none = new FlowRule("GET /users/{id}");
    none.setGrade(RuleConstant.FLOW_GRADE_QPS);
    none.setCount(0);
    FlowRuleManager.loadRules(List.of(none));
    User user = fakes.addUser("alice");
    for (int i = 0; i < 5; i++) {
      assertThat(api.target("/users/" + user.getId()).request().get().getStatus()).isEqualTo(200);
    }
  }
}
