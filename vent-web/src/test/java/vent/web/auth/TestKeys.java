package vent.web.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;

/** Signs test tokens the way the auth provider does: ES256, kid, iss/aud/sub/sid/iat/exp. */
public final class TestKeys {

  private TestKeys() {}

  public static ECKey newKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK Set JSON of {@code keys}, as GetJwks answers it. */
  public static String jwks(ECKey... keys) {
    return new JWKSet(java.util.List.of(keys)).toPublicJWKSet().toString();
  }

  public static JWTClaimsSet.Builder claims(String userId, String sessionId) {
    long now = System.currentTimeMillis();
    return new JWTClaimsSet.Builder()
        .issuer("vent-auth")
        .audience("vent-web")
        .subject(userId)
        .claim("sid", sessionId)
        .issueTime(new Date(now - 1000))
        .expirationTime(new Date(now + 900_000));
  }

  public static String sign(ECKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid access token of user {@code userId}, session {@code sessionId}. */
  public static String token(ECKey key, String userId, String sessionId) {
    return sign(key, claims(userId, sessionId).build());
  }
}
