package vent.provider.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.auth.v1.ChangePasswordRequest;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.auth.v1.LoginRequest;
import dev.vent.auth.v1.LogoutRequest;
import dev.vent.auth.v1.RefreshRequest;
import dev.vent.auth.v1.RegisterRequest;
import dev.vent.auth.v1.RegisterResponse;
import dev.vent.auth.v1.TokenPair;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.auth.domain.UserDirectory;
import vent.provider.auth.domain.UserProfile;
import vent.provider.auth.server.AuthLive;
import vent.provider.auth.server.AuthSettings;
import vent.provider.auth.server.AuthWiring;

/** The adapter's protobuf mapping, over the real wiring (no Dubbo). */
class AuthServiceImplTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private AuthServiceImpl service;

  @BeforeEach
  void setUp() {
    AuthSettings settings = new AuthSettings();
    settings.bcryptCost = 4;
    UserDirectory users =
        new UserDirectory() {
          @Override
          public UserProfile create(String username, String displayName) {
            return new UserProfile("42", username, displayName, "", 10L, 11L);
          }

          @Override
          public boolean exists(String userId) {
            return true;
          }

          @Override
          public void delete(String userId) {}
        };
    service =
        new AuthServiceImpl(
            AuthWiring.useCases(
                AuthLive.local(settings),
                REDIS.client(),
                AuthWiring.signingKeys(
                    settings, AuthLive.local(settings), REDIS.client(), Clock.systemUTC()),
                users,
                (id, answer) -> true,
                Clock.systemUTC()));
  }

  @Test
  void mapsEveryRpc() {
    RegisterResponse reg =
        service.register(
            RegisterRequest.newBuilder()
                .setUsername("alice")
                .setPassword("password-1")
                .setDisplayName("Alice")
                .setCaptchaId("c")
                .setCaptchaAnswer("a")
                .build());
    assertThat(reg.getUser().getId()).isEqualTo("42");
    assertThat(reg.getUser().getDisplayName()).isEqualTo("Alice");
    assertThat(reg.getUser().getCreatedAtMs()).isEqualTo(10L);
    assertThat(reg.getTokens().getExpiresInSeconds()).isEqualTo(900);
    assertThat(reg.getTokens().getRefreshExpiresInSeconds()).isEqualTo(2_592_000);

    TokenPair login =
        service.login(
            LoginRequest.newBuilder().setUsername("alice").setPassword("password-1").build());
    TokenPair refreshed =
        service.refresh(
            RefreshRequest.newBuilder().setRefreshToken(login.getRefreshToken()).build());
    assertThat(refreshed.getSessionId()).isEqualTo(login.getSessionId());
    assertThat(
            service
                .logout(
                    LogoutRequest.newBuilder()
                        .setSessionId(login.getSessionId())
                        .setUserId("42")
                        .build())
                .getEnded())
        .isTrue();
    TokenPair changed =
        service.changePassword(
            ChangePasswordRequest.newBuilder()
                .setUserId("42")
                .setCurrentPassword("password-1")
                .setNewPassword("password-2")
                .build());
    assertThat(changed.getAccessToken()).isNotBlank();
    assertThat(service.getJwks(GetJwksRequest.getDefaultInstance()).getJwksJson())
        .contains("\"keys\"")
        .doesNotContain("\"d\"");
  }
}
