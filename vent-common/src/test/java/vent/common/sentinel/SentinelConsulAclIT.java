package vent.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.ecwid.consul.v1.OperationException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vent.common.config.RegistrySettings;
import vent.common.consul.ConsulClients;
import vent.common.testing.ConsulAgent;
import vent.common.testing.RedisServer;

/**
 * Sentinel's rules in the KV of a Consul agent with ACLs on (default deny), with a token of the
 * policy docs/SECURITY.md documents: SentinelBootstrap reads and watches its keys with the token,
 * and a dashboard push through the command port writes them. Without a token, reading and writing a
 * rule key are refused with Consul's 403.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelConsulAclIT {

  private static final String APP = "vent-sentinel-acl-it";

  /** The KV folder the process policy lets a process write: the Sentinel rules'. */
  private static final String KV_PREFIX = writablePrefix(ConsulAgent.ventPolicy());

  private static final String KEY = KV_PREFIX + "/" + APP + "/flow";
  private static final String MASTER = UUID.randomUUID().toString();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static ConsulAgent consul;
  private static RegistrySettings withToken;
  private static SentinelBootstrap sentinel;
  private static int commandPort;

  @BeforeAll
  static void start() throws Exception {
    consul = ConsulAgent.withAcl(MASTER);
    withToken = consul.registry();
    withToken.token = consul.createToken(ConsulAgent.ventPolicy());
    assertThat(consul.put("/v1/kv/" + KEY, "[{\"resource\":\"acl-read\",\"count\":5}]").strip())
        .isEqualTo("true");

    SentinelSettings settings = new SentinelSettings();
    commandPort = RedisServer.freePort();
    settings.commandPort = commandPort;
    settings.kvPrefix = KV_PREFIX;
    settings.logDir = Files.createTempDirectory("vent-sentinel-acl-it").toString();
    sentinel = SentinelBootstrap.start(APP, settings, withToken);
  }

  @AfterAll
  static void stop() {
    if (sentinel != null) {
      sentinel.close();
    }
    if (consul != null) {
      consul.close();
    }
  }

  @Test
  @Order(1)
  void rulesAreReadAndWatchedWithTheToken() throws Exception {
    // Read at start-up (the watch's first query returns before start() does).
    assertThat(FlowRuleManager.getRules())
        .extracting(FlowRule::getResource)
        .containsExactly("acl-read");
    consul.put("/v1/kv/" + KEY, "[{\"resource\":\"acl-watched\",\"count\":5}]");
    awaitFlowRule("acl-watched");
  }

  @Test
  @Order(2)
  void dashboardPushIsWrittenWithTheToken() throws Exception {
    String rules = "[{\"resource\":\"acl-pushed\",\"count\":7,\"grade\":1}]";
    String form = "type=flow&data=" + URLEncoder.encode(rules, StandardCharsets.UTF_8);
    HttpResponse<String> reply =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + commandPort + "/setRules"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // "success" only when the write to Consul KV succeeded (else "partial success").
    assertThat(reply.body()).isEqualTo("success");
    assertThat(consul.get("/v1/kv/" + KEY + "?raw")).contains("acl-pushed");
    awaitFlowRule("acl-pushed");
  }

  @Test
  @Order(3)
  void withoutTheTokenRuleKeysCanBeNeitherReadNorWritten() {
    RegistrySettings noToken = consul.registry();
    noToken.token = "";
    var client = ConsulClients.create(noToken);
    assertThatThrownBy(() -> new ConsulRuleSource<>(client, KEY, RuleKind.FLOW).readSource())
        .isInstanceOfSatisfying(
            OperationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    assertThatThrownBy(
            () ->
                new ConsulRuleSink<>(client, KEY, RuleKind.FLOW)
                    .write(List.of(new FlowRule("acl-denied"))))
        .isInstanceOfSatisfying(
            OperationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
    assertThat(consul.get("/v1/kv/" + KEY + "?raw")).doesNotContain("acl-denied");
  }

  private static void awaitFlowRule(String resource) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (FlowRuleManager.getRules().stream().noneMatch(r -> r.getResource().equals(resource))) {
      assertThat(System.nanoTime())
          .as("flow rule " + resource + " applied from Consul KV")
          .isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static String writablePrefix(String policy) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("key_prefix \"([^\"]+)/\" \\{\\s*policy = \"write\"")
            .matcher(policy);
    assertThat(m.find()).as("a writable key_prefix in the policy").isTrue();
    return m.group(1);
  }
}
