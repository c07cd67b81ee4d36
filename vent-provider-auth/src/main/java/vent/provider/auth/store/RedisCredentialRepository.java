package vent.provider.auth.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.provider.auth.domain.Credential;
import vent.provider.auth.domain.CredentialRepository;

/**
 * Credentials in Redis: hash {@code vent:auth:{<userId>}:cred} {userId, username, hash,
 * changedAtMs, ver} on the user's slot (with the sessions, so a session open checks it in the same
 * script), and the login lookup {@code vent:auth:name:{<lower-username>}} -> userId on the name's
 * slot, both without TTL. A credential stored without {@code ver} is at {@link
 * Credential#FIRST_VERSION}; {@link RedisSessionRepository} reads the same fields.
 *
 * <p>The two keys live on two slots, so they are written one after the other: the pointer first
 * (the credential a gone user left for the name is then deleted), then the credential; on delete
 * the credential first, then the pointer if it still names the user. A crash in between leaves a
 * pointer to a user without a credential (or whose credential is for another name), which reads as
 * no credential and is overwritten by the next credential for that name: a lookup only believes a
 * pointer whose credential names the same username.
 */
public final class RedisCredentialRepository implements CredentialRepository {

  // KEYS: cred. ARGV: userId, lower-username, hash, changedAtMs, version.
  private static final String CREATE = LuaScripts.load("auth/credential_create.lua");

  // KEYS: cred. ARGV: userId, expected version, new hash (empty: keep the hash), changedAtMs.
  private static final String REPLACE_HASH =
      LuaScripts.load("auth/credential_replace_hash.lua").formatted(Credential.FIRST_VERSION);

  // KEYS: cred. ARGV (optional): the username it must be for. Returns the username it had, or nil.
  private static final String DELETE = LuaScripts.load("auth/credential_delete.lua");

  // KEYS: username pointer. ARGV: userId. Deletes it while it names that user.
  private static final String RELEASE_NAME = LuaScripts.load("auth/name_release.lua");

  private final RedissonClient redis;

  public RedisCredentialRepository(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public void create(Credential c) {
    String name = c.username().toLowerCase(Locale.ROOT);
    String previous =
        redis.<String>getBucket(AuthKeys.name(name), StringCodec.INSTANCE).getAndSet(c.userId());
    if (previous != null && !previous.equals(c.userId())) {
      // A user that no longer exists (the user service vouched the name is free) loses its
      // credential for the name, so its id cannot be used to change a password again.
      script()
          .eval(
              RScript.Mode.READ_WRITE,
              DELETE,
              RScript.ReturnType.VALUE,
              List.of(AuthKeys.cred(previous)),
              name);
    }
    script()
        .eval(
            RScript.Mode.READ_WRITE,
            CREATE,
            RScript.ReturnType.LONG,
            List.of(AuthKeys.cred(c.userId())),
            c.userId(),
            name,
            c.passwordHash(),
            String.valueOf(c.changedAtMs()),
            String.valueOf(c.version()));
  }

  @Override
  public Optional<Credential> findByUsername(String username) {
    String name = username.toLowerCase(Locale.ROOT);
    String userId = redis.<String>getBucket(AuthKeys.name(name), StringCodec.INSTANCE).get();
    if (userId == null) {
      return Optional.empty();
    }
    return findByUserId(userId).filter(c -> c.username().equals(name));
  }

  @Override
  public Optional<Credential> findByUserId(String userId) {
    Map<String, String> f =
        redis.<String, String>getMap(AuthKeys.cred(userId), StringCodec.INSTANCE).readAllMap();
    if (f == null
        || !userId.equals(f.get("userId"))
        || f.get("hash") == null
        || f.get("username") == null) {
      return Optional.empty();
    }
    long changedAt = f.get("changedAtMs") == null ? 0L : Long.parseLong(f.get("changedAtMs"));
    long version = f.get("ver") == null ? Credential.FIRST_VERSION : Long.parseLong(f.get("ver"));
    return Optional.of(
        new Credential(userId, f.get("username"), f.get("hash"), changedAt, version));
  }

  @Override
  public boolean replaceHash(
      String userId, long expectedVersion, String newHash, long changedAtMs) {
    if (newHash == null || newHash.isEmpty()) {
      throw new IllegalArgumentException("newHash must not be empty");
    }
    return compareAndSet(userId, expectedVersion, newHash, changedAtMs);
  }

  @Override
  public boolean retire(String userId, long expectedVersion) {
    return compareAndSet(userId, expectedVersion, "", 0L);
  }

  private boolean compareAndSet(
      String userId, long expectedVersion, String newHash, long changedAtMs) {
    Long done =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                REPLACE_HASH,
                RScript.ReturnType.LONG,
                List.of(AuthKeys.cred(userId)),
                userId,
                String.valueOf(expectedVersion),
                newHash,
                String.valueOf(changedAtMs));
    return done != null && done == 1L;
  }

  @Override
  public void delete(String userId) {
    String name =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                DELETE,
                RScript.ReturnType.VALUE,
                List.of(AuthKeys.cred(userId)));
    if (name != null) {
      script()
          .eval(
              RScript.Mode.READ_WRITE,
              RELEASE_NAME,
              RScript.ReturnType.LONG,
              List.of(AuthKeys.name(name)),
              userId);
    }
  }

  private RScript script() {
    return redis.getScript(StringCodec.INSTANCE);
  }
}
