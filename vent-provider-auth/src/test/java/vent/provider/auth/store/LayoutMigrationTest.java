package vent.provider.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.testing.RedisExtension;
import vent.provider.auth.domain.Credential;
import vent.provider.auth.domain.NewSession;

/** An auth data set written in the single-node layout after the migration. */
class LayoutMigrationTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  @Test
  void movesCredentialsAndSigningKeysDropsSessionsAndIsIdempotent() {
    RedissonClient redis = REDIS.client();
    for (int id = 1; id <= 1100; id++) {
      oldCredential(Integer.toString(id), "u" + id, "3");
    }
    oldSession("7", "s1", "h1");
    redis.<String, String>getMap("vent:auth:jwks", StringCodec.INSTANCE).put("k1", "{jwk1}");
    redis.<String, String>getMap("vent:auth:jwks", StringCodec.INSTANCE).put("k2", "{jwk2}");
    redis.<String>getBucket("vent:auth:jwk-current", StringCodec.INSTANCE).set("k2");
    redis.<String, String>getMap("vent:auth:jwk-retired", StringCodec.INSTANCE).put("k1", "5");

    assertThat(new LayoutMigration(redis).run()).isEqualTo(1100);
    assertThat(new LayoutMigration(redis).run()).as("second run").isZero();

    RedisCredentialRepository credentials = new RedisCredentialRepository(redis);
    assertThat(credentials.findByUsername("u7"))
        .contains(new Credential("7", "u7", "hash-u7", 9L, 3));
    assertThat(credentials.findByUserId("1100")).isPresent();
    RedisSigningKeyStore keys = new RedisSigningKeyStore(redis);
    assertThat(keys.currentKid()).contains("k2");
    assertThat(keys.all()).containsOnlyKeys("k1", "k2");
    assertThat(
            redis.<String, String>getMap(AuthKeys.JWK_RETIRED, StringCodec.INSTANCE).readAllMap())
        .containsEntry("k1", "5");
    RedisSessionRepository sessions = new RedisSessionRepository(redis);
    assertThat(sessions.open(new NewSession("s2", "7", "h2", 1L, 60_000L, 3))).isTrue();
    assertThat(redis.getKeys().getKeysStreamByPattern("vent:auth:*").toList())
        .as("nothing of the old layout")
        .allMatch(k -> k.startsWith("vent:auth:{") || k.startsWith("vent:auth:name:{"));
  }

  @Test
  void resumesAHalfMigratedCredential() {
    RedissonClient redis = REDIS.client();
    oldCredential("7", "alice", "1");
    // A run stopped after writing the new keys; the password was not changed in between.
    redis
        .<String, String>getMap(AuthKeys.cred("7"), StringCodec.INSTANCE)
        .putAll(Map.of("userId", "7", "username", "alice", "hash", "hash-alice", "ver", "1"));

    assertThat(new LayoutMigration(redis).run()).isEqualTo(1);

    assertThat(new RedisCredentialRepository(redis).findByUsername("alice"))
        .get()
        .extracting(Credential::userId)
        .isEqualTo("7");
  }

  private static void oldCredential(String id, String name, String ver) {
    REDIS
        .client()
        .<String, String>getMap(LayoutMigration.OLD_CRED + name, StringCodec.INSTANCE)
        .putAll(Map.of("userId", id, "hash", "hash-" + name, "changedAtMs", "9", "ver", ver));
    REDIS
        .client()
        .<String>getBucket(LayoutMigration.OLD_USER_CRED + id, StringCodec.INSTANCE)
        .set(name);
  }

  private static void oldSession(String userId, String sid, String refreshHash) {
    RedissonClient redis = REDIS.client();
    redis
        .<String, String>getMap(LayoutMigration.OLD_SESSION + sid, StringCodec.INSTANCE)
        .putAll(Map.of("userId", userId, "refreshHash", refreshHash));
    redis
        .<String>getBucket(LayoutMigration.OLD_REFRESH + refreshHash, StringCodec.INSTANCE)
        .set(sid);
    redis.<String>getSet(LayoutMigration.OLD_USER_SESSIONS + userId, StringCodec.INSTANCE).add(sid);
  }
}
