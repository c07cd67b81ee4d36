package vent.provider.auth.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.provider.auth.domain.SigningKeyStore;

/**
 * Signing keys in Redis: hash {@code vent:auth:{jwk}:jwks} kid -> private JWK JSON, string {@code
 * vent:auth:{jwk}:current} -> kid and hash {@code vent:auth:{jwk}:retired} kid -> time it was
 * replaced (ms), no TTL; one hash tag, so the rotation script runs on one slot. Anyone who can read
 * these keys can forge access tokens: protect Redis with a password or ACL.
 */
public final class RedisSigningKeyStore implements SigningKeyStore {

  // KEYS: jwks, jwk-current. ARGV: kid, private JWK JSON. Set-if-absent of the current key.
  private static final String CREATE_IF_ABSENT =
      LuaScripts.load("auth/signing_key_create_if_absent.lua");

  // KEYS: jwks, jwk-current, jwk-retired. ARGV: expected kid, new kid, new JWK JSON, now ms,
  // retain ms. Compare-and-set of the current key, then pruning of long-retired keys.
  private static final String ROTATE = LuaScripts.load("auth/signing_key_rotate.lua");

  private final RedissonClient redis;

  public RedisSigningKeyStore(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public Optional<String> currentKid() {
    return Optional.ofNullable(
        redis.<String>getBucket(AuthKeys.JWK_CURRENT, StringCodec.INSTANCE).get());
  }

  @Override
  public String createIfAbsent(String kid, String privateJwkJson) {
    return redis
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            CREATE_IF_ABSENT,
            RScript.ReturnType.VALUE,
            List.<Object>of(AuthKeys.JWKS, AuthKeys.JWK_CURRENT),
            kid,
            privateJwkJson);
  }

  @Override
  public String rotate(
      String expectedCurrentKid,
      String kid,
      String privateJwkJson,
      long nowMs,
      long retainRetiredMs) {
    return redis
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            ROTATE,
            RScript.ReturnType.VALUE,
            List.<Object>of(AuthKeys.JWKS, AuthKeys.JWK_CURRENT, AuthKeys.JWK_RETIRED),
            expectedCurrentKid,
            kid,
            privateJwkJson,
            Long.toString(nowMs),
            Long.toString(retainRetiredMs));
  }

  @Override
  public Map<String, String> all() {
    return redis.<String, String>getMap(AuthKeys.JWKS, StringCodec.INSTANCE).readAllMap();
  }
}
