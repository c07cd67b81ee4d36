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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.provider.auth.domain.AccessToken;
import vent.provider.auth.domain.SigningKeyStore;
import vent.provider.auth.domain.TokenIssuer;

/**
 * Access tokens as JWTs (RFC 7519) signed with ES256 (RFC 7518 section 3.4: ECDSA on P-256 with
 * SHA-256) in compact JWS form (RFC 7515). Header {@code {"alg":"ES256","kid":...,"typ":"JWT"}};
 * claims {@code iss}, {@code sub} (user id), {@code sid} (session id), {@code iat},
 * {@code exp} (seconds since the epoch) and {@code jti} (random UUID).
 *
 * <p>The signing key comes from the shared {@link SigningKeyStore}: the first instance to start
 * generates it (key id = its RFC 7638 thumbprint) and every other instance, now or after a
 * restart, loads the same one.
 */
public final class JwtTokenIssuer implements TokenIssuer {

  private static final Logger LOG = LoggerFactory.getLogger(JwtTokenIssuer.class);

  private final SigningKeyStore store;
  private final ECKey key;
  private final ECDSASigner signer;
  private final String issuer;
  private final long ttlSeconds;
  private final Clock clock;

  private JwtTokenIssuer(SigningKeyStore store, ECKey key, String issuer, long ttlSeconds, Clock clock) throws JOSEException {
    this.store = store;
    this.key = key;
    this.signer = new ECDSASigner(key);
    this.issuer = issuer;
    this.ttlSeconds = ttlSeconds;
    this.clock = clock;
  }

  /**
   * Loads the current signing key from {@code store}, creating it first if there is none.
   *
   * @param issuer the {@code iss} claim, e.g. {@code vent-auth}
   * @param ttlSeconds access token lifetime, seconds
   * @throws IllegalStateException if the stored key is missing or unreadable
   */
  public static JwtTokenIssuer start(SigningKeyStore store, String issuer, long ttlSeconds, Clock clock) {
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("access token lifetime must be positive");
    }
    String kid = store.currentKid().orElseGet(() -> createKey(store));
    String json = store.all().get(kid);
    if (json == null) {
      throw new IllegalStateException("signing key " + kid + " is current but missing from the key set");
    }
    try {
      ECKey key = ECKey.parse(json);
      if (!key.isPrivate()) {
        throw new IllegalStateException("stored signing key " + kid + " has no private part");
      }
      LOG.info("event=signing_key_loaded kid={}", kid);
      return new JwtTokenIssuer(store, key, issuer, ttlSeconds, clock);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("stored signing key " + kid + " is unreadable", e);
    }
  }

  private static String createKey(SigningKeyStore store) {
    try {
      ECKey fresh = new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .keyIDFromThumbprint(true)
          .generate();
      String winner = store.createIfAbsent(fresh.getKeyID(), fresh.toJSONString());
      LOG.info("event={} kid={}", winner.equals(fresh.getKeyID()) ? "signing_key_created" : "signing_key_race_lost", winner);
      return winner;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  @Override
  public AccessToken issue(String userId, String sessionId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(userId)
        .claim("sid", sessionId)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new AccessToken(jwt.serialize(), ttlSeconds);
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

  /** @return the id of the key this instance signs with */
  public String keyId() {
    return key.getKeyID();
  }
}
