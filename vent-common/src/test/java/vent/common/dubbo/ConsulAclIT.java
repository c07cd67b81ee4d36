package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.user.v1.UserService;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import vent.common.config.ProviderConfig;
import vent.common.testing.ConsulAgent;
import vent.common.testing.Eventually;
import vent.common.testing.RedisServer;

/**
 * Dubbo registration and discovery through a Consul agent with ACLs on and everything denied by
 * default, using a token of exactly the policy docs/SECURITY.md documents
 * (docs/consul-acl-policy.hcl): a provider registers with it, a consumer with it finds the provider
 * and calls it; a provider without a token is refused at start-up with Consul's reason, in seconds.
 * Neither token appears in any log line or in what Dubbo stores in Consul.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsulAclIT {

  private static final String SERVICE = "dev.vent.captcha.v1.CaptchaService";

  private static final String MASTER = UUID.randomUUID().toString();
  private static ConsulAgent consul;
  private static String token;
  private static ListAppender<ILoggingEvent> logs;
  private static ProviderServer provider;
  private static int providerPort;
  private static DubboNode consumer;
  private static CaptchaService client;

  @BeforeAll
  static void start() throws Exception {
    // Every log line of this JVM from here on, to check that no token is ever logged; Dubbo at
    // the level an operator may well turn on (Vent ships it at WARN), so its INFO lines, which
    // name registries and URLs, are checked too.
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    ((Logger) LoggerFactory.getLogger("org.apache.dubbo"))
        .setLevel(Level.toLevel(System.getProperty("vent.it.dubboLogLevel", "INFO")));

    consul = ConsulAgent.withAcl(MASTER);
    token = consul.createToken(ConsulAgent.ventPolicy());

    ProviderConfig config = providerConfig();
    config.registry.token = token;
    providerPort = config.server.port;
    provider =
        new ProviderServer(config)
            .provide(CaptchaService.class, new DubboNodeIT.FakeCaptcha())
            .start();

    var registry = consul.registry();
    registry.token = token;
    consumer = new DubboNode("vent-acl-test-consumer", registry, true, false);
    var ref = consumer.refer(CaptchaService.class, 3000, 2, Set.of("createCaptcha"));
    ref.setScope("remote");
    consumer.start();
    client = ref.get();

    Eventually.until(
        "provider registered with the token and passing",
        Duration.ofSeconds(20),
        () ->
            consul
                .get("/v1/health/service/" + SERVICE + "?passing=true")
                .contains(String.valueOf(providerPort)));
    // The consumer learns of the provider through its own Consul watch, a moment later.
    Eventually.succeeds(
        "consumer with the token sees the provider",
        Duration.ofSeconds(20),
        () -> client.createCaptcha(CreateCaptchaRequest.getDefaultInstance()));
  }

  @AfterAll
  static void stop() {
    if (consumer != null) {
      consumer.stop();
    }
    if (provider != null) {
      provider.stop();
    }
    if (consul != null) {
      consul.close();
    }
  }

  @Test
  @Order(1)
  void consumerWithTheTokenCallsProviderWithTheToken() {
    assertThat(
            client
                .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build())
                .getValid())
        .isTrue();
  }

  @Test
  @Order(2)
  void withoutATokenTheServiceIsInvisible() {
    // Consul's ACLs filter what a read may see rather than refuse it.
    var anonymous = consul.getAs("", "/v1/health/service/" + SERVICE + "?passing=true");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body().strip()).isEqualTo("[]");
  }

  @Test
  @Order(3)
  void providerWithoutTokenIsRefusedQuicklyWithConsulsReason() {
    ProviderConfig config = providerConfig();
    config.application = "vent-acl-test-no-token";
    // Another service than the running provider's: a JVM's Triple path table takes one exporter
    // per service (Dubbo refuses a second one whose Java and proto names differ).
    ProviderServer refused =
        new ProviderServer(config)
            .provide(UserService.class, new SlowUsersMain.SlowUsers("vent-acl-test-no-token"));
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(refused::start)
                  .satisfies(
                      e ->
                          assertThat(causes(e))
                              .contains("Permission denied")
                              .contains(UserService.class.getName())));
    } finally {
      refused.stop();
    }
    assertThat(consul.get("/v1/agent/services")).doesNotContain(String.valueOf(config.server.port));
  }

  /** Last: by then the log holds the refused start-up's errors too. */
  @Test
  @Order(4)
  void tokensAppearInNoLogLineAndNowhereInConsul() {
    // Consul's copy of each registration: address, tags and the provider URL in its meta.
    String registered = consul.get("/v1/agent/services");
    assertThat(registered).contains(SERVICE).doesNotContain(token).doesNotContain(MASTER);
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      String line =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(token).doesNotContain(MASTER);
    }
  }

  private static ProviderConfig providerConfig() {
    ProviderConfig config = new ProviderConfig();
    config.application = "vent-provider-acl-test";
    config.registry = consul.registry();
    config.registry.token = "";
    config.server.port = RedisServer.freePort();
    config.server.drainMs = 200;
    config.sentinel.enabled = false;
    config.globalConfig.kvPrefix = "test/config";
    return config;
  }

  /** The messages of {@code e} and its causes, one a line. */
  private static String causes(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }
}
