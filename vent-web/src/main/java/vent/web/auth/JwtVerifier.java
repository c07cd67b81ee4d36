package vent.web.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
import java.util.Date;
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

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final LongSupplier clockMs;

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
    this.clockMs = clockMs;
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
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.strip());
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
    return new VentPrincipal(userId, sid);
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
