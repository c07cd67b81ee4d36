package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vent.auth.v1.AuthService;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.auth.v1.LoginRequest;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.DeleteUserRequest;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.UserService;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vent.common.config.CallerSettings;

class CallerAuthTest {

  private static final String WEB_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final String AUTH_SECRET = "f9e8d7c6b5a4938271605f4e3d2c1b0a";

  @Test
  void theIdlSaysWhoMayCallWhat() {
    AllowedCallers table = new AllowedCallers();
    assertThat(table.of(UserService.class, "createUser", new Class<?>[] {CreateUserRequest.class}))
        .containsExactly("vent-provider-auth");
    assertThat(table.of(UserService.class, "deleteUser", new Class<?>[] {DeleteUserRequest.class}))
        .containsExactly("vent-provider-auth");
    assertThat(
            table.of(UserService.class, "ensureUsers", new Class<?>[] {EnsureUsersRequest.class}))
        .containsExactly("vent-web");
    assertThat(
            table.of(
                RelationService.class, "batchFollow", new Class<?>[] {BatchFollowRequest.class}))
        .containsExactly("vent-web");
    assertThat(table.of(AuthService.class, "login", new Class<?>[] {LoginRequest.class}))
        .containsExactly("vent-web");
    assertThat(
            table.of(
                CaptchaService.class, "verifyCaptcha", new Class<?>[] {VerifyCaptchaRequest.class}))
        .containsExactly("vent-provider-auth");
    // Reads stay open to any gRPC client.
    assertThat(table.of(UserService.class, "getUser", new Class<?>[] {GetUserRequest.class}))
        .isEmpty();
    assertThat(
            table.of(RelationService.class, "getCounts", new Class<?>[] {GetCountsRequest.class}))
        .isEmpty();
    assertThat(table.of(AuthService.class, "getJwks", new Class<?>[] {GetJwksRequest.class}))
        .isEmpty();
    // Not a method of the IDL (Dubbo's own, or no message parameter): no rule.
    assertThat(table.of(UserService.class, "$echo", new Class<?>[] {Object.class})).isEmpty();
  }

  @Test
  void aKnownCallerWithItsSecretIsAllowedWhereListed() {
    CallerAuth auth = provider();
    assertThat(auth.enforcing()).isTrue();
    assertThat(auth.check("vent-web", WEB_SECRET, Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.ALLOWED);
    assertThat(auth.check("vent-provider-auth", AUTH_SECRET, Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.NOT_ALLOWED);
  }

  @Test
  void noCallerAWrongSecretOrAnUnknownNameIsUnauthenticated() {
    CallerAuth auth = provider();
    assertThat(auth.check(null, null, Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.UNAUTHENTICATED);
    assertThat(auth.check("vent-web", null, Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.UNAUTHENTICATED);
    assertThat(auth.check("vent-web", AUTH_SECRET, Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.UNAUTHENTICATED);
    assertThat(auth.check("vent-web", WEB_SECRET + "0", Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.UNAUTHENTICATED);
    assertThat(auth.check("intruder", WEB_SECRET, Set.of("vent-web")))
        .isEqualTo(CallerAuth.Verdict.UNAUTHENTICATED);
  }

  @Test
  void logsShowOnlyRecognisedNames() {
    CallerAuth auth = provider();
    assertThat(auth.printable("vent-web")).isEqualTo("vent-web");
    assertThat(auth.printable(WEB_SECRET)).isEqualTo("unknown");
    assertThat(auth.printable("x\r\nevent=forged")).isEqualTo("unknown");
    assertThat(auth.printable(null)).isEqualTo("none");
  }

  @Test
  void withoutTrustedCallersNothingIsEnforced() {
    CallerSettings settings = new CallerSettings();
    settings.secret = WEB_SECRET;
    CallerAuth web = new CallerAuth("vent-web", settings);
    assertThat(web.enforcing()).isFalse();
    assertThat(web.secret()).isEqualTo(WEB_SECRET);
  }

  @Test
  void settingsNeverShowASecret() {
    CallerSettings settings = trusted();
    settings.secret = WEB_SECRET;
    assertThat(settings.toString())
        .doesNotContain(WEB_SECRET)
        .doesNotContain(AUTH_SECRET)
        .contains("vent-web")
        .contains("vent-provider-auth");
    settings.trusted = "vent-web=" + WEB_SECRET + ",broken";
    assertThatThrownBy(settings::trustedSecrets)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(WEB_SECRET);
  }

  private static CallerAuth provider() {
    return new CallerAuth("vent-provider-user", trusted());
  }

  private static CallerSettings trusted() {
    CallerSettings settings = new CallerSettings();
    settings.trusted = "vent-web=" + WEB_SECRET + ",vent-provider-auth=" + AUTH_SECRET;
    return settings;
  }
}
