package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleUtil;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleUtil;
import com.alibaba.csp.sentinel.slots.system.SystemRule;
import com.alibaba.fastjson.JSON;
import dev.vent.auth.v1.AuthService;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.notification.v1.NotificationService;
import dev.vent.post.v1.PostService;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.UserService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import vent.web.resources.BlocksResource;
import vent.web.resources.CaptchaResource;
import vent.web.resources.MeResource;
import vent.web.resources.MutesResource;
import vent.web.resources.NotificationResource;
import vent.web.resources.SessionResource;
import vent.web.resources.TimelineResource;
import vent.web.resources.UserResource;
import vent.web.resources.UserVentsResource;
import vent.web.resources.VentResource;

/**
 * The default rules in {@code sentinel-rules/} parse with Sentinel's own classes, pass its validity
 * checks, and name resources that exist: REST routes vent-web serves, its per-client resources, and
 * the Dubbo interfaces of the providers.
 */
class DefaultRulesTest {

  private static final Path RULES = Path.of("..", "sentinel-rules");

  /** The interface-level resource names Sentinel's Dubbo adapter gives the providers' services. */
  private static final Set<String> DUBBO_INTERFACES =
      Stream.of(
              UserService.class,
              RelationService.class,
              NotificationService.class,
              AuthService.class,
              CaptchaService.class,
              PostService.class)
          .map(Class::getName)
          .collect(Collectors.toSet());

  private static final List<String> APPLICATIONS =
      List.of(
          "vent-web",
          "vent-provider-user",
          "vent-provider-relation",
          "vent-provider-auth",
          "vent-provider-captcha",
          "vent-provider-post");

  @Test
  void everyApplicationHasEveryRuleTypeAndEachParses() throws IOException {
    for (String app : APPLICATIONS) {
      for (FlowRule rule : JSON.parseArray(read(app, "flow"), FlowRule.class)) {
        assertThat(FlowRuleUtil.isValidRule(rule)).as("%s flow %s", app, rule).isTrue();
        assertThat(knownResources(app)).as("%s flow resource", app).contains(rule.getResource());
      }
      for (DegradeRule rule : JSON.parseArray(read(app, "degrade"), DegradeRule.class)) {
        assertThat(DegradeRuleManager.isValidRule(rule)).as("%s degrade %s", app, rule).isTrue();
        assertThat(DUBBO_INTERFACES).as("%s degrade resource", app).contains(rule.getResource());
      }
      for (ParamFlowRule rule : JSON.parseArray(read(app, "param-flow"), ParamFlowRule.class)) {
        assertThat(ParamFlowRuleUtil.isValidRule(rule)).as("%s param-flow %s", app, rule).isTrue();
        assertThat(
                Set.of(
                    SentinelResources.CLIENT_IP,
                    SentinelResources.CLIENT_USER,
                    SentinelResources.LOGIN_IP,
                    SentinelResources.CAPTCHA_IP,
                    SentinelResources.PASSWORD_USER,
                    SentinelResources.POST_USER))
            .contains(rule.getResource());
      }
      assertThat(JSON.parseArray(read(app, "system"), SystemRule.class))
          .as("%s system", app)
          .isNotNull();
    }
  }

  @Test
  void ventWebHasARuleForEveryRoute() throws IOException {
    Set<String> limited = new HashSet<>();
    JSON.parseArray(read("vent-web", "flow"), FlowRule.class)
        .forEach(r -> limited.add(r.getResource()));
    assertThat(limited).containsAll(routes());
  }

  @Test
  void everyPerClientResourceOfVentWebHasADefaultRule() throws IOException {
    Set<String> limited = new HashSet<>();
    JSON.parseArray(read("vent-web", "param-flow"), ParamFlowRule.class)
        .forEach(r -> limited.add(r.getResource()));
    assertThat(limited)
        .containsExactlyInAnyOrder(
            SentinelResources.CLIENT_IP,
            SentinelResources.CLIENT_USER,
            SentinelResources.LOGIN_IP,
            SentinelResources.CAPTCHA_IP,
            SentinelResources.PASSWORD_USER,
            SentinelResources.POST_USER);
  }

  /**
   * No default system rule reads the host's load or CPU: both are the whole machine's, so other
   * processes' work (builds, the providers, Redis) would turn into refusals of light traffic.
   */
  @Test
  void noDefaultSystemRuleDependsOnTheHostsLoadOrCpu() throws IOException {
    for (String app : APPLICATIONS) {
      for (SystemRule rule : JSON.parseArray(read(app, "system"), SystemRule.class)) {
        assertThat(rule.getHighestSystemLoad()).as("%s highestSystemLoad", app).isNegative();
        assertThat(rule.getHighestCpuUsage()).as("%s highestCpuUsage", app).isNegative();
        assertThat(rule.getMaxThread()).as("%s maxThread", app).isPositive();
      }
    }
  }

  private static Set<String> knownResources(String app) {
    return app.equals("vent-web") ? routes() : DUBBO_INTERFACES;
  }

  /** Every route of contract v1 as its Sentinel resource name, from Jersey's resource model. */
  private static Set<String> routes() {
    Set<String> names = new HashSet<>();
    for (Class<?> resource :
        List.of(
            CaptchaResource.class,
            UserResource.class,
            SessionResource.class,
            MeResource.class,
            BlocksResource.class,
            MutesResource.class,
            NotificationResource.class,
            VentResource.class,
            UserVentsResource.class,
            TimelineResource.class)) {
      collect(Resource.from(resource), names);
    }
    assertThat(names).hasSizeGreaterThan(10);
    return names;
  }

  private static void collect(Resource resource, Set<String> names) {
    for (ResourceMethod method : resource.getResourceMethods()) {
      names.add(SentinelResources.name(method, method.getHttpMethod()));
    }
    resource.getChildResources().forEach(child -> collect(child, names));
  }

  private static String read(String app, String type) throws IOException {
    Path file = RULES.resolve(app).resolve(type + ".json");
    assertThat(file).as("default %s rules of %s", type, app).exists();
    try (Stream<String> lines = Files.lines(file)) {
      return String.join("\n", lines.toList());
    }
  }
}
