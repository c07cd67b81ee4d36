package vent.common.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.alibaba.csp.sentinel.slots.system.SystemRuleManager;
import com.sun.net.httpserver.HttpServer;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.DubboUserServiceTriple;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.dubbo.rpc.StatusRpcException;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vent.common.config.ProviderConfig;
import vent.common.dubbo.DubboNode;
import vent.common.dubbo.ProviderServer;
import vent.common.dubbo.RpcErrors;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.common.testing.ConsulAgent;
import vent.common.testing.RedisServer;

/**
 * Sentinel in a real provider process (ProviderServer, hence SentinelBootstrap) against a real
 * Consul: rules from KV, push mode through the command port exactly as the dashboard calls it, the
 * command port's bind address, the dashboard heartbeat, and what blocked Dubbo calls end with.
 * Sentinel's state is JVM-global, so this is the one Sentinel IT of its JVM (failsafe runs each IT
 * class in its own JVM) and its tests share one bootstrap, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelBootstrapIT {

  private static final String APP = "vent-sentinel-it";
  private static final String CONSUMER_APP = APP + "-consumer";
  private static final String KV_PREFIX = "test/sentinel";
  private static final String KV = "/v1/kv/" + KV_PREFIX + "/" + APP + "/";
  private static final String USERS = "dev.vent.user.v1.UserService";
  private static final String RELATIONS = "dev.vent.relation.v1.RelationService";

  /**
   * The adapter's method-level name: the proto rpc name (not the Java method), then the argument
   * types.
   */
  private static final String GET_USER = USERS + ":GetUser(dev.vent.user.v1.GetUserRequest)";

  private static ConsulAgent consul;
  private static int commandPort;
  private static int dashboardPort;
  private static long startedAtNanos;
  private static ProviderServer provider;
  private static DubboNode consumer;
  private static UserService users;
  private static RelationService relations;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Answers user "1"; NOT_FOUND for any other id (an expected domain failure). */
  static final class FakeUsers extends DubboUserServiceTriple.UserServiceImplBase {
    @Override
    public User getUser(GetUserRequest request) {
      if (!request.getId().equals("1")) {
        throw VentException.notFound("USER_NOT_FOUND", "no user " + request.getId());
      }
      return User.newBuilder().setId("1").setUsername("one").build();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    consul = ConsulAgent.shared();
    consul.delete("/v1/kv/" + KV_PREFIX + "/" + APP + "?recurse");
    // Heartbeat every second (Sentinel waits 5 s before the first), so test (d) is quick.
    System.setProperty("csp.sentinel.heartbeat.interval.ms", "1000");
    commandPort = RedisServer.freePort();
    dashboardPort = RedisServer.freePort();

    ProviderConfig config = new ProviderConfig();
    config.application = APP;
    config.registry = consul.registry();
    config.server.port = RedisServer.freePort();
    config.server.drainMs = 200;
    config.sentinel.commandPort = commandPort;
    config.sentinel.kvPrefix = KV_PREFIX;
    config.globalConfig.kvPrefix = "test/config";
    // (d) a dashboard address where nothing listens (until test 90 starts a fake one there).
    config.sentinel.dashboard = "127.0.0.1:" + dashboardPort;
    config.sentinel.logDir = Files.createTempDirectory("vent-sentinel-it").toString();
    startedAtNanos = System.nanoTime();
    provider = new ProviderServer(config).provide(UserService.class, new FakeUsers()).start();

    consumer = new DubboNode(CONSUMER_APP, consul.registry(), true, true);
    var userRef = consumer.refer(UserService.class, 3000, 0, Set.of());
    // No provider of RelationService exists: every call fails, which opens a circuit.
    var relationRef = consumer.refer(RelationService.class, 500, 0, Set.of());
    // Over Triple, as between processes: Dubbo would otherwise call the provider of this JVM
    // in-JVM, on the caller's thread, where the provider side sees the consumer's Sentinel context.
    userRef.setScope("remote");
    relationRef.setScope("remote");
    consumer.start();
    users = userRef.get();
    relations = relationRef.get();
    awaitTrue(
        Duration.ofSeconds(20),
        "provider registered and passing in Consul",
        () ->
            consul
                .get("/v1/health/service/" + USERS + "?passing=true")
                .contains(String.valueOf(config.server.port)));
  }

  @AfterAll
  static void stop() {
    if (consumer != null) {
      consumer.stop();
    }
    if (provider != null) {
      provider.stop();
    }
  }

  // (c) The command port listens on 127.0.0.1 only.
  @Test
  @Order(10)
  void commandPortIsBoundToLoopbackOnly() throws Exception {
    assertThat(SentinelBootstrap.isRunning()).isTrue();
    InetSocketAddress bound = VentCommandCenter.boundAddress().orElseThrow();
    assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(bound.getPort()).isEqualTo(commandPort);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", commandPort), 2000);
      assertThat(s.isConnected()).isTrue();
    }
    // This machine's own non-loopback addresses are refused (the cross-host check is the lead's).
    for (InetAddress address : nonLoopbackIpv4()) {
      Throwable refused =
          catchThrowable(
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress(address, commandPort), 2000);
                }
              });
      assertThat(refused)
          .as("connect to %s:%d", address.getHostAddress(), commandPort)
          .isInstanceOf(ConnectException.class);
    }
  }

  // (a) KV -> FlowRuleManager within 2 s; a deleted key empties it.
  @Test
  @Order(20)
  void kvChangesAreAppliedWithinTwoSeconds() {
    consul.put(KV + "flow", "[{\"resource\":\"GET /kv-test\",\"grade\":1,\"count\":7}]");
    long t0 = System.nanoTime();
    awaitTrue(
        Duration.ofSeconds(2), "flow rule from KV applied", () -> hasFlowRule("GET /kv-test"));
    System.out.printf("kv_put_applied_ms=%d%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(FlowRuleManager.getRules())
        .singleElement()
        .extracting(FlowRule::getCount)
        .isEqualTo(7.0);

    consul.delete(KV + "flow");
    t0 = System.nanoTime();
    awaitTrue(
        Duration.ofSeconds(2),
        "deleted key empties the flow rules",
        () -> FlowRuleManager.getRules().isEmpty());
    System.out.printf("kv_delete_applied_ms=%d%n", (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  @Order(30)
  void anUnparsableValueKeepsTheLastGoodRules() throws Exception {
    consul.put(
        KV + "degrade",
        "[{\"resource\":\"" + USERS + "\",\"grade\":0,\"count\":500,\"timeWindow\":10}]");
    awaitTrue(
        Duration.ofSeconds(2),
        "degrade rule applied",
        () -> DegradeRuleManager.getRules().size() == 1);
    consul.put(KV + "degrade", "[{\"resource\": oops");
    TimeUnit.MILLISECONDS.sleep(1000);
    assertThat(DegradeRuleManager.getRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getResource()).isEqualTo(USERS));
    // The watch is still alive after the bad value.
    consul.delete(KV + "degrade");
    awaitTrue(
        Duration.ofSeconds(2),
        "degrade rules emptied",
        () -> DegradeRuleManager.getRules().isEmpty());
  }

  // (b) Push mode, exactly as the dashboard calls: form-encoded type and data.
  @Test
  @Order(40)
  void dashboardSetRulesIsWrittenBackToKv() throws Exception {
    String flow =
        "[{\"resource\":\"GET /users/{id}\",\"limitApp\":\"default\",\"grade\":1,\"count\":42.0,"
            + "\"strategy\":0,\"controlBehavior\":0,\"clusterMode\":false}]";
    assertThat(command("POST", "/setRules", Map.of("type", "flow", "data", flow)))
        .isEqualTo(new Reply(200, "success"));
    assertThat(consul.get(KV + "flow?raw")).contains("\"GET /users/{id}\"").contains("42");
    assertThat(command("GET", "/getRules?type=flow", Map.of()).body())
        .contains("\"resource\":\"GET /users/{id}\"")
        .contains("42");
    assertThat(FlowRuleManager.getRules())
        .singleElement()
        .extracting(FlowRule::getCount)
        .isEqualTo(42.0);

    String degrade =
        "[{\"resource\":\""
            + RELATIONS
            + "\",\"grade\":2,\"count\":5,\"timeWindow\":10,"
            + "\"minRequestAmount\":5,\"statIntervalMs\":1000}]";
    assertThat(command("POST", "/setRules", Map.of("type", "degrade", "data", degrade)))
        .isEqualTo(new Reply(200, "success"));
    assertThat(consul.get(KV + "degrade?raw")).contains(RELATIONS);
    assertThat(command("GET", "/getRules?type=degrade", Map.of()).body()).contains(RELATIONS);

    String paramFlow =
        "[{\"resource\":\"client-ip\",\"paramIdx\":0,\"grade\":1,\"count\":20,\"durationInSec\":1}]";
    assertThat(command("POST", "/setParamFlowRules", Map.of("data", paramFlow)))
        .isEqualTo(new Reply(200, "success"));
    assertThat(consul.get(KV + "param-flow?raw")).contains("client-ip");
    assertThat(command("GET", "/getParamFlowRules", Map.of()).body())
        .contains("\"resource\":\"client-ip\"");
    assertThat(ParamFlowRuleManager.getRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getCount()).isEqualTo(20.0));

    String system =
        "[{\"highestSystemLoad\":-1,\"highestCpuUsage\":-1,\"qps\":5000,\"avgRt\":-1,\"maxThread\":-1}]";
    assertThat(command("POST", "/setRules", Map.of("type", "system", "data", system)))
        .isEqualTo(new Reply(200, "success"));
    assertThat(consul.get(KV + "system?raw")).contains("5000");
    assertThat(command("GET", "/getRules?type=system", Map.of()).body()).contains("5000");
    assertThat(SystemRuleManager.getRules()).hasSize(1);

    // The KV values are the rules the watch then reads back: nothing changes on this instance.
    TimeUnit.MILLISECONDS.sleep(500);
    assertThat(FlowRuleManager.getRules())
        .singleElement()
        .extracting(FlowRule::getCount)
        .isEqualTo(42.0);

    consul.delete("/v1/kv/" + KV_PREFIX + "/" + APP + "?recurse");
    awaitTrue(
        Duration.ofSeconds(2),
        "all rules emptied",
        () ->
            FlowRuleManager.getRules().isEmpty()
                && DegradeRuleManager.getRules().isEmpty()
                && ParamFlowRuleManager.getRules().isEmpty()
                && SystemRuleManager.getRules().isEmpty());
  }

  @Test
  @Order(50)
  void badCommandsGetA400WithOneLine() throws Exception {
    List<Reply> replies =
        List.of(
            command("GET", "/", Map.of()),
            command("GET", "/noSuchCommand", Map.of()),
            command("GET", "/getRules?type=bogus", Map.of()),
            command("POST", "/setRules", Map.of("type", "flow", "data", "[{\"resource\": oops")),
            send(
                HttpRequest.newBuilder(commandUri("/setRules"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[]"))),
            rawGet("/getRules?type=%zz"));
    for (Reply reply : replies) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(reply.body())
          .as(reply.toString())
          .isNotBlank()
          .doesNotContain("\n")
          .doesNotContain("\tat ");
    }
    assertThat(replies.get(1).body()).isEqualTo("Unknown command `noSuchCommand`");
    assertThat(FlowRuleManager.getRules()).isEmpty();
  }

  @Test
  @Order(55)
  void browsersAndStateChangingGetsAreRefused() throws Exception {
    String flow =
        URLEncoder.encode(
            "[{\"resource\":\"GET /by-get\",\"grade\":1,\"count\":1}]", StandardCharsets.UTF_8);
    for (String write :
        List.of(
            "/setRules?type=flow&data=" + flow,
            "/setParamFlowRules?data=%5B%5D",
            "/setClusterMode?mode=1",
            "/setSwitch?value=false")) {
      Reply reply = rawRequest("GET", write, "127.0.0.1:" + commandPort, null);
      assertThat(reply.status()).as("GET %s", write).isEqualTo(405);
      assertThat(reply.body()).contains("POST");
    }
    Reply fromAPage =
        send(
            HttpRequest.newBuilder(commandUri("/setRules"))
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("type=flow&data=" + flow)));
    assertThat(fromAPage.status()).isEqualTo(403);
    assertThat(
            send(HttpRequest.newBuilder(commandUri("/getRules?type=flow")).header("Origin", "null"))
                .status())
        .as("a read with an Origin")
        .isEqualTo(403);
    assertThat(
            rawRequest(
                    "POST",
                    "/setRules",
                    "rebound.evil.example:" + commandPort,
                    "type=flow&data=" + flow)
                .status())
        .as("a DNS name in Host")
        .isEqualTo(403);
    assertThat(FlowRuleManager.getRules()).as("no refused request changed a rule").isEmpty();
    assertThat(consul.get(KV + "flow?raw")).doesNotContain("GET /by-get");
    // Positive controls: reads by GET, by IP or localhost, as the dashboard and curl send them.
    assertThat(rawRequest("GET", "/getRules?type=flow", "127.0.0.1:" + commandPort, null))
        .isEqualTo(new Reply(200, "[]"));
    assertThat(rawRequest("GET", "/getRules?type=flow", "localhost:" + commandPort, null))
        .isEqualTo(new Reply(200, "[]"));
  }

  // Dubbo: resource names, and a provider-side block as the consumer sees it.
  @Test
  @Order(60)
  void aProviderSideBlockReachesTheConsumerAsDependencyUnavailable() {
    assertThat(users.getUser(GetUserRequest.newBuilder().setId("1").build()).getUsername())
        .isEqualTo("one");
    // Provider and consumer share this JVM, so one node per name (a node keeps the entry type it
    // was made with).
    List<String> resources =
        ClusterBuilderSlot.getClusterNodeMap().keySet().stream()
            .map(r -> r.getName())
            .filter(n -> n.startsWith(USERS))
            .sorted()
            .toList();
    System.out.println("sentinel_resources=" + resources);
    assertThat(resources).containsExactly(USERS, GET_USER);

    // A rule on the method-level name, limited to callers named CONSUMER_APP: it matches only the
    // provider-side entry (its origin is the caller's application), which proves the provider side
    // uses the same method-level name as the consumer side.
    consul.put(
        KV + "flow",
        "[{\"resource\":\""
            + GET_USER
            + "\",\"limitApp\":\""
            + CONSUMER_APP
            + "\",\"grade\":1,\"count\":0}]");
    awaitTrue(Duration.ofSeconds(2), "provider flow rule applied", () -> hasFlowRule(GET_USER));

    Throwable thrown =
        catchThrowable(() -> users.getUser(GetUserRequest.newBuilder().setId("1").build()));
    System.out.println("provider_block_raw=" + thrown);
    StatusRpcException status =
        findStatus(thrown).orElseThrow(() -> new AssertionError("no status in " + thrown));
    assertThat(status.getStatus().code).isEqualTo(TriRpcStatus.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getStatus().description).isEqualTo("RATE_LIMITED: " + GET_USER);
    assertThat(RpcErrors.toVentException(thrown))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.reason()).isEqualTo("DEPENDENCY_UNAVAILABLE");
              assertThat(e.detail()).isEqualTo("provider rate limit: " + GET_USER);
            });

    consul.delete(KV + "flow");
    awaitTrue(
        Duration.ofSeconds(2), "flow rules emptied", () -> FlowRuleManager.getRules().isEmpty());
    assertThat(users.getUser(GetUserRequest.newBuilder().setId("1").build()).getUsername())
        .isEqualTo("one");
  }

  // Dubbo: an open circuit fails fast on the consumer; domain answers do not open it.
  @Test
  @Order(70)
  void anOpenCircuitFailsFastAndDomainFailuresDoNotOpenIt() {
    // Exception count > 1 within 60 s opens the circuit for 30 s.
    String rule =
        "{\"resource\":\"%s\",\"grade\":2,\"count\":1,\"timeWindow\":30,\"minRequestAmount\":1,\"statIntervalMs\":60000}";
    consul.put(
        KV + "degrade",
        "[" + String.format(rule, USERS) + "," + String.format(rule, RELATIONS) + "]");
    awaitTrue(
        Duration.ofSeconds(2),
        "degrade rules applied",
        () -> DegradeRuleManager.getRules().size() == 2);

    // NOT_FOUND is a healthy provider answering: never counted, the circuit stays closed.
    for (int i = 0; i < 5; i++) {
      Throwable thrown =
          catchThrowable(() -> users.getUser(GetUserRequest.newBuilder().setId("404").build()));
      assertThat(RpcErrors.toVentException(thrown))
          .isInstanceOfSatisfying(
              VentException.class, e -> assertThat(e.reason()).isEqualTo("USER_NOT_FOUND"));
    }

    // No RelationService provider: failures are counted; after 2 (count 1 exceeded) the circuit
    // opens.
    VentException last = null;
    long lastMs = -1;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      Throwable thrown =
          catchThrowable(
              () -> relations.getCounts(GetCountsRequest.newBuilder().addUserIds("1").build()));
      lastMs = (System.nanoTime() - t0) / 1_000_000;
      RuntimeException mapped = RpcErrors.toVentException(thrown);
      assertThat(mapped).isInstanceOf(VentException.class);
      last = (VentException) mapped;
      System.out.printf(
          "relation_call=%d detail=%s ms=%d raw=%s%n",
          i, last.detail(), lastMs, thrown.getClass().getName());
    }
    assertThat(last.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(last.reason()).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(last.detail()).isEqualTo("circuit open: " + RELATIONS);
    assertThat(lastMs).isLessThan(50);

    consul.delete(KV + "degrade");
    awaitTrue(
        Duration.ofSeconds(2),
        "degrade rules emptied",
        () -> DegradeRuleManager.getRules().isEmpty());
  }

  // (d) A dashboard address where nothing listens breaks nothing; heartbeats advertise the
  // configured address.
  @Test
  @Order(90)
  void heartbeatsAdvertiseTheCommandAddress() throws Exception {
    // Sentinel's first heartbeat goes out 5 s after start: let at least one fail first.
    long sinceStartMs = (System.nanoTime() - startedAtNanos) / 1_000_000;
    if (sinceStartMs < 6500) {
      TimeUnit.MILLISECONDS.sleep(6500 - sinceStartMs);
    }
    assertThat(command("GET", "/getRules?type=flow", Map.of())).isEqualTo(new Reply(200, "[]"));

    CompletableFuture<Map<String, String>> heartbeat = new CompletableFuture<>();
    HttpServer dashboard = HttpServer.create(new InetSocketAddress("127.0.0.1", dashboardPort), 8);
    dashboard.createContext(
        "/registry/machine",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String query = exchange.getRequestURI().getRawQuery();
          heartbeat.complete(formParams((query == null ? "" : query) + "&" + body));
          byte[] ok = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    dashboard.start();
    try {
      Map<String, String> params = heartbeat.get(10, TimeUnit.SECONDS);
      System.out.println("heartbeat=" + params);
      assertThat(params)
          .containsEntry("app", APP)
          .containsEntry("ip", "127.0.0.1")
          .containsEntry("port", String.valueOf(commandPort));
    } finally {
      dashboard.stop(0);
    }
  }

  private static boolean hasFlowRule(String resource) {
    return FlowRuleManager.getRules().stream().anyMatch(r -> r.getResource().equals(resource));
  }

  private static Optional<StatusRpcException> findStatus(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRpcException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  record Reply(int status, String body) {}

  private static URI commandUri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + commandPort + pathAndQuery);
  }

  /** A command as the dashboard sends it: GET with a query, or POST with a form-encoded body. */
  private static Reply command(String method, String pathAndQuery, Map<String, String> form)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(commandUri(pathAndQuery));
    if (method.equals("POST")) {
      String body =
          form.entrySet().stream()
              .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      request
          .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request);
  }

  private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  /** A GET sent byte for byte (java.net.URI refuses malformed escapes). */
  private static Reply rawGet(String pathAndQuery) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", commandPort)) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      return new Reply(status, response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  /**
   * Any request sent byte for byte, with the Host header given (the JDK client will not set one).
   */
  private static Reply rawRequest(String method, String pathAndQuery, String host, String formBody)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", commandPort)) {
      socket.setSoTimeout(5000);
      byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + pathAndQuery
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nConnection: close\r\n"
              + (formBody == null
                  ? ""
                  : "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                      + body.length
                      + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      return new Reply(status, response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  private static Map<String, String> formParams(String encoded) {
    Map<String, String> params = new HashMap<>();
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static List<InetAddress> nonLoopbackIpv4() throws IOException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .toList();
  }

  private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
