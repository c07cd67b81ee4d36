package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowItem;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.codahale.metrics.health.HealthCheck;
import dev.vent.user.v1.User;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ExternalLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.VentWebApplication;
import vent.web.VentWebConfiguration;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/**
 * The same components in a real Jetty and servlet container (as in production, unlike the in-memory
 * resource tests): the per-IP limits and the auth provider see the connection's address.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServletClientIpTest {

  private static final FakeProviders FAKES = new FakeProviders();
  private static final DropwizardAppExtension<Configuration> APP =
      new DropwizardAppExtension<>(App.class, config());
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * vent-web's Jersey components over the fake providers, with Sentinel on and no proxy trusted.
   */
  public static final class App extends Application<Configuration> {
    @Override
    protected void bootstrapLogging() {
      // Keep logback-test.xml.
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
      VentWebApplication.strictJson(environment.getObjectMapper());
      environment
          .servlets()
          .addFilter("peer-address", new PeerAddressFilter())
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
      TestApi.components(FAKES, new VentWebConfiguration.ApiSettings(), true)
          .forEach(environment.jersey()::register);
      environment
          .healthChecks()
          .register(
              "none",
              new HealthCheck() {
                @Override
                protected Result check() {
                  return Result.healthy();
                }
              });
    }
  }

  private static Configuration config() {
    Configuration config = new Configuration();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    server.setRegisterDefaultExceptionMappers(false);
    for (var connector :
        List.of(server.getApplicationConnectors().get(0), server.getAdminConnectors().get(0))) {
      ((HttpConnectorFactory) connector).setPort(0);
      ((HttpConnectorFactory) connector).setBindHost("127.0.0.1");
    }
    LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
    requestLog.setAppenders(List.of());
    server.setRequestLogFactory(requestLog);
    // Logging stays as logback-test.xml has it, for this class and the ones after it.
    config.setLoggingFactory(new ExternalLoggingFactory());
    return config;
  }

  @AfterEach
  void noRules() {
    ParamFlowRuleManager.loadRules(List.of());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
  }

  @Test
  void theConnectionsAddressIsTheClientIpAndForwardedForIsIgnored() throws Exception {
    User user = FAKES.addUser("servlet_user");
    // Only 127.0.0.1 is limited (1/s); any other value of the client-ip argument would pass.
    ParamFlowRule rule =
        new ParamFlowRule(SentinelResources.CLIENT_IP)
            .setParamIdx(0)
            .setCount(1000)
            .setDurationInSec(1)
            .setParamFlowItemList(
                List.of(
                    new ParamFlowItem()
                        .setObject("127.0.0.1")
                        .setClassType(String.class.getName())
                        .setCount(1)));
    rule.setLimitApp(RuleConstant.LIMIT_APP_DEFAULT);
    ParamFlowRuleManager.loadRules(List.of(rule));

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      responses.add(
          send(
              HttpRequest.newBuilder(uri("/users/" + user.getId()))
                  .header("X-Forwarded-For", "203.0.113.50")));
    }
    List<HttpResponse<String>> limited =
        responses.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(limited).as("requests from 127.0.0.1 past 1/s").isNotEmpty();
    HttpResponse<String> refused = limited.get(0);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("1");
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(refused.headers().firstValue("RateLimit-Reset")).hasValue("1");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"").contains("per-IP limit");
    assertThat(ClusterBuilderSlot.getClusterNode("GET /users/{id}").curThreadNum()).isZero();
    assertThat(ClusterBuilderSlot.getClusterNode(SentinelResources.CLIENT_IP).curThreadNum())
        .isZero();
  }

  @Test
  void theAuthProviderIsToldTheConnectionsAddress() throws Exception {
    FAKES.addUser("servlet_login");
    HttpResponse<String> login =
        send(
            HttpRequest.newBuilder(uri("/sessions"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.50")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"servlet_login\",\"password\":\""
                            + FakeProviders.PASSWORD
                            + "\"}")));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(FAKES.auth.lastClientIp).isEqualTo("127.0.0.1");
    assertThat(ClusterBuilderSlot.getClusterNode(SentinelResources.LOGIN_IP)).isNotNull();
    assertThat(ClusterBuilderSlot.getClusterNode(SentinelResources.LOGIN_IP).curThreadNum())
        .isZero();
  }
}
