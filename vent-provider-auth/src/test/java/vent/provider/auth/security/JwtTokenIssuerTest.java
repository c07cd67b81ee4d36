package vent.provider.auth.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.MutableClock;
import vent.common.testing.RedisExtension;
import vent.provider.auth.domain.AccessToken;
import vent.provider.auth.domain.SigningKeyStore;
import vent.provider.auth.store.RedisSigningKeyStore;

class JwtTokenIssuerTest {

  private static final Instant NOW = Instant.parse("2026-11-02T10:15:30Z");
  private static final Duration PERIOD = Duration.ofDays(30);
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private JwtTokenIssuer issuer() {
    return JwtTokenIssuer.start(
        new RedisSigningKeyStore(REDIS.client()),
        "vent-auth",
        900,
        PERIOD,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void tokenVerifiesWithThePublishedKeyAndCarriesTheClaims() throws Exception {
    JwtTokenIssuer issuer = issuer();
    AccessToken token = issuer.issue("1001", "00112233445566778899aabbccddeeff");

    SignedJWT jwt = SignedJWT.parse(token.compact());
    JWKSet jwks = JWKSet.parse(issuer.publicJwksJson());
    ECKey publicKey = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(publicKey).isNotNull();
    assertThat(publicKey.getCurve()).isEqualTo(Curve.P_256);
    assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("vent-auth");
    assertThat(claims.getSubject()).isEqualTo("1001");
    assertThat(claims.getStringClaim("sid")).isEqualTo("00112233445566778899aabbccddeeff");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(900));
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(token.expiresInSeconds()).isEqualTo(900);
  }

  @Test
  void tokenFailsVerificationWithAnotherKey() throws Exception {
    AccessToken token = issuer().issue("1001", "sid");
    ECKey other = new ECKeyGenerator(Curve.P_256).generate();

    assertThat(SignedJWT.parse(token.compact()).verify(new ECDSAVerifier(other.toPublicJWK())))
        .isFalse();
  }

  @Test
  void jwksHasNoPrivatePart() throws Exception {
    JwtTokenIssuer issuer = issuer();
    String json = issuer.publicJwksJson();

    assertThat(json).doesNotContain("\"d\"");
    JWKSet set = JWKSet.parse(json);
    assertThat(set.getKeys()).hasSize(1).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    assertThat(set.getKeys().get(0).getKeyID()).isEqualTo(issuer.keyId());
    // The stored key is the private one: that is what makes Redis's access control matter.
    assertThat(REDIS.client().<String, String>getMap("vent:auth:{jwk}:jwks").get(issuer.keyId()))
        .contains("\"d\"");
  }

  @Test
  void restartKeepsTheKey() throws Exception {
    JwtTokenIssuer first = issuer();
    AccessToken token = first.issue("1", "s");

    JwtTokenIssuer second = issuer();

    assertThat(second.keyId()).isEqualTo(first.keyId());
    ECKey key = (ECKey) JWKSet.parse(second.publicJwksJson()).getKeyByKeyId(first.keyId());
    assertThat(SignedJWT.parse(token.compact()).verify(new ECDSAVerifier(key))).isTrue();
  }

  @Test
  void concurrentFirstStartsEndWithOneKey() throws Exception {
    CyclicBarrier bothSawNoKey = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<JwtTokenIssuer>> starts =
          List.of(
              pool.submit(() -> startRacing(bothSawNoKey)),
              pool.submit(() -> startRacing(bothSawNoKey)));
      JwtTokenIssuer a = starts.get(0).get(30, TimeUnit.SECONDS);
      JwtTokenIssuer b = starts.get(1).get(30, TimeUnit.SECONDS);

      assertThat(a.keyId()).isEqualTo(b.keyId());
      assertThat(REDIS.client().<String, String>getMap("vent:auth:{jwk}:jwks").readAllKeySet())
          .containsExactly(a.keyId());
      assertThat(REDIS.client().<String>getBucket("vent:auth:{jwk}:current").get())
          .isEqualTo(a.keyId());
      ECKey key = (ECKey) JWKSet.parse(a.publicJwksJson()).getKeyByKeyId(a.keyId());
      assertThat(SignedJWT.parse(b.issue("1", "s").compact()).verify(new ECDSAVerifier(key)))
          .isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Both instances read "no key yet" before either writes, forcing the set-if-absent race. */
  private JwtTokenIssuer startRacing(CyclicBarrier barrier) {
    SigningKeyStore real = new RedisSigningKeyStore(REDIS.client());
    SigningKeyStore racing =
        new SigningKeyStore() {
          @Override
          public Optional<String> currentKid() {
            Optional<String> kid = real.currentKid();
            try {
              barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return kid;
          }

          @Override
          public String createIfAbsent(String kid, String privateJwkJson) {
            return real.createIfAbsent(kid, privateJwkJson);
          }

          @Override
          public String rotate(
              String expectedCurrentKid,
              String kid,
              String privateJwkJson,
              long nowMs,
              long retainRetiredMs) {
            return real.rotate(expectedCurrentKid, kid, privateJwkJson, nowMs, retainRetiredMs);
          }

          @Override
          public Map<String, String> all() {
            return real.all();
          }
        };
    return JwtTokenIssuer.start(racing, "vent-auth", 900, PERIOD, Clock.systemUTC());
  }

  @Test
  void aDueKeyIsRotatedAndTokensOfTheOldKeyVerifyUntilTheyExpire() throws Exception {
    MutableClock clock = new MutableClock(NOW.toEpochMilli());
    RedisSigningKeyStore store = new RedisSigningKeyStore(REDIS.client());
    JwtTokenIssuer a = JwtTokenIssuer.start(store, "vent-auth", 900, PERIOD, clock);
    JwtTokenIssuer b = JwtTokenIssuer.start(store, "vent-auth", 900, PERIOD, clock);
    String first = a.keyId();
    AccessToken old = a.issue("1", "s1");

    a.refresh();
    assertThat(a.keyId()).as("not due yet").isEqualTo(first);

    clock.advance(PERIOD.toMillis());
    a.refresh();
    String second = a.keyId();
    assertThat(second).isNotEqualTo(first);
    b.refresh();
    assertThat(b.keyId())
        .as("the other instance follows, it does not rotate again")
        .isEqualTo(second);
    assertThat(SignedJWT.parse(b.issue("2", "s2").compact()).getHeader().getKeyID())
        .isEqualTo(second);
    assertThat(verifies(old, a.publicJwksJson())).as("an old token still verifies").isTrue();

    clock.advance(PERIOD.toMillis());
    b.refresh();
    String third = b.keyId();
    assertThat(JWKSet.parse(a.publicJwksJson()).getKeys())
        .extracting(k -> k.getKeyID())
        .as("the first key, retired a whole period ago, is gone")
        .containsExactlyInAnyOrder(second, third);
    assertThat(verifies(old, a.publicJwksJson())).isFalse();
  }

  @Test
  void forcedRotationKeepsTheOldKeyForTheTokenLifetimeOnly() throws Exception {
    MutableClock clock = new MutableClock(NOW.toEpochMilli());
    JwtTokenIssuer issuer =
        JwtTokenIssuer.start(
            new RedisSigningKeyStore(REDIS.client()), "vent-auth", 900, PERIOD, clock);
    String first = issuer.keyId();
    AccessToken old = issuer.issue("1", "s1");

    String second = issuer.rotate();
    assertThat(second).isNotEqualTo(first);
    assertThat(verifies(old, issuer.publicJwksJson())).isTrue();

    clock.advance((900 + JwtTokenIssuer.RETIRED_KEY_MARGIN_SECONDS) * 1000 + 1);
    issuer.rotate();
    assertThat(JWKSet.parse(issuer.publicJwksJson()).getKeys())
        .extracting(k -> k.getKeyID())
        .doesNotContain(first)
        .contains(second);
  }

  @Test
  void concurrentRotationsEndWithOneNewKey() throws Exception {
    MutableClock clock = new MutableClock(NOW.toEpochMilli());
    RedisSigningKeyStore store = new RedisSigningKeyStore(REDIS.client());
    JwtTokenIssuer a = JwtTokenIssuer.start(store, "vent-auth", 900, PERIOD, clock);
    JwtTokenIssuer b = JwtTokenIssuer.start(store, "vent-auth", 900, PERIOD, clock);
    String first = a.keyId();

    String byA = a.rotate();
    // b still believes the first key is current: its compare-and-set loses and it adopts a's key.
    String byB = b.rotate();

    assertThat(byB).isEqualTo(byA).isNotEqualTo(first);
    assertThat(REDIS.client().<String, String>getMap("vent:auth:{jwk}:jwks").readAllKeySet())
        .containsExactlyInAnyOrder(first, byA);
  }

  private static boolean verifies(AccessToken token, String jwksJson) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token.compact());
    ECKey key = (ECKey) JWKSet.parse(jwksJson).getKeyByKeyId(jwt.getHeader().getKeyID());
    return key != null && jwt.verify(new ECDSAVerifier(key));
  }
}
