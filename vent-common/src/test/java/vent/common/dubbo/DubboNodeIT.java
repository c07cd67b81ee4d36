package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vent.captcha.v1.Captcha;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.DubboCaptchaServiceTriple;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaResponse;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.User;
import dev.vent.user.v1.UserService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.config.ProviderConfig;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.common.sentinel.SentinelBootstrap;
import vent.common.sentinel.VentCommandCenter;
import vent.common.testing.ConsulAgent;
import vent.common.testing.Eventually;
import vent.common.testing.ListeningSockets;
import vent.common.testing.RedisServer;

/**
 * The shared wiring end to end: a provider registers in a real Consul, a consumer in the same JVM
 * (a separate Dubbo application) finds it there and calls it over Triple on loopback, and a domain
 * failure arrives as the same kind and reason; over two instances of one service, a call that times
 * out is retried on the other instance unless its method is declared not retried. Sentinel is
 * disabled here ({@code sentinel.enabled: false}): its Dubbo adapter is on the class path but must
 * not take part in any call.
 */
class DubboNodeIT {

  private static ProviderServer provider;
  private static int providerPort;
  private static DubboNode consumer;
  private static CaptchaService client;

  /**
   * Per-attempt timeout of the user-service reference; {@link SlowUsersMain} sleeps well past it.
   */
  static final int USERS_TIMEOUT_MS = 400;

  static final int USERS_RETRIES = 2;
  static final List<String> USER_INSTANCES = List.of("users-1", "users-2");
  private static final List<Process> userProviders = new ArrayList<>();
  private static UserService users;

  /** A stand-in service: answers "ok" for id "good", a domain failure for anything else. */
  static final class FakeCaptcha extends DubboCaptchaServiceTriple.CaptchaServiceImplBase {
    @Override
    public Captcha createCaptcha(CreateCaptchaRequest request) {
      return Captcha.newBuilder().setId("c1").build();
    }

    @Override
    public VerifyCaptchaResponse verifyCaptcha(VerifyCaptchaRequest request) {
      if (!request.getId().equals("good")) {
        throw VentException.invalid("MISSING_FIELD", "id is empty");
      }
      return VerifyCaptchaResponse.newBuilder().setValid(true).build();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    ConsulAgent consul = ConsulAgent.shared();
    ProviderConfig config = new ProviderConfig();
    config.application = "vent-provider-wiring-test";
    config.registry = consul.registry();
    config.server.port = RedisServer.freePort();
    providerPort = config.server.port;
    config.server.drainMs = 200;
    config.sentinel.enabled = false;
    config.globalConfig.kvPrefix = "test/config";
    provider = new ProviderServer(config).provide(CaptchaService.class, new FakeCaptcha()).start();

    consumer = new DubboNode("vent-wiring-test-consumer", consul.registry(), true, false);
    var ref = consumer.refer(CaptchaService.class, 3000, 2, Set.of("createCaptcha"));
    // Over Triple, as between processes (Dubbo would call this JVM's provider in-JVM otherwise).
    ref.setScope("remote");
    // Two instances of the user service, each in a process of its own (SlowUsersMain says why).
    Path logs = Files.createDirectories(Path.of("target", "slow-users"));
    for (String name : USER_INSTANCES) {
      userProviders.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SlowUsersMain.class.getName(),
                  name,
                  String.valueOf(RedisServer.freePort()),
                  String.valueOf(consul.httpPort()))
              .redirectErrorStream(true)
              .redirectOutput(logs.resolve(name + ".log").toFile())
              .start());
    }
    var usersRef =
        consumer.refer(UserService.class, USERS_TIMEOUT_MS, USERS_RETRIES, Set.of("createUser"));
    usersRef.setScope("remote");
    consumer.start();
    client = ref.get();
    users = usersRef.get();

