package vent.provider.auth.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.provider.auth.domain.AccessToken;
import vent.provider.auth.domain.SigningKeyStore;
import vent.provider.auth.domain.TokenIssuer;

/**
 * Access tokens as JWTs (RFC 7519) signed with ES256 (RFC 7518 section 3.4: ECDSA on P-256 with
 * SHA-256) in compact JWS form (RFC 7515). Header {@code {"alg":"ES256","kid":...,"typ":"JWT"}};
 * claims {@code iss}, {@code aud} (the one service meant to accept the token, by default {@value
 * #DEFAULT_AUDIENCE}), {@code sub} (user id), {@code sid} (session id), {@code iat}, {@code exp}
 * (seconds since the epoch) and {@code jti} (random UUID).
 *
 * <p>The signing key comes from the shared {@link SigningKeyStore}: the first instance to start
 * generates it (key id = its RFC 7638 thumbprint, JWK {@code iat} = its creation time) and every
 * other instance, now or after a restart, loads the same one.
 *
 * <p>Rotation: {@link #refresh()} (run every minute or so by each instance) loads the key another
 * instance made current, and replaces a key older than the rotation period by a new one. The
 * replaced key stays in the published key set for the access token lifetime plus {@value
 * #RETIRED_KEY_MARGIN_SECONDS} s, so tokens signed before the rotation verify until they expire;
 * then it is deleted.
 */
public final class JwtTokenIssuer implements TokenIssuer {

  private static final Logger LOG = LoggerFactory.getLogger(JwtTokenIssuer.class);

  /** Beyond the token lifetime, for clock skew between instances and vent-web. */
  static final long RETIRED_KEY_MARGIN_SECONDS = 300;

  /**
   * The {@code aud} claim unless configured otherwise: the REST front is the tokens' only reader.
   */
  public static final String DEFAULT_AUDIENCE = "vent-web";

  private final SigningKeyStore store;
  private final String issuer;
  private final String audience;

  /** Access token lifetime, seconds, read for each token (global configuration, live). */
  private final LongSupplier ttlSeconds;

  private final Duration rotationPeriod;
  private final Clock clock;
  private volatile Signing signing;

  /** The key this instance signs with, and its signer. */
  private record Signing(ECKey key, ECDSASigner signer) {
    String kid() {
      return key.getKeyID();
    }
  }

  private JwtTokenIssuer(
      SigningKeyStore store,
      String issuer,
      String audience,
      LongSupplier ttlSeconds,
      Duration rotationPeriod,
      Clock clock) {
    this.store = store;
    this.issuer = issuer;
    this.audience = audience;
    this.ttlSeconds = ttlSeconds;
    this.rotationPeriod = rotationPeriod;
    this.clock = clock;
  }

