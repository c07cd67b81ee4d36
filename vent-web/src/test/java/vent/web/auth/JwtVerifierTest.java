package vent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class JwtVerifierTest {

  private final ECKey key = TestKeys.newKey("k1");
  private final AtomicReference<String> published = new AtomicReference<>(TestKeys.jwks(key));
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong(1_000_000);
  // Fetches run on the calling thread here; JwksCacheTest covers the fetch thread.
  private final JwksCache cache =
      new JwksCache(
          () -> {
            fetches.incrementAndGet();
            return published.get();
          },
          clock::get,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Runnable::run);
  private final JwtVerifier verifier = new JwtVerifier(cache);

  @Test
  void acceptsAValidEs256Token() throws Exception {
    VentPrincipal principal = verifier.verify(TestKeys.token(key, "42", "s-1"));
    assertThat(principal).isEqualTo(new VentPrincipal("42", "s-1"));
    assertThat(principal.getName()).isEqualTo("42");
    verifier.verify(TestKeys.token(key, "42", "s-2"));
    assertThat(fetches).as("keys are cached").hasValue(1);
  }

  @Test
  void refusesAlgNone() {
    String unsigned =
        new PlainJWT(new PlainHeader(), TestKeys.claims("42", "s").build()).serialize();
    assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(TokenRejectedException.class);
    String header = b64("{\"alg\":\"none\",\"kid\":\"k1\"}");
    String claims =
        b64("{\"iss\":\"vent-auth\",\"sub\":\"42\",\"sid\":\"x\",\"iat\":1,\"exp\":4102444800}");
    assertThatThrownBy(() -> verifier.verify(header + "." + claims + "."))
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void refusesHs256EvenWithThePublicKeyAsSecret() throws JOSEException {
    byte[] secret = key.toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
            TestKeys.claims("42", "s").build());
    jwt.sign(new MACSigner(secret));
    assertThatThrownBy(() -> verifier.verify(jwt.serialize()))
        .isInstanceOf(TokenRejectedException.class)
        .hasMessageContaining("HS256");
  }

  @Test
  void refusesATokenSignedByAnotherKeyWithTheSameKid() {
    ECKey impostor = TestKeys.newKey("k1");
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(impostor, "42", "s")))
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void refusesATamperedPayload() {
    String[] parts = TestKeys.token(key, "42", "s").split("\\.");
    String forged =
        parts[0]
            + "."
            + b64(
                "{\"iss\":\"vent-auth\",\"sub\":\"1\",\"sid\":\"s\",\"iat\":1,\"exp\":4102444800}")
            + "."
            + parts[2];
    assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void refusesAnExpiredToken() {
    long now = System.currentTimeMillis();
    String expired =
        TestKeys.sign(
            key,
            TestKeys.claims("42", "s")
                .issueTime(new Date(now - 3_600_000))
                .expirationTime(new Date(now - 120_000))
                .build());
    assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void toleratesSmallClockSkewOnExpiry() throws Exception {
    long now = System.currentTimeMillis();
    String justExpired =
        TestKeys.sign(
            key, TestKeys.claims("42", "s").expirationTime(new Date(now - 5_000)).build());
    assertThat(verifier.verify(justExpired).userId()).isEqualTo("42");
  }

  @Test
  void refusesATokenIssuedInTheFuture() {
    long now = System.currentTimeMillis();
    String future =
        TestKeys.sign(
            key,
            TestKeys.claims("42", "s")
                .issueTime(new Date(now + 600_000))
                .expirationTime(new Date(now + 1_200_000))
                .build());
    assertThatThrownBy(() -> verifier.verify(future)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void refusesAWrongIssuer() {
    String other = TestKeys.sign(key, TestKeys.claims("42", "s").issuer("someone-else").build());
    assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void refusesMissingOrMalformedClaims() {
    assertThatThrownBy(
            () ->
                verifier.verify(
                    TestKeys.sign(key, TestKeys.claims("42", "s").claim("sid", null).build())))
        .isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(key, "not-a-user-id", "s")))
        .isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    TestKeys.sign(key, TestKeys.claims("42", "s").expirationTime(null).build())))
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void refusesGarbage() {
    assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(() -> verifier.verify("")).isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(() -> verifier.verify("a.b.c")).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void anUnknownKidTriggersARefetchThatFindsARotatedKey() throws Exception {
    verifier.verify(TestKeys.token(key, "42", "s"));
    ECKey rotated = TestKeys.newKey("k2");
    published.set(TestKeys.jwks(key, rotated));
    clock.addAndGet(31_000);

    assertThat(verifier.verify(TestKeys.token(rotated, "7", "s")).userId()).isEqualTo("7");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void unknownKidsRefetchAtMostOncePer30Seconds() throws Exception {
    verifier.verify(TestKeys.token(key, "42", "s"));
    ECKey stranger = TestKeys.newKey("nobody-knows-me");
    clock.addAndGet(31_000);
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(stranger, "42", "s")))
        .isInstanceOf(TokenRejectedException.class);
    assertThat(fetches).hasValue(2);

    clock.addAndGet(10_000);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> verifier.verify(TestKeys.token(stranger, "42", "s")))
          .isInstanceOf(TokenRejectedException.class);
    }
    assertThat(fetches).as("no fetch within 30 s of the last one").hasValue(2);
    assertThat(verifier.verify(TestKeys.token(key, "42", "s")).userId())
        .as("known keys still verify")
        .isEqualTo("42");

    clock.addAndGet(21_000);
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(stranger, "42", "s")))
        .isInstanceOf(TokenRejectedException.class);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void keysAreRefreshedAfterTheirMaximumAge() throws Exception {
    verifier.verify(TestKeys.token(key, "42", "s"));
    clock.addAndGet(Duration.ofMinutes(11).toMillis());
    published.set(TestKeys.jwks(TestKeys.newKey("k9")));
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(key, "42", "s")))
        .as("a retired key stops verifying")
        .isInstanceOf(TokenRejectedException.class);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void unreachableAuthProviderIsUnavailableNotUnauthenticated() {
    JwksCache down =
        new JwksCache(
            () -> {
              fetches.incrementAndGet();
              throw new VentException(
                  ErrorKind.UNAVAILABLE, "DEPENDENCY_UNAVAILABLE", "no provider reachable");
            },
            clock::get,
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            Runnable::run);
    JwtVerifier verifierWithoutKeys = new JwtVerifier(down);
    String token = TestKeys.token(key, "42", "s");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> verifierWithoutKeys.verify(token))
          .isInstanceOfSatisfying(
              VentException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }
    assertThat(fetches).as("retried at most once a second while there are no keys").hasValue(1);
    clock.addAndGet(1_000);
    assertThatThrownBy(() -> verifierWithoutKeys.verify(token)).isInstanceOf(VentException.class);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void anEmptyKeySetIsUnavailable() {
    published.set("{\"keys\":[]}");
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(key, "42", "s")))
        .isInstanceOfSatisfying(
            VentException.class, e -> assertThat(e.reason()).isEqualTo("DEPENDENCY_UNAVAILABLE"));
    clock.addAndGet(1_000);
    published.set(TestKeys.jwks(key));
    assertThat(catchVerify(TestKeys.token(key, "42", "s"))).isEqualTo("42");
  }

  @Test
  void refusesATokenWithoutTheAudienceOrForAnotherOne() {
    String none = TestKeys.sign(key, TestKeys.claims("42", "s").audience((String) null).build());
    assertThatThrownBy(() -> verifier.verify(none)).isInstanceOf(TokenRejectedException.class);
    String other = TestKeys.sign(key, TestKeys.claims("42", "s").audience("vent-admin").build());
    assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(TokenRejectedException.class);
    JwtVerifier admin = new JwtVerifier(cache, "vent-admin", System::currentTimeMillis);
    String both =
        TestKeys.sign(
            key,
            TestKeys.claims("42", "s")
                .audience(java.util.List.of("vent-web", "vent-admin"))
                .build());
    assertThat(catchVerify(admin, other)).isEqualTo("42");
    assertThat(catchVerify(verifier, both)).isEqualTo("42");
  }

  /** Whole seconds, as JWT times are. */
  private static final long T = 1_900_000_000_000L;

  private static final long SKEW_MS = JwtVerifier.MAX_CLOCK_SKEW_SECONDS * 1000L;

  private String tokenAt(long iatMs, long expMs, Long nbfMs) {
    var claims =
        TestKeys.claims("42", "s").issueTime(new Date(iatMs)).expirationTime(new Date(expMs));
    if (nbfMs != null) {
      claims.notBeforeTime(new Date(nbfMs));
    }
    return TestKeys.sign(key, claims.build());
  }

  @Test
  void expiryToleratesExactlyTheClockSkew() {
    AtomicLong now = new AtomicLong();
    JwtVerifier atNow = new JwtVerifier(cache, JwtVerifier.DEFAULT_AUDIENCE, now::get);
    String token = tokenAt(T - 900_000, T, null);

    now.set(T + SKEW_MS);
    assertThat(catchVerify(atNow, token)).as("exp + 30 s").isEqualTo("42");
    now.set(T + SKEW_MS + 1000);
    assertThatThrownBy(() -> atNow.verify(token))
        .as("exp + 31 s")
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void aRememberedTokenIsAcceptedAgainUntilItExpires() {
    AtomicLong now = new AtomicLong(T);
    JwtVerifier atNow = new JwtVerifier(cache, JwtVerifier.DEFAULT_AUDIENCE, now::get);
    String token = tokenAt(T - 1000, T + 900_000, null);
    assertThat(catchVerify(atNow, token)).isEqualTo("42");
    assertThat(atNow.rememberedTokens()).isEqualTo(1);

    now.set(T + 900_000 + SKEW_MS);
    assertThat(catchVerify(atNow, token)).as("remembered, exp + 30 s").isEqualTo("42");
    assertThat(atNow.rememberedTokens()).as("the same token, remembered once").isEqualTo(1);
    now.set(T + 900_000 + SKEW_MS + 1000);
    assertThatThrownBy(() -> atNow.verify(token))
        .as("remembered, exp + 31 s")
        .isInstanceOf(TokenRejectedException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"k9", "k1"})
  void aRememberedTokenStopsVerifyingOnceTheKeySetNoLongerHasItsKey(String newKid)
      throws Exception {
    String token = TestKeys.token(key, "42", "s");
    assertThat(verifier.verify(token).userId()).isEqualTo("42");
    clock.addAndGet(Duration.ofMinutes(11).toMillis());
    // k9: the key retired for another; k1: its kid given to another key.
    published.set(TestKeys.jwks(TestKeys.newKey(newKid)));
    assertThatThrownBy(() -> verifier.verify(token))
        .as("the same token, after the key set changed")
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void onlyTokensThatPassEveryCheckAreRemembered() {
    String other = TestKeys.sign(key, TestKeys.claims("42", "s").issuer("someone-else").build());
    assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(TokenRejectedException.class);
    assertThatThrownBy(() -> verifier.verify(TestKeys.token(TestKeys.newKey("k1"), "42", "s")))
        .isInstanceOf(TokenRejectedException.class);
    assertThat(verifier.rememberedTokens()).isZero();
  }

  @Test
  void issueTimeAndNotBeforeTolerateExactlyTheClockSkew() {
    AtomicLong now = new AtomicLong(T);
    JwtVerifier atNow = new JwtVerifier(cache, JwtVerifier.DEFAULT_AUDIENCE, now::get);

    assertThat(catchVerify(atNow, tokenAt(T + SKEW_MS, T + 900_000, null)))
        .as("iat 30 s ahead")
        .isEqualTo("42");
    String iatTooEarly = tokenAt(T + SKEW_MS + 1000, T + 900_000, null);
    assertThatThrownBy(() -> atNow.verify(iatTooEarly))
        .as("iat 31 s ahead")
        .isInstanceOf(TokenRejectedException.class);

    assertThat(catchVerify(atNow, tokenAt(T, T + 900_000, T + SKEW_MS)))
        .as("nbf 30 s ahead")
        .isEqualTo("42");
    String nbfTooEarly = tokenAt(T, T + 900_000, T + SKEW_MS + 1000);
    assertThatThrownBy(() -> atNow.verify(nbfTooEarly))
        .as("nbf 31 s ahead")
        .isInstanceOf(TokenRejectedException.class);
  }

  private static String catchVerify(JwtVerifier v, String token) {
    try {
      return v.verify(token).userId();
    } catch (TokenRejectedException e) {
      throw new AssertionError(e);
    }
  }

  private String catchVerify(String token) {
    try {
      return verifier.verify(token).userId();
    } catch (TokenRejectedException e) {
      throw new AssertionError(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
