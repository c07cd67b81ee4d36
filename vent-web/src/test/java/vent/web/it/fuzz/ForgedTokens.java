package vent.web.it.fuzz;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Access tokens vent-web must refuse with 401, built from a real one: {@code alg: none}, HS256
 * (also keyed with the real key id, the classic key-confusion attack), ES256 and RS256 signed by
 * keys the auth provider never issued, expired and future tokens, spliced and truncated real
 * tokens, and plain garbage. Each comes as a whole {@code Authorization} header value.
 */
public final class ForgedTokens {

  private ForgedTokens() {}

  /**
   * @param real a valid access token of {@code userId}
   * @param userId the user the forgeries claim to be (and sometimes another one)
   * @return Authorization header values, each of which must be refused
   */
  public static List<String> headers(String real, String userId)
      throws JOSEException, java.text.ParseException {
    String[] parts = real.split("\\.");
    String realKid = SignedJWT.parse(real).getHeader().getKeyID();
    long now = System.currentTimeMillis();
    JWTClaimsSet valid = claims(userId, now - 1000, now + 600_000);
    JWTClaimsSet expired = claims(userId, now - 7_200_000, now - 3_600_000);
    JWTClaimsSet future = claims(userId, now + 3_600_000, now + 7_200_000);
    JWTClaimsSet otherUser = claims("1", now - 1000, now + 600_000);
    ECKey wrongEc = new ECKeyGenerator(Curve.P_256).keyID(realKid).generate();
    ECKey unknownEc = new ECKeyGenerator(Curve.P_256).keyID("not-a-vent-key").generate();
    RSAKey rsa = new RSAKeyGenerator(2048).keyID(realKid).generate();

    List<String> tokens = new ArrayList<>();
    String none =
        b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + realKid + "\"}")
            + "."
            + b64(valid.toString());
    tokens.add(none + ".");
    tokens.add(none);
    tokens.add(b64("{\"alg\":\"None\",\"typ\":\"JWT\"}") + "." + b64(valid.toString()) + ".");
    tokens.add(b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    tokens.add(parts[0] + "." + parts[1] + ".");
    tokens.add(hmac(realKid, "secret".repeat(6), valid));
    tokens.add(
        hmac(
            realKid,
            new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).repeat(2),
            valid));
    tokens.add(signed(new ECDSASigner(wrongEc), JWSAlgorithm.ES256, realKid, valid));
    tokens.add(signed(new ECDSASigner(unknownEc), JWSAlgorithm.ES256, "not-a-vent-key", valid));
    tokens.add(signed(new ECDSASigner(wrongEc), JWSAlgorithm.ES256, realKid, expired));
    tokens.add(signed(new ECDSASigner(wrongEc), JWSAlgorithm.ES256, realKid, future));
    tokens.add(
        signed(new ECDSASigner(wrongEc), JWSAlgorithm.ES256, "../../../../etc/passwd", otherUser));
    tokens.add(signed(new ECDSASigner(wrongEc), JWSAlgorithm.ES256, "' OR 1=1 --", otherUser));
    tokens.add(signed(new RSASSASigner(rsa), JWSAlgorithm.RS256, realKid, valid));
    tokens.add(parts[0] + "." + b64(expired.toString()) + "." + parts[2]);
    tokens.add(parts[0] + "." + b64(otherUser.toString()) + "." + parts[2]);
    tokens.add(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() / 2));
    tokens.add(parts[0] + "." + parts[1] + "." + flip(parts[2]));
    tokens.add(parts[0] + "." + parts[1]);
    tokens.add(real + ".");
    tokens.add(real + "." + parts[2]);
    tokens.add(real.substring(0, real.length() - 1));
    tokens.add(real + "A");
    tokens.add("..");
    tokens.add("a.b.c");
    tokens.add("e30.e30.");
    tokens.add(
        b64("{\"alg\":\"ES256\",\"kid\":\"" + realKid + "\"}")
            + "."
            + b64("not json")
            + "."
            + parts[2]);
    tokens.add(b64("[1,2,3]") + "." + parts[1] + "." + parts[2]);
    tokens.add("x".repeat(5000));
    tokens.add(real.repeat(3));

    List<String> headers = new ArrayList<>();
    for (String token : tokens) {
      headers.add("Bearer " + token);
    }
    headers.add("Bearer");
    headers.add("Bearer ");
    headers.add("Bearer  " + real.substring(1));
    headers.add("Basic dXNlcjpwYXNzd29yZA==");
    headers.add("Token " + parts[0] + "." + b64(otherUser.toString()) + "." + parts[2]);
    headers.add("Digest username=\"admin\"");
    headers.add("Bearer null");
    headers.add("Bearer undefined");
    headers.add("Bearer ' OR '1'='1");
    return headers;
  }

  private static JWTClaimsSet claims(String userId, long issuedAtMs, long expiresAtMs) {
    return new JWTClaimsSet.Builder()
        .issuer("vent-auth")
        .subject(userId)
        .claim("sid", "forged-session")
        .issueTime(new Date(issuedAtMs))
        .expirationTime(new Date(expiresAtMs))
        .build();
  }

  private static String hmac(String kid, String secret, JWTClaimsSet claims) throws JOSEException {
    return signed(
        new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, kid, claims);
  }

  private static String signed(
      com.nimbusds.jose.JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims)
      throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String flip(String signature) {
    char first = signature.charAt(0);
    return (first == 'A' ? 'B' : 'A') + signature.substring(1);
  }
}