    Eventually.until(
        "provider registered and passing in Consul",
        Duration.ofSeconds(20),
        () ->
            consul
                .get("/v1/health/service/dev.vent.captcha.v1.CaptchaService?passing=true")
                .contains(String.valueOf(config.server.port)));
    // The consumer learns of the provider through its own Consul watch, a moment later.
    Eventually.succeeds(
        "consumer sees the provider",
        Duration.ofSeconds(20),
        () -> client.createCaptcha(CreateCaptchaRequest.getDefaultInstance()));
    // Both user instances must be reachable, else a retry has nowhere else to go.
    Set<String> answered = ConcurrentHashMap.newKeySet();
    Eventually.succeeds(
        "consumer reaches both user-service instances",
        Duration.ofSeconds(60),
        () -> {
          answered.add(users.getUser(GetUserRequest.newBuilder().setId("1").build()).getId());
          if (answered.size() < USER_INSTANCES.size()) {
            throw new IllegalStateException("answered so far: " + answered);
          }
        });
  }

  @AfterAll
  static void stop() {
    if (consumer != null) {
      consumer.stop();
    }
    userProviders.forEach(Process::destroyForcibly);
    if (provider != null) {
      provider.stop();
    }
  }

  @Test
  void providerIsRegisteredOnLoopback() {
    String entries =
        ConsulAgent.shared()
            .get("/v1/health/service/dev.vent.captcha.v1.CaptchaService?passing=true");
    assertThat(entries)
        .containsPattern("\"Address\":\\s*\"127\\.0\\.0\\.1\"")
        .contains("side=provider");
    // Consumers must not need Vent's transporter (a plain Dubbo client has no such extension).
    assertThat(entries).doesNotContain(LoopbackTransporter.NAME);
  }

  @Test
  void providerPortListensOnLoopbackOnly() {
    // Dubbo alone would listen on 0.0.0.0 (NetUtils.isInvalidLocalHost): reachable from other
    // hosts.
    assertThat(ListeningSockets.addresses(providerPort)).containsExactly("127.0.0.1");
  }

  @Test
  void anInstanceConsulDeregisteredIsRegisteredAndPassingAgainAndCalledAgain() throws Exception {
    ConsulAgent consul = ConsulAgent.shared();
    String passing = "/v1/health/service/dev.vent.captcha.v1.CaptchaService?passing=true";
    List<String> ids = new ArrayList<>();
    new ObjectMapper()
        .readTree(consul.get("/v1/agent/services"))
        .forEach(
            service -> {
              if (service.path("Port").asInt() == providerPort) {
                ids.add(service.path("ID").asText());
              }
            });
    assertThat(ids).as("the provider's instances in the agent").isNotEmpty();

    // What Consul does on its own to an instance critical past deregister_critical_service_after.
    long t0 = System.nanoTime();
    ids.forEach(id -> consul.put("/v1/agent/service/deregister/" + id, ""));
    assertThat(consul.get(passing)).doesNotContain("\"Port\":" + providerPort);

    Eventually.until(
        "the instance registered and passing again",
        Duration.ofSeconds(20),
        () -> consul.get(passing).contains(String.valueOf(providerPort)));
    long backMs = (System.nanoTime() - t0) / 1_000_000;
    Eventually.succeeds(
        "the consumer calls it again",
        Duration.ofSeconds(20),
        () -> client.verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build()));
    System.out.printf(
        "DubboNodeIT: deregistered instance passing again after %d ms, called after %d ms%n",
        backMs, (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void callsGoThroughConsulDiscovery() {
    assertThat(
            client
                .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build())
                .getValid())
        .isTrue();
  }

  @Test
  void domainFailuresKeepKindAndReason() {
    assertThatThrownBy(
            () -> {
              try {
                client.verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("bad").build());
              } catch (RuntimeException e) {
                throw RpcErrors.toVentException(e);
              }
            })
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo("MISSING_FIELD");
              assertThat(e.detail()).isEqualTo("id is empty");
            });
  }

  @Test
  void disabledSentinelCountsNothing() {
    assertThat(
            client
                .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build())
                .getValid())
        .isTrue();
    assertThat(SentinelBootstrap.isRunning()).isFalse();
    // With the adapter's filters active, every call would create these nodes (and start the
    // transport).
    assertThat(ClusterBuilderSlot.getClusterNodeMap().keySet())
        .noneMatch(r -> r.getName().startsWith("dev.vent.captcha.v1.CaptchaService"));
    assertThat(VentCommandCenter.boundAddress()).isEmpty();
  }

  @Test
  void aMethodNotRetriedIsCalledOnceAndTimesOut() throws Exception {
    assertThatThrownBy(
            () -> users.createUser(CreateUserRequest.newBuilder().setUsername("slow").build()))
        .isInstanceOfSatisfying(
            RpcException.class, e -> assertThat(e.isTimeout()).as(e.toString()).isTrue());
    // Attempts are sequential: once the call has failed, every attempt has reached a provider.
    // The pause only lets a late request be counted, should one still be on its way.
    TimeUnit.MILLISECONDS.sleep(USERS_TIMEOUT_MS);
    assertThat(counts().values().stream().mapToInt(c -> c[0]).sum())
        .as("CreateUser invocations over both instances")
        .isEqualTo(1);
  }

  @Test
  void aRetriedMethodIsCalledRetriesPlusOneTimes() throws Exception {
    assertThatThrownBy(
            () -> users.getUser(GetUserRequest.newBuilder().setId(SlowUsersMain.SLOW_ID).build()))
        .isInstanceOfSatisfying(
            RpcException.class, e -> assertThat(e.isTimeout()).as(e.toString()).isTrue());
    TimeUnit.MILLISECONDS.sleep(USERS_TIMEOUT_MS);
    Map<String, int[]> counts = counts();
    assertThat(counts.values().stream().mapToInt(c -> c[1]).sum())
        .as("slow GetUser invocations over both instances")
        .isEqualTo(USERS_RETRIES + 1);
    // Failover goes to the other instance first.
    assertThat(counts.values()).allSatisfy(c -> assertThat(c[1]).isPositive());
  }

  @Test
  void aNotRetriedNameThatIsNoRpcMethodIsRefused() {
    // A misspelt name, the proto form and the ...Async variant: each would leave a method retried.
    for (String name : List.of("creatUser", "CreateUser", "createUserAsync")) {
      assertThatThrownBy(
              () ->
                  consumer.refer(UserService.class, USERS_TIMEOUT_MS, USERS_RETRIES, Set.of(name)))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name);
    }
  }

  /**
   * @return per user-service instance, {CreateUser calls, slow GetUser calls}, asked of each
   *     instance over the same reference (fast calls) until both have answered
   */
  private static Map<String, int[]> counts() throws InterruptedException {
    Map<String, int[]> counts = new ConcurrentHashMap<>();
    Eventually.until(
        "counters of both user-service instances",
        Duration.ofSeconds(20),
        () -> {
          User u =
              users.getUser(GetUserRequest.newBuilder().setId(SlowUsersMain.COUNTS_ID).build());
          counts.put(
              u.getId(),
              new int[] {Integer.parseInt(u.getDisplayName()), Integer.parseInt(u.getBio())});
          return counts.size() == USER_INSTANCES.size();
        });
    return counts;
  }
}
