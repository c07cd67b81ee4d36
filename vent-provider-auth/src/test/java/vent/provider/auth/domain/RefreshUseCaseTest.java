package vent.provider.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.auth.domain.VentAssertions.assertFails;

import com.nimbusds.jwt.SignedJWT;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import vent.common.error.ErrorKind;

class RefreshUseCaseTest extends RedisTestBase {

  @Test
  void rotatesAndRejectsTheOldTokenAfterwards() throws Exception {
    Registration reg = fx.registered("alice");
    String first = reg.tokens().refreshToken();

    Tokens next = fx.refresh().refresh(first);

    assertThat(next.refreshToken()).isNotEqualTo(first);
    assertThat(Base64.getUrlDecoder().decode(next.refreshToken()))
        .as("user id, a dot, 256 random bits")
        .hasSize(reg.user().id().length() + 1 + 32);
    assertThat(next.sessionId()).isEqualTo(reg.tokens().sessionId());
    assertThat(SignedJWT.parse(next.accessToken()).getJWTClaimsSet().getStringClaim("sid"))
        .isEqualTo(next.sessionId());
    assertFails(
        () -> fx.refresh().refresh(first), ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID");
  }

  @Test
  void reusingASpentTokenRevokesTheWholeSession() {
    Registration reg = fx.registered("alice");
    String spent = reg.tokens().refreshToken();
    String newest = fx.refresh().refresh(spent).refreshToken();

    assertFails(
        () -> fx.refresh().refresh(spent), ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID");

    assertFails(
        () -> fx.refresh().refresh(newest), ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID");
    assertThat(
            redis
                .getKeys()
                .countExists(
                    "vent:auth:{" + reg.user().id() + "}:session:" + reg.tokens().sessionId()))
        .isZero();
    assertThat(fx.sessions.end(reg.tokens().sessionId(), reg.user().id())).isFalse();
  }

  @Test
  void reuseRevokesOnlyThatSession() {
    Registration reg = fx.registered("alice");
    Tokens other = fx.login().login("alice", AuthFixture.PASSWORD, "");
    String spent = reg.tokens().refreshToken();
    fx.refresh().refresh(spent);

    assertFails(
        () -> fx.refresh().refresh(spent), ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID");

    assertThat(fx.refresh().refresh(other.refreshToken()).sessionId()).isEqualTo(other.sessionId());
  }

  @Test
  void unknownTokenIsRejected() {
    assertFails(
        () -> fx.refresh().refresh(Secrets.newRefreshToken("1")),
        ErrorKind.UNAUTHENTICATED,
        "REFRESH_TOKEN_INVALID");
    for (String malformed : List.of(Secrets.randomToken(), "not base64!", "MQ", "x.y")) {
      assertFails(
          () -> fx.refresh().refresh(malformed),
          ErrorKind.UNAUTHENTICATED,
          "REFRESH_TOKEN_INVALID");
    }
    assertFails(() -> fx.refresh().refresh(""), ErrorKind.INVALID_ARGUMENT, "MISSING_FIELD");
  }

  @Test
  void aTokenCarriesItsUserButATokenRelabelledForAnotherUserIsUnknown() {
    Registration reg = fx.registered("alice");
    String token = reg.tokens().refreshToken();
    assertThat(Secrets.refreshTokenUser(token)).contains(reg.user().id());
    byte[] raw = java.util.Base64.getUrlDecoder().decode(token);
    byte[] other = new byte[raw.length - reg.user().id().length() + 3];
    System.arraycopy("999".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, other, 0, 3);
    System.arraycopy(
        raw, reg.user().id().length(), other, 3, raw.length - reg.user().id().length());
    String relabelled = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(other);
    assertThat(Secrets.refreshTokenUser(relabelled)).contains("999");
    assertFails(
        () -> fx.refresh().refresh(relabelled), ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID");
    assertThat(fx.refresh().refresh(token).sessionId()).isEqualTo(reg.tokens().sessionId());
  }

  @Test
  void redisHoldsOnlyTheTokenDigestWithTheRefreshLifetime() {
    Registration reg = fx.registered("alice");
    Tokens next = fx.refresh().refresh(reg.tokens().refreshToken());
    String sid = next.sessionId();

    var session =
        redis
            .<String, String>getMap(
                "vent:auth:{" + reg.user().id() + "}:session:" + sid, StringCodec.INSTANCE)
            .readAllMap();
    assertThat(session)
        .containsEntry("userId", reg.user().id())
        .containsEntry("refreshHash", Secrets.sha256Hex(next.refreshToken()));
    long ttlMs =
        redis.getKeys().remainTimeToLive("vent:auth:{" + reg.user().id() + "}:session:" + sid);
    assertThat(ttlMs)
        .isBetween(AuthFixture.REFRESH_TTL_S * 1000 - 5000, AuthFixture.REFRESH_TTL_S * 1000);
    assertThat(
            redis
                .getKeys()
                .remainTimeToLive(
                    "vent:auth:{"
                        + reg.user().id()
                        + "}:refresh:"
                        + Secrets.sha256Hex(next.refreshToken())))
        .isBetween(AuthFixture.REFRESH_TTL_S * 1000 - 5000, AuthFixture.REFRESH_TTL_S * 1000);
    redis
        .getKeys()
        .getKeysStreamByPattern("vent:auth:*")
        .forEach(
            key -> {
              assertThat(key)
                  .doesNotContain(next.refreshToken())
                  .doesNotContain(reg.tokens().refreshToken());
              if (redis.getKeys().getType(key) == org.redisson.api.RType.OBJECT) {
                assertThat(redis.<String>getBucket(key, StringCodec.INSTANCE).get())
                    .doesNotContain(next.refreshToken());
              }
            });
  }
}
