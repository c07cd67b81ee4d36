package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import java.time.Duration;
import java.util.Set;
import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.config.CallerSettings;
import vent.common.config.ProviderConfig;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.common.testing.ConsulAgent;
import vent.common.testing.Eventually;
import vent.common.testing.RedisServer;

/**
 * Caller authentication over real Triple calls found through a real Consul: the provider enforces
 * the IDL's allowed callers ({@code VerifyCaptcha}: vent-provider-auth, {@code CreateCaptcha}:
 * vent-web) on callers proven by their secret, sent by the consumers' own filter.
 */
class CallerAuthIT {

  private static final String WEB_SECRET = "5e1d0c9b8a7f6e5d4c3b2a1908f7e6d5";
  private static final String AUTH_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

  private static ProviderServer provider;
  private static DubboNode web;
  private static DubboNode auth;
  private static DubboNode stranger;
  private static CaptchaService asWeb;
  private static CaptchaService asAuth;
  private static CaptchaService asStranger;

  @BeforeAll
  static void start() throws Exception {
    ConsulAgent consul = ConsulAgent.shared();
    ProviderConfig config = new ProviderConfig();
    config.application = "vent-provider-caller-test";
    config.registry = consul.registry();
    config.server.port = RedisServer.freePort();
    config.server.drainMs = 200;
    config.sentinel.enabled = false;
    config.globalConfig.kvPrefix = "test/config";
    config.callers.trusted = "vent-web=" + WEB_SECRET + ",vent-provider-auth=" + AUTH_SECRET;
    provider =
        new ProviderServer(config)
            .provide(CaptchaService.class, new DubboNodeIT.FakeCaptcha())
            .start();

    web = consumer("vent-web", WEB_SECRET);
    auth = consumer("vent-provider-auth", AUTH_SECRET);
    stranger = consumer("vent-caller-test-stranger", "");
    var webRef = reference(web);
    var authRef = reference(auth);
    var strangerRef = reference(stranger);
    for (DubboNode node : new DubboNode[] {web, auth, stranger}) {
      node.start();
    }
    asWeb = webRef.get();
    asAuth = authRef.get();
    asStranger = strangerRef.get();
    Eventually.succeeds(
        "the consumers see the provider",
        Duration.ofSeconds(20),
        () -> asWeb.createCaptcha(CreateCaptchaRequest.getDefaultInstance()));
  }

  @AfterAll
  static void stop() {
    for (DubboNode node : new DubboNode[] {web, auth, stranger}) {
      if (node != null) {
        node.stop();
      }
    }
    if (provider != null) {
      provider.stop();
    }
  }

  @Test
  void listedCallersAreServed() {
    assertThat(asWeb.createCaptcha(CreateCaptchaRequest.getDefaultInstance()).getId())
        .isEqualTo("c1");
    assertThat(
            asAuth
                .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build())
                .getValid())
        .isTrue();
  }

  @Test
  void aCallerWithoutSecretIsUnauthenticated() {
    assertRefused(
        () -> asStranger.createCaptcha(CreateCaptchaRequest.getDefaultInstance()),
        ErrorKind.UNAUTHENTICATED,
        "CALLER_UNAUTHENTICATED");
  }

  @Test
  void aProvenCallerTheMethodDoesNotListIsDenied() {
    assertRefused(
        () -> asWeb.verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build()),
        ErrorKind.PERMISSION_DENIED,
        "CALLER_NOT_ALLOWED");
    assertRefused(
        () -> asAuth.createCaptcha(CreateCaptchaRequest.getDefaultInstance()),
        ErrorKind.PERMISSION_DENIED,
        "CALLER_NOT_ALLOWED");
  }

  private static void assertRefused(Runnable call, ErrorKind kind, String reason) {
    assertThatThrownBy(
            () -> {
              try {
                call.run();
              } catch (RuntimeException e) {
                throw RpcErrors.toVentException(e);
              }
            })
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }

  private static DubboNode consumer(String application, String secret) {
    DubboNode node = new DubboNode(application, ConsulAgent.shared().registry(), true, false);
    CallerSettings callers = new CallerSettings();
    callers.secret = secret;
    node.callers(callers);
    return node;
  }

  private static ReferenceConfig<CaptchaService> reference(DubboNode node) {
    var ref = node.refer(CaptchaService.class, 3000, 0, Set.of("createCaptcha", "verifyCaptcha"));
    // Over Triple, as between processes (Dubbo would call this JVM's provider in-JVM otherwise).
    ref.setScope("remote");
    return ref;
  }
}
