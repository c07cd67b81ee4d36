package vent.provider.auth.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.provider.auth.domain.Credential;
import vent.provider.auth.domain.CredentialRepository;

/**
 * Credentials in Redis: hash {@code vent:auth:cred:{lower-username}} {userId, hash, changedAtMs,
 * ver} and string {@code vent:auth:user-cred:{userId}} -> lower-username, both without TTL and
 * always written together by one Lua script. A credential stored without {@code ver} is at
 * {@link Credential#FIRST_VERSION}; {@link RedisSessionRepository} reads the same fields.
 */
public final class RedisCredentialRepository implements CredentialRepository {

  // KEYS: cred, user-cred. ARGV: userId, hash, changedAtMs, lower-username, user-cred prefix, version.
  // A credential left by a user that no longer exists loses its reverse lookup too.
  private static final String CREATE = """
      local old = redis.call('HGET', KEYS[1], 'userId')
      if old and old ~= ARGV[1] then
        redis.call('DEL', ARGV[5] .. old)
      end
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'hash', ARGV[2], 'changedAtMs', ARGV[3], 'ver', ARGV[6])
      redis.call('SET', KEYS[2], ARGV[4])
      return 1
      """;

  // KEYS: user-cred. ARGV: userId, expected version, new hash (empty: keep the hash), changedAtMs,
  // cred prefix. Compare-and-set on the version, which every write raises by one.
  private static final String REPLACE_HASH = """
      local name = redis.call('GET', KEYS[1])
      if not name then return 0 end
      local cred = ARGV[5] .. name
      if redis.call('HGET', cred, 'userId') ~= ARGV[1] then return 0 end
      local ver = redis.call('HGET', cred, 'ver') or '%d'
      if ver ~= ARGV[2] then return 0 end
      redis.call('HSET', cred, 'ver', tostring(tonumber(ver) + 1))
      if ARGV[3] ~= '' then
        redis.call('HSET', cred, 'hash', ARGV[3], 'changedAtMs', ARGV[4])
      end
      return 1
      """.formatted(Credential.FIRST_VERSION);

  // KEYS: user-cred. ARGV: userId, cred prefix. Leaves a credential that another user owns.
  private static final String DELETE = """
      local name = redis.call('GET', KEYS[1])
      if not name then return 0 end
      local cred = ARGV[2] .. name
      if redis.call('HGET', cred, 'userId') == ARGV[1] then
        redis.call('DEL', cred)
      end
      redis.call('DEL', KEYS[1])
      return 1
      """;

  private final RedissonClient redis;

  public RedisCredentialRepository(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public void create(Credential c) {
    String name = c.username().toLowerCase(Locale.ROOT);
    script().eval(RScript.Mode.READ_WRITE, CREATE, RScript.ReturnType.LONG,
        keys(AuthKeys.cred(name), AuthKeys.userCred(c.userId())),
        c.userId(), c.passwordHash(), String.valueOf(c.changedAtMs()), name, AuthKeys.USER_CRED,
        String.valueOf(c.version()));
  }

  @Override
  public Optional<Credential> findByUsername(String username) {
    String name = username.toLowerCase(Locale.ROOT);
    Map<String, String> fields = redis.<String, String>getMap(AuthKeys.cred(name), StringCodec.INSTANCE).readAllMap();
    return toCredential(name, fields);
  }

  @Override
  public Optional<Credential> findByUserId(String userId) {
    String name = redis.<String>getBucket(AuthKeys.userCred(userId), StringCodec.INSTANCE).get();
    if (name == null) {
      return Optional.empty();
    }
    return findByUsername(name).filter(c -> c.userId().equals(userId));
  }

  @Override
  public boolean replaceHash(String userId, long expectedVersion, String newHash, long changedAtMs) {
    if (newHash == null || newHash.isEmpty()) {
      throw new IllegalArgumentException("newHash must not be empty");
    }
    return compareAndSet(userId, expectedVersion, newHash, changedAtMs);
  }

  @Override
  public boolean retire(String userId, long expectedVersion) {
    return compareAndSet(userId, expectedVersion, "", 0L);
  }

  private boolean compareAndSet(String userId, long expectedVersion, String newHash, long changedAtMs) {
    Long done = script().eval(RScript.Mode.READ_WRITE, REPLACE_HASH, RScript.ReturnType.LONG,
        keys(AuthKeys.userCred(userId)), userId, String.valueOf(expectedVersion), newHash, String.valueOf(changedAtMs),
        AuthKeys.CRED);
    return done != null && done == 1L;
  }

  @Override
  public void delete(String userId) {
    script().eval(RScript.Mode.READ_WRITE, DELETE, RScript.ReturnType.LONG,
        keys(AuthKeys.userCred(userId)), userId, AuthKeys.CRED);
  }

  private static List<Object> keys(String... names) {
    return List.of((Object[]) names);
  }

  private RScript script() {
    return redis.getScript(StringCodec.INSTANCE);
  }

  private static Optional<Credential> toCredential(String name, Map<String, String> f) {
    if (f == null || f.get("userId") == null || f.get("hash") == null) {
      return Optional.empty();
    }
    long changedAt = f.get("changedAtMs") == null ? 0L : Long.parseLong(f.get("changedAtMs"));
    long version = f.get("ver") == null ? Credential.FIRST_VERSION : Long.parseLong(f.get("ver"));
    return Optional.of(new Credential(f.get("userId"), name, f.get("hash"), changedAt, version));
  }
}
