package vent.provider.auth.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.provider.auth.domain.SigningKeyStore;

/**
 * Signing keys in Redis: hash {@code vent:auth:jwks} kid -> private JWK JSON and string
 * {@code vent:auth:jwk-current} -> kid, no TTL. Anyone who can read these keys can forge
 * access tokens: protect Redis with a password or ACL.
 */
public final class RedisSigningKeyStore implements SigningKeyStore {

  // KEYS: jwks, jwk-current. ARGV: kid, private JWK JSON. Set-if-absent of the current key.
  private static final String CREATE_IF_ABSENT = """
      local current = redis.call('GET', KEYS[2])
      if current then return current end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('SET', KEYS[2], ARGV[1])
      return ARGV[1]
      """;

  private final RedissonClient redis;

  public RedisSigningKeyStore(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public Optional<String> currentKid() {
    return Optional.ofNullable(redis.<String>getBucket(AuthKeys.JWK_CURRENT, StringCodec.INSTANCE).get());
  }

  @Override
  public String createIfAbsent(String kid, String privateJwkJson) {
    return redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, CREATE_IF_ABSENT,
        RScript.ReturnType.VALUE, List.<Object>of(AuthKeys.JWKS, AuthKeys.JWK_CURRENT), kid, privateJwkJson);
  }

  @Override
  public Map<String, String> all() {
    return redis.<String, String>getMap(AuthKeys.JWKS, StringCodec.INSTANCE).readAllMap();
  }
}
