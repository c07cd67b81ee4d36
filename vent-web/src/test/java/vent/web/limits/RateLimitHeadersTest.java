package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import dev.vent.user.v1.User;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/**
 * {@code RateLimit-Policy} and {@code RateLimit} from Sentinel's rules and statistics, rules loaded
 * directly; every request comes from the trusted stand-in proxy, the client named in {@code
 * X-Forwarded-For}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitHeadersTest {

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api = TestApi.over(fakes, true, true);
  private User alice;

  @BeforeEach
  void user() {
    noRules();
    alice = fakes.addUser("alice");
  }

  @AfterEach
  void noRules() {
    FlowRuleManager.loadRules(List.of());
    ParamFlowRuleManager.loadRules(List.of());
  }

  private Response get(String path, String token, String ip) {
    Invocation.Builder request = api.target(path).request().header("X-Forwarded-For", ip);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    Response response = request.get();
    response.bufferEntity();
    return response;
  }

  private static FlowRule qps(String resource, double count) {
    FlowRule rule = new FlowRule(resource);
    rule.setGrade(RuleConstant.FLOW_GRADE_QPS);
    rule.setCount(count);
    rule.setLimitApp(RuleConstant.LIMIT_APP_DEFAULT);
    return rule;
  }

  private static ParamFlowRule perValue(String resource, double count, int seconds) {
    ParamFlowRule rule =
        new ParamFlowRule(resource).setParamIdx(0).setCount(count).setDurationInSec(seconds);
    rule.setLimitApp(RuleConstant.LIMIT_APP_DEFAULT);
    return rule;
  }

  /** {@code r} of the item {@code name} in a {@code RateLimit} field. */
  private static long remaining(Response response, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\";r=(\\d+);t=(\\d+)")
            .matcher(response.getHeaderString("RateLimit"));
    assertThat(m.find()).as(response.getHeaderString("RateLimit")).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aRouteWithoutRulesHasNoRateLimitFields() {
    Response response = get("/users/" + alice.getId(), null, "192.0.2.10");
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeaderString("RateLimit-Policy")).isNull();
    assertThat(response.getHeaderString("RateLimit")).isNull();
  }

  @Test
  void everyAnswerCarriesThePoliciesAndWhatIsLeftUntilThe429() {
    // The other tests' requests to the same route must not count in this one's second.
    ClusterBuilderSlot.resetClusterNodes();
    FlowRuleManager.loadRules(List.of(qps("GET /users/{id}", 1000)));
    ParamFlowRuleManager.loadRules(List.of(perValue(SentinelResources.CLIENT_IP, 3, 60)));
    String path = "/users/" + alice.getId();
    for (long left = 2; left >= 0; left--) {
      Response ok = get(path, null, "192.0.2.11");
      assertThat(ok.getStatus()).isEqualTo(200);
      assertThat(ok.getHeaderString("RateLimit-Policy"))
          .isEqualTo("\"client-ip\";q=3;w=60, \"GET /users/{id}\";q=1000;w=1");
      assertThat(ok.getHeaderString("RateLimit"))
          .matches("\"client-ip\";r=" + left + ";t=(60|59), \"GET /users/\\{id}\";r=\\d+;t=1");
      assertThat(remaining(ok, "GET /users/{id}")).isBetween(990L, 999L);
      // The old fields stay on 429s only.
      assertThat(ok.getHeaderString("RateLimit-Remaining")).isNull();
    }
    Response refused = get(path, null, "192.0.2.11");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeaderString("RateLimit-Policy")).isEqualTo("\"client-ip\";q=3;w=60");
    assertThat(refused.getHeaderString("RateLimit")).matches("\"client-ip\";r=0;t=(60|59)");
    assertThat(refused.getHeaderString("RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.getHeaderString("Retry-After")).isEqualTo("60");

    // Another client has its own bucket.
    assertThat(remaining(get(path, null, "192.0.2.12"), "client-ip")).isEqualTo(2);
  }

  @Test
  void aRouteAtItsLimitSaysNothingIsLeft() {
    FlowRuleManager.loadRules(List.of(qps("GET /users/{id}", 2)));
    String path = "/users/" + alice.getId();
    Response last = null;
    for (int i = 0; i < 4; i++) {
      last = get(path, null, "192.0.2.13");
    }
    assertThat(last.getStatus()).isEqualTo(429);
    assertThat(last.getHeaderString("RateLimit-Policy")).isEqualTo("\"GET /users/{id}\";q=2;w=1");
    assertThat(last.getHeaderString("RateLimit")).isEqualTo("\"GET /users/{id}\";r=0;t=1");
  }

  @Test
  void perUserRulesAndSeveralRulesOfOneResourceAreNamedApart() {
    ParamFlowRuleManager.loadRules(
        List.of(
            perValue(SentinelResources.CLIENT_USER, 20, 1),
            perValue(SentinelResources.LOGIN_IP, 5, 60),
            perValue(SentinelResources.LOGIN_IP, 1, 1)));
    Response me = get("/me", fakes.tokenOf(alice), "192.0.2.14");
    assertThat(me.getStatus()).isEqualTo(200);
    assertThat(me.getHeaderString("RateLimit-Policy")).isEqualTo("\"client-user\";q=20;w=1");
    assertThat(remaining(me, "client-user")).isEqualTo(19);

    Response login =
        api.target("/sessions")
            .request()
            .header("X-Forwarded-For", "192.0.2.14")
            .post(jakarta.ws.rs.client.Entity.json("{}"));
    assertThat(login.getHeaderString("RateLimit-Policy"))
        .isEqualTo("\"login-ip/60s\";q=5;w=60, \"login-ip/1s\";q=1;w=1");
    assertThat(login.getHeaderString("RateLimit"))
        .matches("\"login-ip/60s\";r=4;t=(60|59), \"login-ip/1s\";r=0;t=1");
  }

  @Test
  void namesAreStructuredFieldStrings() {
    assertThat(RateLimitHeaders.sfString("GET /users/{id}")).isEqualTo("\"GET /users/{id}\"");
    assertThat(RateLimitHeaders.sfString("a\"b\\c\u00e9")).isEqualTo("\"a\\\"b\\\\c?\"");
  }
}
