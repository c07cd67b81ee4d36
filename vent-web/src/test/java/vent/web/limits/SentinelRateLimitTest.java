package vent.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.csp.sentinel.Constants;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.context.ContextUtil;
import com.alibaba.csp.sentinel.node.ClusterNode;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowItem;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.alibaba.csp.sentinel.slots.system.SystemRule;
import com.alibaba.csp.sentinel.slots.system.SystemRuleManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vent.user.v1.User;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/**
 * The REST layer's Sentinel entries, with rules loaded directly (no Consul) over fake providers.
 * Client IPs come from {@code X-Forwarded-For}: every request comes from the trusted stand-in proxy
 * {@link TestApi#PROXY} (the in-memory container has no connection address).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SentinelRateLimitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeProviders fakes = new FakeProviders();
  private final ResourceExtension api =
      TestApi.over(fakes, true, true, List.of(new Failing(), new FailingResponseFilter()));
  private User alice;
  private User bob;

  /** Test-only routes that fail in ways the real ones rarely do. */
  @Path("/failing")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Failing {
    @GET
    @Path("/unavailable")
    public String unavailable() {
      throw new VentException(
          ErrorKind.UNAVAILABLE,
          "DEPENDENCY_UNAVAILABLE",
          "circuit open: dev.vent.user.v1.UserService");
    }

    @GET
    @Path("/response-filter")
    public String responseFilterFails() {
      return "{}";
    }
  }

  /**
   * A response filter that fails (runs before vent-web's: higher priority runs first on responses).
   */
  @Priority(5000)
  public static final class FailingResponseFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (request.getUriInfo().getPath().endsWith("response-filter")) {
        throw new IllegalStateException("response filter failed");
      }
    }
  }

  @BeforeEach
  void usersAndNoRules() {
    noRules();
    alice = fakes.addUser("alice");
    bob = fakes.addUser("bob");
    // Sentinel's first entry initializes it; keep that out of the timed bursts.
    assertThat(get("/users/" + alice.getId(), null, "192.0.2.1").getStatus()).isEqualTo(200);
  }

  @AfterEach
  void noRules() {
    FlowRuleManager.loadRules(List.of());
    ParamFlowRuleManager.loadRules(List.of());
    SystemRuleManager.loadRules(List.of());
    DegradeRuleManager.loadRules(List.of());
  }

  private Response get(String path, String token, String ip) {
    Invocation.Builder request = api.target(path).request().header("X-Forwarded-For", ip);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.get();
  }

  private static List<Response> burst(int n, Supplier<Response> call) {
    List<Response> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Response response = call.get();
      response.bufferEntity();
      responses.add(response);
    }
    return responses;
  }

  private static List<Response> limited(List<Response> responses) {
    return responses.stream().filter(r -> r.getStatus() == 429).toList();
  }

  private static JsonNode problem(Response response) {
    assertThat(response.getMediaType().toString()).startsWith("application/problem+json");
    try {
      JsonNode json = JSON.readTree(response.readEntity(String.class));
      assertThat(json.get("code").asText()).isEqualTo("RATE_LIMITED");
      assertThat(json.get("status").asInt()).isEqualTo(429);
      assertThat(json.get("type").asText()).isEqualTo("/api/v1/problems/RATE_LIMITED");
      assertThat(json.get("title").asText()).isEqualTo("Too Many Requests");
      return json;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static FlowRule qps(String resource, double count) {
    FlowRule rule = new FlowRule(resource);
    rule.setGrade(RuleConstant.FLOW_GRADE_QPS);
    rule.setCount(count);
    rule.setLimitApp(RuleConstant.LIMIT_APP_DEFAULT);
    return rule;
  }

  private static ParamFlowRule perValue(String resource, double count) {
    ParamFlowRule rule =
        new ParamFlowRule(resource).setParamIdx(0).setCount(count).setDurationInSec(1);
    rule.setLimitApp(RuleConstant.LIMIT_APP_DEFAULT);
    return rule;
  }

  private static void assertNothingHeld() {
    for (String resource :
        List.of(
            "GET /users/{id}",
            "GET /me",
            "POST /sessions",
            "POST /captchas",
            "PUT /me/password",
            "DELETE /me",
            "GET /failing/unavailable",
            "GET /failing/response-filter",
            SentinelResources.CLIENT_IP,
            SentinelResources.CLIENT_USER,
            SentinelResources.LOGIN_IP,
            SentinelResources.CAPTCHA_IP,
            SentinelResources.PASSWORD_USER,
            SentinelResources.POST_USER)) {
      ClusterNode node = ClusterBuilderSlot.getClusterNode(resource);
      if (node != null) {
        assertThat(node.curThreadNum()).as("entries of %s still held", resource).isZero();
      }
    }
    assertThat(Constants.ENTRY_NODE.curThreadNum()).as("inbound entries still held").isZero();
  }

  @Test
  void aBurstPastARouteLimitGets429WithRateLimitHeaders() throws InterruptedException {
    quiet("GET /users/{id}");
    FlowRuleManager.loadRules(List.of(qps("GET /users/{id}", 2)));
    List<Response> responses = burst(5, () -> get("/users/" + alice.getId(), null, "192.0.2.1"));
    List<Response> limited = limited(responses);
    assertThat(limited).as("429s among 5 quick requests against 2/s").isNotEmpty();
    assertThat(responses.stream().filter(r -> r.getStatus() == 200).count()).isBetween(1L, 4L);

    Response first = limited.get(0);
    assertThat(first.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(first.getHeaderString("RateLimit-Limit")).isEqualTo("2");
    assertThat(first.getHeaderString("RateLimit-Remaining")).isEqualTo("0");
    assertThat(first.getHeaderString("RateLimit-Reset")).isEqualTo("1");
    JsonNode body = problem(first);
    assertThat(body.get("detail").asText()).contains("route limit").contains("GET /users/{id}");
    assertThat(body.get("instance").asText()).isEqualTo("/users/" + alice.getId());
    assertNothingHeld();

    // Other routes are not limited by that rule.
    assertThat(get("/users/" + alice.getId() + "/followers", null, "192.0.2.1").getStatus())
        .isEqualTo(200);
  }

  @Test
  void trafficUnderTheLimitIsNeverRefused() {
    FlowRuleManager.loadRules(List.of(qps("GET /users/{id}", 1000)));
    ParamFlowRuleManager.loadRules(
        List.of(
            perValue(SentinelResources.CLIENT_IP, 1000),
            perValue(SentinelResources.CLIENT_USER, 1000)));
    String token = fakes.tokenOf(alice);
    List<Response> responses = burst(20, () -> get("/users/" + bob.getId(), null, "192.0.2.1"));
    responses.addAll(burst(20, () -> get("/me", token, "192.0.2.1")));
    assertThat(responses).extracting(Response::getStatus).containsOnly(200);
    assertNothingHeld();
  }

  @Test
  void aPerUserLimitRefusesThatUserOnly() {
    ParamFlowRule rule =
        perValue(SentinelResources.CLIENT_USER, 1000)
            .setParamFlowItemList(
                List.of(
                    new ParamFlowItem()
                        .setObject(alice.getId())
                        .setClassType(String.class.getName())
                        .setCount(1)));
    ParamFlowRuleManager.loadRules(List.of(rule));
    String aliceToken = fakes.tokenOf(alice);
    String bobToken = fakes.tokenOf(bob);

    List<Response> alices = burst(5, () -> get("/me", aliceToken, "192.0.2.1"));
    List<Response> bobs = burst(5, () -> get("/me", bobToken, "192.0.2.1"));

    assertThat(limited(alices)).as("alice, limited to 1/s").isNotEmpty();
    assertThat(bobs).extracting(Response::getStatus).as("bob, not limited").containsOnly(200);
    Response refused = limited(alices).get(0);
    assertThat(refused.getHeaderString("RateLimit-Limit")).isEqualTo("1");
    assertThat(refused.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(refused.getHeaderString("RateLimit-Reset")).isEqualTo("1");
    assertThat(problem(refused).get("detail").asText()).contains("per-user limit");
    // Anonymous requests carry no user: only route and per-IP entries.
    assertThat(burst(5, () -> get("/users/" + alice.getId(), null, "192.0.2.1")))
        .extracting(Response::getStatus)
        .containsOnly(200);
    assertNothingHeld();
  }

  @Test
  void aPerIpLimitRefusesThatAddressOnly() {
    ParamFlowRuleManager.loadRules(List.of(perValue(SentinelResources.CLIENT_IP, 2)));
    List<Response> first = burst(5, () -> get("/users/" + alice.getId(), null, "198.51.100.1"));
    List<Response> second = burst(2, () -> get("/users/" + alice.getId(), null, "198.51.100.2"));
    assertThat(limited(first)).isNotEmpty();
    assertThat(problem(limited(first).get(0)).get("detail").asText()).contains("per-IP limit");
    assertThat(limited(first).get(0).getHeaderString("RateLimit-Limit")).isEqualTo("2");
    assertThat(second).extracting(Response::getStatus).containsOnly(200);
    // Requests whose token is refused are counted per IP as well: the limit runs before
    // authentication.
    assertThat(get("/me", "garbage", "198.51.100.1").getStatus()).isEqualTo(429);
    assertNothingHeld();
  }

  @Test
  void theLoginLimitCoversLogInRegistrationAndRefreshPerAddress() {
    ParamFlowRuleManager.loadRules(List.of(perValue(SentinelResources.LOGIN_IP, 2)));
    String login = "{\"username\":\"alice\",\"password\":\"" + FakeProviders.PASSWORD + "\"}";
    List<Response> attempts =
        burst(
            5,
            () ->
                api.target("/sessions")
                    .request()
                    .header("X-Forwarded-For", "203.0.113.7")
                    .post(Entity.json(login)));
    assertThat(limited(attempts)).as("log-ins from one address past 2/s").isNotEmpty();
    assertThat(problem(limited(attempts).get(0)).get("detail").asText()).contains("login limit");
    assertThat(
            api.target("/sessions/refresh")
                .request()
                .header("X-Forwarded-For", "203.0.113.7")
                .post(Entity.json("{\"refreshToken\":\"x\"}"))
                .getStatus())
        .isEqualTo(429);
    assertThat(
            api.target("/users")
                .request()
                .header("X-Forwarded-For", "203.0.113.7")
                .post(Entity.json("{}"))
                .getStatus())
        .isEqualTo(429);

    Response elsewhere =
        api.target("/sessions")
            .request()
            .header("X-Forwarded-For", "203.0.113.8")
            .post(Entity.json(login));
    assertThat(elsewhere.getStatus()).isEqualTo(200);
    assertThat(fakes.auth.lastClientIp)
        .as("the address the auth provider is told")
        .isEqualTo("203.0.113.8");
    // Reads are not log-ins.
    assertThat(burst(5, () -> get("/users/" + alice.getId(), null, "203.0.113.7")))
        .extracting(Response::getStatus)
        .containsOnly(200);
    assertNothingHeld();
  }

  private Response login(String ip, String password) {
    return api.target("/sessions")
        .request()
        .header("X-Forwarded-For", ip)
        .post(Entity.json("{\"username\":\"alice\",\"password\":\"" + password + "\"}"));
  }

  /**
   * Waits until {@code route} has no passes left in Sentinel's 1 s window, so a test's QPS limit is
   * not partly spent by the tests before it.
   */
  private static void quiet(String route) throws InterruptedException {
    ClusterNode node = ClusterBuilderSlot.getClusterNode(route);
    long deadline = System.currentTimeMillis() + 3000;
    while (node != null && node.passQps() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  private static ParamFlowRule onlyFor(String resource, String value, int count) {
    return perValue(resource, 1000)
        .setDurationInSec(60)
        .setParamFlowItemList(
            List.of(
                new ParamFlowItem()
                    .setObject(value)
                    .setClassType(String.class.getName())
                    .setCount(count)));
  }

  @Test
  void aLoginFloodRefusedPerIpLeavesTheRouteQuotaToOthers() throws InterruptedException {
    quiet("POST /sessions");
    ClusterNode route = ClusterBuilderSlot.getClusterNode("POST /sessions");
    long passedBefore = route == null ? 0 : route.totalPass();
    FlowRuleManager.loadRules(List.of(qps("POST /sessions", 5)));
    ParamFlowRuleManager.loadRules(List.of(onlyFor(SentinelResources.LOGIN_IP, "203.0.113.66", 1)));
    List<Response> flood = burst(30, () -> login("203.0.113.66", "wrong password"));
    assertThat(limited(flood)).as("the flooding address, refused by its login limit").hasSize(29);
    assertThat(problem(limited(flood).get(0)).get("detail").asText()).contains("login limit");

    assertThat(login("203.0.113.67", FakeProviders.PASSWORD).getStatus())
        .as("another address")
        .isEqualTo(200);
    assertThat(login("203.0.113.68", FakeProviders.PASSWORD).getStatus())
        .as("a third address")
        .isEqualTo(200);
    assertThat(ClusterBuilderSlot.getClusterNode("POST /sessions").totalPass() - passedBefore)
        .as("route quota spent: one flood request, two logins")
        .isLessThanOrEqualTo(3);
    assertNothingHeld();
  }

  @Test
  void aCaptchaFloodRefusedPerIpLeavesTheRouteQuotaToOthers() throws InterruptedException {
    quiet("POST /captchas");
    FlowRuleManager.loadRules(List.of(qps("POST /captchas", 3)));
    ParamFlowRuleManager.loadRules(
        List.of(onlyFor(SentinelResources.CAPTCHA_IP, "203.0.113.70", 1)));
    List<Response> flood =
        burst(
            20,
            () ->
                api.target("/captchas")
                    .request()
                    .header("X-Forwarded-For", "203.0.113.70")
                    .post(Entity.json("{}")));
    assertThat(limited(flood)).hasSize(19);
    assertThat(problem(limited(flood).get(0)).get("detail").asText()).contains("captcha limit");
    Response other =
        api.target("/captchas")
            .request()
            .header("X-Forwarded-For", "203.0.113.71")
            .post(Entity.json("{}"));
    assertThat(other.getStatus()).as("another address gets its captcha").isEqualTo(201);
    assertNothingHeld();
  }

  @Test
  void postingIsLimitedPerUser() {
    ParamFlowRuleManager.loadRules(List.of(onlyFor(SentinelResources.POST_USER, alice.getId(), 2)));
    String vent = "{\"text\":\"again\",\"audience\":\"public\"}";
    List<Response> posts =
        burst(
            6,
            () ->
                api.target("/vents")
                    .request()
                    .header("X-Forwarded-For", "192.0.2.2")
                    .header("Authorization", "Bearer " + fakes.tokenOf(alice))
                    .post(Entity.json(vent)));
    assertThat(limited(posts)).as("alice's vents past her posting limit").hasSize(4);
    assertThat(problem(limited(posts).get(0)).get("detail").asText()).contains("posting limit");
    Response bobs =
        api.target("/vents")
            .request()
            .header("X-Forwarded-For", "192.0.2.2")
            .header("Authorization", "Bearer " + fakes.tokenOf(bob))
            .post(Entity.json(vent));
    assertThat(bobs.getStatus()).as("bob posts").isEqualTo(201);
    assertNothingHeld();
  }

  @Test
  void aPasswordGuessingTokenIsLimitedPerUserWithoutSpendingTheRouteQuota()
      throws InterruptedException {
    quiet("PUT /me/password");
    quiet("DELETE /me");
    FlowRuleManager.loadRules(List.of(qps("PUT /me/password", 3), qps("DELETE /me", 3)));
    ParamFlowRuleManager.loadRules(
        List.of(onlyFor(SentinelResources.PASSWORD_USER, alice.getId(), 1)));
    String aliceToken = fakes.tokenOf(alice);
    String guess = "{\"currentPassword\":\"guess-guess\",\"newPassword\":\"new password 1\"}";
    List<Response> guesses =
        burst(
            20,
            () ->
                api.target("/me/password")
                    .request()
                    .header("X-Forwarded-For", "192.0.2.1")
                    .header("Authorization", "Bearer " + aliceToken)
                    .put(Entity.json(guess)));
    assertThat(limited(guesses)).as("alice's token past its password limit").hasSize(19);
    assertThat(problem(limited(guesses).get(0)).get("detail").asText()).contains("password limit");
    List<Response> deletes =
        burst(
            5,
            () ->
                api.target("/me")
                    .request()
                    .header("X-Forwarded-For", "192.0.2.1")
                    .header("Authorization", "Bearer " + aliceToken)
                    .property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true)
                    .build("DELETE", Entity.json("{\"password\":\"guess-guess\"}"))
                    .invoke());
    assertThat(limited(deletes)).as("DELETE /me shares the password limit").hasSize(5);

    Response bobs =
        api.target("/me/password")
            .request()
            .header("X-Forwarded-For", "192.0.2.1")
            .header("Authorization", "Bearer " + fakes.tokenOf(bob))
            .put(Entity.json(guess));
    assertThat(bobs.getStatus())
        .as("bob's password check is not refused by a limit")
        .isNotEqualTo(429);
    assertNothingHeld();
  }

  @Test
  void requestsWithRefusedTokensDoNotSpendTheRouteQuota() throws InterruptedException {
    quiet("GET /me");
    FlowRuleManager.loadRules(List.of(qps("GET /me", 3)));
    List<Response> junk = burst(20, () -> get("/me", "garbage", "203.0.113.80"));
    assertThat(junk).extracting(Response::getStatus).containsOnly(401);
    assertThat(get("/me", fakes.tokenOf(alice), "203.0.113.81").getStatus()).isEqualTo(200);
    assertNothingHeld();
  }

  @Test
  void aClientRefusedPerIpDoesNotSpendAReadRoutesQuota() throws InterruptedException {
    quiet("GET /users/{id}");
    FlowRuleManager.loadRules(List.of(qps("GET /users/{id}", 5)));
    ParamFlowRuleManager.loadRules(
        List.of(onlyFor(SentinelResources.CLIENT_IP, "203.0.113.90", 1)));
    List<Response> flood = burst(30, () -> get("/users/" + alice.getId(), null, "203.0.113.90"));
    assertThat(limited(flood)).hasSize(29);
    assertThat(burst(3, () -> get("/users/" + alice.getId(), null, "203.0.113.91")))
        .extracting(Response::getStatus)
        .containsOnly(200);
    assertNothingHeld();
  }

  /** Loads vent-web's default flow and param-flow rules, as {@code ./vent up} seeds them. */
  private static void defaultRules() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("..", "sentinel-rules", "vent-web");
    FlowRuleManager.loadRules(
        com.alibaba.fastjson.JSON.parseArray(
            java.nio.file.Files.readString(dir.resolve("flow.json")), FlowRule.class));
    ParamFlowRuleManager.loadRules(
        com.alibaba.fastjson.JSON.parseArray(
            java.nio.file.Files.readString(dir.resolve("param-flow.json")), ParamFlowRule.class));
  }

  /**
   * With the default numbers, one client's allowance within a second must stay well below the
   * route's: otherwise its first burst alone spends the second's shared quota.
   */
  @Test
  void withTheDefaultRulesOneClientsBurstLeavesMostOfTheRouteToOthers() throws Exception {
    for (String route : List.of("POST /sessions", "POST /captchas", "PUT /me/password")) {
      quiet(route);
    }
    defaultRules();
    List<Response> flood = burst(30, () -> login("203.0.113.100", "wrong password"));
    List<Response> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(login("203.0.113." + (101 + i), FakeProviders.PASSWORD));
    }
    assertThat(limited(flood)).isNotEmpty();
    assertThat(others)
        .extracting(Response::getStatus)
        .as("logins from 5 other addresses during the flood")
        .containsOnly(200);

    List<Response> captchaFlood =
        burst(
            40,
            () ->
                api.target("/captchas")
                    .request()
                    .header("X-Forwarded-For", "203.0.113.110")
                    .post(Entity.json("{}")));
    assertThat(limited(captchaFlood)).isNotEmpty();
    for (int i = 0; i < 10; i++) {
      assertThat(
              api.target("/captchas")
                  .request()
                  .header("X-Forwarded-For", "203.0.113." + (111 + i))
                  .post(Entity.json("{}"))
                  .getStatus())
          .as("captcha for another address")
          .isEqualTo(201);
    }

    String guess = "{\"currentPassword\":\"guess-guess\",\"newPassword\":\"new password 1\"}";
    String aliceToken = fakes.tokenOf(alice);
    List<Response> guesses =
        burst(
            10,
            () ->
                api.target("/me/password")
                    .request()
                    .header("X-Forwarded-For", "192.0.2.1")
                    .header("Authorization", "Bearer " + aliceToken)
                    .put(Entity.json(guess)));
    assertThat(limited(guesses)).isNotEmpty();
    Response bobs =
        api.target("/me/password")
            .request()
            .header("X-Forwarded-For", "192.0.2.2")
            .header("Authorization", "Bearer " + fakes.tokenOf(bob))
            .put(Entity.json(guess));
    assertThat(bobs.getStatus())
        .as("bob's password change during alice's guessing")
        .isNotEqualTo(429);
    assertNothingHeld();
  }

  @Test
  void theSystemRuleCountsEachRequestOnceAndRefusesWithoutALimitHeader()
      throws InterruptedException {
    String token = fakes.tokenOf(alice);
    SystemRule rule = new SystemRule();
    rule.setQps(3);
    // Earlier requests leave inbound QPS in Sentinel's 1 s sliding window.
    long deadline = System.currentTimeMillis() + 3000;
    while (Constants.ENTRY_NODE.passQps() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    SystemRuleManager.loadRules(List.of(rule));
    // Authenticated requests enter route, client-ip and client-user; only the route is inbound.
    List<Response> responses = burst(8, () -> get("/me", token, "192.0.2.1"));
    assertThat(responses.subList(0, 3)).extracting(Response::getStatus).containsOnly(200);
    List<Response> limited = limited(responses);
    assertThat(limited).isNotEmpty();
    Response refused = limited.get(0);
    assertThat(refused.getHeaderString("RateLimit-Limit")).isNull();
    assertThat(refused.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(refused.getHeaderString("RateLimit-Remaining")).isEqualTo("0");
    assertThat(problem(refused).get("detail").asText()).contains("system limit");
    assertNothingHeld();
  }

  @Test
  void entriesAreExitedWhateverTheOutcome() {
    String token = fakes.tokenOf(alice);
    ClusterNode route = ClusterBuilderSlot.getClusterNode("GET /users/{id}");
    long before = route.totalRequest();
    assertThat(get("/users/999999999999", null, "192.0.2.1").getStatus()).isEqualTo(404);
    assertThat(get("/users/abc", null, "192.0.2.1").getStatus()).isEqualTo(400);
    assertThat(route.totalRequest()).isEqualTo(before + 2);
    assertThat(get("/me", null, "192.0.2.1").getStatus()).isEqualTo(401);
    assertThat(get("/me", "garbage", "192.0.2.1").getStatus()).isEqualTo(401);
    assertThat(get("/me", token, "192.0.2.1").getStatus()).isEqualTo(200);
    assertThat(
            api.target("/sessions")
                .request()
                .post(Entity.json("{\"username\":\"alice\",\"password\":\"nope\"}"))
                .getStatus())
        .isEqualTo(401);

    Response unavailable = get("/failing/unavailable", null, "192.0.2.1");
    assertThat(unavailable.getStatus()).isEqualTo(503);
    assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(ClusterBuilderSlot.getClusterNode("GET /failing/unavailable").totalException())
        .as("5xx answers traced as errors of the route")
        .isEqualTo(1);

    // Jersey gives up on a response whose filters fail (the container answers 500; the in-memory
    // one throws): vent-web's response filter never runs, and the end-of-request listener exits.
    try {
      get("/failing/response-filter", null, "192.0.2.1").close();
    } catch (ProcessingException failedInTheContainer) {
      // expected with the in-memory container
    }
    assertThat(ClusterBuilderSlot.getClusterNode("GET /failing/response-filter").totalRequest())
        .isEqualTo(1);
    assertNothingHeld();
  }

  @Test
  void aContextLeftOnTheThreadIsCleanedUpByTheNextRequest() throws Exception {
    // The in-memory container serves requests on the caller's thread: leave a context with an
    // entry behind, as a missed exit would.
    ContextUtil.enter("leaked");
    SphU.entry("leaked-entry");
    assertThat(get("/users/" + alice.getId(), null, "192.0.2.1").getStatus()).isEqualTo(200);
    assertThat(ContextUtil.getContext()).isNull();
    assertThat(ClusterBuilderSlot.getClusterNode("leaked-entry").curThreadNum()).isZero();
    assertNothingHeld();
  }

  @Test
  void everyRouteIsAResourceNamedByMethodAndTemplate() {
    String token = fakes.tokenOf(alice);
    get("/users/" + alice.getId() + "/followers", null, "192.0.2.1").close();
    get("/users/" + alice.getId() + "/following", null, "192.0.2.1").close();
    api.target("/users").queryParam("username", "alice").request().get().close();
    api.target("/me/following/" + bob.getId())
        .request()
        .header("Authorization", "Bearer " + token)
        .put(Entity.json(""))
        .close();
    api.target("/sessions").request().header("Authorization", "Bearer " + token).delete().close();
    api.target("/captchas").request().post(Entity.json("{}")).close();
    for (String resource :
        List.of(
            "GET /users/{id}",
            "GET /users/{id}/followers",
            "GET /users/{id}/following",
            "GET /users",
            "PUT /me/following/{id}",
            "DELETE /sessions",
            "POST /captchas")) {
      assertThat(ClusterBuilderSlot.getClusterNode(resource)).as(resource).isNotNull();
    }
    int routes = SentinelResources.routesSeen();
    burst(3, () -> get("/users/" + bob.getId(), null, "192.0.2.1"));
    assertThat(SentinelResources.routesSeen()).as("one cached name per route").isEqualTo(routes);
    // Unknown paths match no route: no resource for them.
    assertThat(get("/nope/" + System.nanoTime(), null, "192.0.2.1").getStatus()).isEqualTo(404);
    assertThat(SentinelResources.routesSeen()).isEqualTo(routes);
    assertNothingHeld();
  }
}