  /**
   * Loads the current signing key from {@code store}, creating it first if there is none.
   *
   * @param issuer the {@code iss} claim, e.g. {@code vent-auth}
   * @param ttlSeconds access token lifetime, seconds
   * @param rotationPeriod how long one key signs before {@link #refresh()} replaces it
   * @throws IllegalStateException if the stored key is missing or unreadable
   */
  public static JwtTokenIssuer start(
      SigningKeyStore store, String issuer, long ttlSeconds, Duration rotationPeriod, Clock clock) {
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("access token lifetime must be positive");
    }
    return start(store, issuer, DEFAULT_AUDIENCE, () -> ttlSeconds, rotationPeriod, clock);
  }

  /**
   * As {@link #start(SigningKeyStore, String, long, Duration, Clock)}, with a lifetime read for
   * each token (and each rotation), so a change applies to the next token without a restart.
   *
   * @param audience the {@code aud} claim, e.g. {@value #DEFAULT_AUDIENCE}; not blank
   * @param ttlSeconds access token lifetime, seconds; must always supply a positive value
   */
  public static JwtTokenIssuer start(
      SigningKeyStore store,
      String issuer,
      String audience,
      LongSupplier ttlSeconds,
      Duration rotationPeriod,
      Clock clock) {
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("audience must not be blank");
    }
    if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException(
          "access token lifetime and key rotation period must be positive");
    }
    JwtTokenIssuer tokens =
        new JwtTokenIssuer(store, issuer, audience, ttlSeconds, rotationPeriod, clock);
    tokens.signing = tokens.load(store.currentKid().orElseGet(tokens::createFirstKey));
    return tokens;
  }

  /**
   * Follows the store: signs with the key that is current there (another instance may have rotated
   * it) and rotates it when it is older than the rotation period (a key without {@code iat}, made
   * before rotation existed, counts as due). Races between instances end with one new key
   * (compare-and-set).
   *
   * @throws IllegalStateException or a Redis exception when the store cannot be read; the instance
   *     keeps signing with the key it has
   */
  public void refresh() {
    String kid = store.currentKid().orElseGet(this::createFirstKey);
    if (!kid.equals(signing.kid())) {
      signing = load(kid);
    }
    Date created = signing.key().getIssueTime();
    if (created == null || !created.toInstant().plus(rotationPeriod).isAfter(clock.instant())) {
      rotate();
    }
  }

  /**
   * Replaces the current key by a new one now, whatever its age.
   *
   * @return the id of the key this instance signs with afterwards
   */
  public String rotate() {
    String old = signing.kid();
    ECKey fresh = generate();
    // The lifetime in force now: tokens signed earlier under a longer lifetime may fail to verify
    // after the retired key goes (docs/CONFIG.md).
    long retainMs = (ttlSeconds.getAsLong() + RETIRED_KEY_MARGIN_SECONDS) * 1000;
    String winner =
        store.rotate(old, fresh.getKeyID(), fresh.toJSONString(), clock.millis(), retainMs);
    if (winner == null) {
      winner = createFirstKey();
    }
    LOG.info(
        "event={} kid={} retiredKid={}",
        winner.equals(fresh.getKeyID()) ? "signing_key_rotated" : "signing_key_rotation_lost",
        winner,
        old);
    signing = load(winner);
    return winner;
  }

  private Signing load(String kid) {
    String json = store.all().get(kid);
    if (json == null) {
      throw new IllegalStateException(
          "signing key " + kid + " is current but missing from the key set");
    }
    try {
      ECKey key = ECKey.parse(json);
      if (!key.isPrivate()) {
        throw new IllegalStateException("stored signing key " + kid + " has no private part");
      }
      LOG.info("event=signing_key_loaded kid={}", kid);
      return new Signing(key, new ECDSASigner(key));
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("stored signing key " + kid + " is unreadable", e);
    }
  }

  private String createFirstKey() {
    ECKey fresh = generate();
    String winner = store.createIfAbsent(fresh.getKeyID(), fresh.toJSONString());
    LOG.info(
        "event={} kid={}",
        winner.equals(fresh.getKeyID()) ? "signing_key_created" : "signing_key_race_lost",
        winner);
    return winner;
  }

  private ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .issueTime(Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  @Override
  public AccessToken issue(String userId, String sessionId) {
    Signing current = signing;
    long lifetime = ttlSeconds.getAsLong();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(userId)
            .claim("sid", sessionId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(current.kid())
            .type(JOSEObjectType.JWT)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(current.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new AccessToken(jwt.serialize(), lifetime);
  }

  /** Reads the key set each time, so keys added by another instance show up without a restart. */
  @Override
  public String publicJwksJson() {
    Map<String, String> all = store.all();
    List<JWK> keys = new ArrayList<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      try {
        keys.add(JWK.parse(e.getValue()).toPublicJWK());
      } catch (ParseException ex) {
        LOG.warn("event=signing_key_unreadable kid={}", e.getKey());
      }
    }
    return new JWKSet(keys).toString(true);
  }

  /**
   * @return the id of the key this instance signs with
   */
  public String keyId() {
    return signing.kid();
  }
}
