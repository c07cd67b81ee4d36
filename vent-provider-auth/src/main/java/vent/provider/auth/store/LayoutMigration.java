package vent.provider.auth.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an auth data set from the single-node layout to the slot-per-user layout of {@link
 * AuthKeys}:
 *
 * <ul>
 *   <li>credentials {@code vent:auth:cred:<name>} {userId, hash, changedAtMs, ver} and {@code
 *       vent:auth:user-cred:<userId>} become {@code vent:auth:{<userId>}:cred} (with the username)
 *       and the pointer {@code vent:auth:name:{<name>}};
 *   <li>the signing keys {@code vent:auth:jwks}, {@code jwk-current}, {@code jwk-retired} move
 *       under {@code vent:auth:{jwk}:}, so access tokens already issued stay valid;
 *   <li>sessions are dropped: the user's session set and the sessions it names are deleted, and
 *       spent refresh-token markers expire on their own. An old refresh token has no user in it, so
 *       it could not be rotated anyway: every user logs in again once their access token expires.
 *   <li>login-failure sets keep their keys.
 * </ul>
 *
 * <p>The old layout has no index of credentials, so this walks them with SCAN ({@code
 * vent:auth:cred:*}, the one keyspace scan of a migration that runs once, as the admin user). Each
 * credential is written where the new key does not exist yet, then its old keys are deleted: a run
 * stopped anywhere is resumed by running it again, and a run over a migrated data set does nothing.
 * Run it while no auth provider runs.
 */
public final class LayoutMigration {

  static final String OLD_CRED = "vent:auth:cred:";
  static final String OLD_USER_CRED = "vent:auth:user-cred:";
  static final String OLD_SESSION = "vent:auth:session:";
  static final String OLD_REFRESH = "vent:auth:refresh:";
  static final String OLD_USER_SESSIONS = "vent:auth:user-sessions:";
  static final String OLD_JWKS = "vent:auth:jwks";
  static final String OLD_JWK_CURRENT = "vent:auth:jwk-current";
  static final String OLD_JWK_RETIRED = "vent:auth:jwk-retired";

  private static final Logger LOG = LoggerFactory.getLogger(LayoutMigration.class);
  private static final int CHUNK = 500;

  private final RedissonClient redis;

  /**
   * @param redis a client allowed SCAN and every {@code vent:auth:*} key (the admin user)
   */
  public LayoutMigration(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * @return how many credentials were moved by this run
   */
  public long run() {
    moveSigningKeys();
    long moved = 0;
    List<String> chunk = new ArrayList<>(CHUNK);
    for (String key : redis.getKeys().getKeysByPattern(OLD_CRED + "*", CHUNK)) {
      chunk.add(key);
      if (chunk.size() == CHUNK) {
        moved += migrate(chunk);
        chunk.clear();
      }
    }
    moved += migrate(chunk);
    LOG.info("event=auth_layout_migrated credentials={}", moved);
    return moved;
  }

  private void moveSigningKeys() {
    RMap<String, String> old = redis.getMap(OLD_JWKS, StringCodec.INSTANCE);
    Map<String, String> jwks = old.readAllMap();
    jwks.forEach(
        (kid, jwk) -> redis.getMap(AuthKeys.JWKS, StringCodec.INSTANCE).fastPutIfAbsent(kid, jwk));
    redis
        .<String, String>getMap(OLD_JWK_RETIRED, StringCodec.INSTANCE)
        .readAllMap()
        .forEach(
            (kid, at) ->
                redis.getMap(AuthKeys.JWK_RETIRED, StringCodec.INSTANCE).fastPutIfAbsent(kid, at));
    String current = redis.<String>getBucket(OLD_JWK_CURRENT, StringCodec.INSTANCE).get();
    if (current != null) {
      redis.<String>getBucket(AuthKeys.JWK_CURRENT, StringCodec.INSTANCE).setIfAbsent(current);
    }
    for (String key : List.of(OLD_JWK_CURRENT, OLD_JWK_RETIRED, OLD_JWKS)) {
      redis.getKeys().delete(key);
    }
  }

  private int migrate(List<String> oldCreds) {
    if (oldCreds.isEmpty()) {
      return 0;
    }
    RBatch reads = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Map<String, String>>> creds = new ArrayList<>(oldCreds.size());
    for (String key : oldCreds) {
      creds.add(reads.<String, String>getMap(key, StringCodec.INSTANCE).readAllMapAsync());
    }
    reads.execute();
    List<String> userIds = new ArrayList<>();
    RBatch writes = redis.createBatch(BatchOptions.defaults());
    for (int i = 0; i < oldCreds.size(); i++) {
      String name = oldCreds.get(i).substring(OLD_CRED.length());
      Map<String, String> cred = creds.get(i).toCompletableFuture().join();
      String userId = cred.get("userId");
      if (userId == null) {
        continue;
      }
      userIds.add(userId);
      var target = writes.<String, String>getMap(AuthKeys.cred(userId), StringCodec.INSTANCE);
      target.fastPutIfAbsentAsync("username", name);
      cred.forEach(target::fastPutIfAbsentAsync);
      writes.<String>getBucket(AuthKeys.name(name), StringCodec.INSTANCE).setIfAbsentAsync(userId);
    }
    writes.execute();
    dropSessions(userIds);
    RBatch deletes = redis.createBatch(BatchOptions.defaults());
    for (String key : oldCreds) {
      deletes.getKeys().deleteAsync(key);
    }
    for (String userId : userIds) {
      deletes.getKeys().deleteAsync(OLD_USER_CRED + userId);
    }
    deletes.execute();
    return userIds.size();
  }

  /** Deletes the old sessions of {@code userIds} and the refresh tokens they hold. */
  private void dropSessions(List<String> userIds) {
    for (String userId : userIds) {
      for (String sid :
          redis.<String>getSet(OLD_USER_SESSIONS + userId, StringCodec.INSTANCE).readAll()) {
        String refresh =
            redis
                .<String, String>getMap(OLD_SESSION + sid, StringCodec.INSTANCE)
                .get("refreshHash");
        if (refresh != null) {
          redis.getKeys().delete(OLD_REFRESH + refresh);
        }
        redis.getKeys().delete(OLD_SESSION + sid);
      }
      redis.getKeys().delete(OLD_USER_SESSIONS + userId);
    }
  }
}
