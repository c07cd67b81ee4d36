package vent.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.vent.api.rules.UserIds;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Verifies Vent access tokens locally (no RPC per request), as {@code vent/auth/v1/auth.proto}
 * describes them: compact JWS signed with ES256 only (the algorithm is pinned: {@code none}, HS*
 * and any other algorithm are refused), header {@code kid} naming a key of the auth provider's JWK
 * Set, claims {@code iss = "vent-auth"}, {@code aud} containing this service's audience (default
 * {@value #DEFAULT_AUDIENCE}), {@code sub} (user id), {@code sid} (session id), {@code iat} and
 * {@code exp} (seconds).
 *
 * <p>Clock skew: {@value #MAX_CLOCK_SKEW_SECONDS} s either way, boundaries included. A token is
 * accepted up to and including {@code exp + 30 s}, and refused when {@code iat} or {@code nbf} lies
 * more than 30 s in the future.
 *
 * <p>A token that passed every check is remembered (at most {@value #VERIFIED_TOKENS_MAX} tokens,
 * each until its {@code exp + 30 s}), so that a client's next requests with it skip the ES256
 * signature check, which costs about a millisecond of CPU. A remembered token is accepted again
 * only while it has not expired and the keys its header selects from the current key set are the
 * ones that verified it: a key the auth provider retires (see {@link JwksCache}) stops its tokens
 * here as it does for tokens not seen before.
 */
public final class JwtVerifier {

  /** The issuer every access token carries. */
  public static final String ISSUER = "vent-auth";

  /** The audience vent-web accepts unless configured otherwise ({@code auth.audience}). */
  public static final String DEFAULT_AUDIENCE = "vent-web";

  /** Tolerated difference between the auth provider's clock and ours, seconds. */
  public static final int MAX_CLOCK_SKEW_SECONDS = 30;

  private static final long SKEW_MS = MAX_CLOCK_SKEW_SECONDS * 1000L;

  /** Longer strings are not tokens this system issues; refused before parsing. */
  private static final int MAX_TOKEN_CHARS = 4096;

  /** Most verified tokens remembered; each takes about 1 KB (the token and its principal). */
  public static final int VERIFIED_TOKENS_MAX = 4096;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final JWKSource<SecurityContext> keys;
  private final LongSupplier clockMs;
  private final Cache<String, Verified> verified;

  /**
   * A token that passed every check.
   *
   * @param expiresAtMs its {@code exp}, milliseconds since the epoch
   * @param keySelector selects, from a key set, the keys its header allows
   * @param keys the keys that selector found when the token was verified
   */
  private record Verified(
      VentPrincipal principal, long expiresAtMs, JWKSelector keySelector, List<JWK> keys) {}

  /** Audience {@value #DEFAULT_AUDIENCE}, system clock. */
  public JwtVerifier(JWKSource<SecurityContext> keys) {
    this(keys, DEFAULT_AUDIENCE, System::currentTimeMillis);
  }

  /**
   * @param keys the auth provider's public keys, normally a {@link JwksCache}
   * @param audience the value {@code aud} must contain; not blank
   * @param clockMs current time, milliseconds since the epoch
   */
  public JwtVerifier(JWKSource<SecurityContext> keys, String audience, LongSupplier clockMs) {
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("audience must not be blank");
    }
    this.keys = keys;
    this.clockMs = clockMs;
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(VERIFIED_TOKENS_MAX)
            .expireAfter(
                Expiry.<String, Verified>creating(
                    (token, v) ->
                        Duration.ofMillis(
                            Math.max(0, v.expiresAtMs() + SKEW_MS - clockMs.getAsLong()))))
            .build();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("aud", "sub", "sid", "iat", "exp")) {
          @Override
          protected Date currentTime() {
            // No time of its own: verify() checks the times with this class's clock and bounds.
            return null;
          }
        };
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * @param token the compact JWS from {@code Authorization: Bearer <token>}
   * @return who the token speaks for
   * @throws TokenRejectedException malformed, not ES256, unknown key, bad signature, wrong issuer,
   *     audience missing or another one, expired, issued (or valid from) in the future, or claims
   *     missing / malformed
   * @throws vent.common.error.VentException UNAVAILABLE when the auth provider's keys cannot be
   *     fetched
   */
  public VentPrincipal verify(String token) throws TokenRejectedException {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejectedException("empty or oversized token");
    }
    String compact = token.strip();
    Verified known = verified.getIfPresent(compact);
    if (known != null) {
      if (known.expiresAtMs() + SKEW_MS < clockMs.getAsLong()) {
        verified.invalidate(compact);
        throw new TokenRejectedException("expired");
      }
      if (known.keys().equals(currentKeys(known.keySelector()))) {
        return known.principal();
      }
      // The key set changed since: verified in full again below.
      verified.invalidate(compact);
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(compact);
    } catch (ParseException e) {
      throw new TokenRejectedException("not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      throw new TokenRejectedException("algorithm " + header.getAlgorithm() + " refused");
    }
    if (header.getKeyID() == null || header.getKeyID().isBlank()) {
      throw new TokenRejectedException("no kid");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (BadJOSEException | JOSEException e) {
      throw new TokenRejectedException(e.getMessage());
    }
    checkTimes(claims);
    String userId = claims.getSubject();
    Object sessionId = claims.getClaim("sid");
    if (!UserIds.isWellFormed(userId) || !(sessionId instanceof String sid) || sid.isBlank()) {
      throw new TokenRejectedException("malformed sub or sid");
    }
    VentPrincipal principal = new VentPrincipal(userId, sid);
    remember(compact, principal, claims, header);
    return principal;
  }

  /** How many verified tokens are remembered now (for tests). */
  long rememberedTokens() {
    verified.cleanUp();
    return verified.estimatedSize();
  }

  private void remember(
      String compact, VentPrincipal principal, JWTClaimsSet claims, JWSHeader header) {
    JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
    List<JWK> signing = currentKeys(selector);
    if (!signing.isEmpty()) {
      verified.put(
          compact,
          new Verified(principal, claims.getExpirationTime().getTime(), selector, signing));
    }
  }

  /** The keys {@code selector} finds in the current key set; none when it cannot be read. */
  private List<JWK> currentKeys(JWKSelector selector) {
    try {
      return keys.get(selector, null);
    } catch (KeySourceException e) {
      return List.of();
    }
  }

  private void checkTimes(JWTClaimsSet claims) throws TokenRejectedException {
    long now = clockMs.getAsLong();
    if (claims.getExpirationTime().getTime() + SKEW_MS < now) {
      throw new TokenRejectedException("expired");
    }
    if (claims.getIssueTime().getTime() - SKEW_MS > now) {
      throw new TokenRejectedException("issued in the future");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && notBefore.getTime() - SKEW_MS > now) {
      throw new TokenRejectedException("not valid yet");
    }
  }
}
