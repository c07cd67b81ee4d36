package vent.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import vent.common.config.RedisSettings;
import vent.common.testing.RedisServer;

/**
 * RedissonFactory against a real redis-server whose only user is an ACL user with the rule set
 * docs/SECURITY.md recommends ({@link #VENT_ACL_RULES}) and the default user off: the right user
 * and password read and write (the kinds of command Vent's stores use), a wrong password or none
 * fails at once with Redis's reason.
 */
class RedisAclIT {

  /**
   * The Redis ACL rules docs/SECURITY.md gives for Vent's user (and ./vent writes): every Vent key
   * starts with {@code vent:}, no pub/sub, every command but the dangerous ones.
   */
  static final String VENT_ACL_RULES = "~vent:* resetchannels +@all -@dangerous";

  private static final String USER = "vent";
  private static final String PASSWORD = UUID.randomUUID().toString();
  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.withAclUser(USER, PASSWORD, VENT_ACL_RULES);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void rightUserAndPasswordReadAndWrite() {
    RedissonClient redis = RedissonFactory.create(settings(USER, PASSWORD));
    try {
      redis.getBucket("vent:acl-it:bucket").set("v", Duration.ofMinutes(1));
      assertThat(redis.<String>getBucket("vent:acl-it:bucket").get()).isEqualTo("v");
      redis.<String, String>getMap("vent:acl-it:hash").put("f", "1");
      assertThat(redis.<String, String>getMap("vent:acl-it:hash").get("f")).isEqualTo("1");
      // Vent's stores run Lua scripts (EVAL/EVALSHA) and batches.
      Long n =
          redis
              .getScript(StringCodec.INSTANCE)
              .eval(
                  RScript.Mode.READ_WRITE,
                  LuaScripts.load("testing/incr.lua"),
                  RScript.ReturnType.LONG,
                  List.of("vent:acl-it:counter"));
      assertThat(n).isEqualTo(1L);
      var batch = redis.createBatch();
      batch.getScoredSortedSet("vent:acl-it:zset").addAsync(1.0, "a");
      batch.getScoredSortedSet("vent:acl-it:zset").addAsync(2.0, "b");
      batch.execute();
      assertThat(redis.getScoredSortedSet("vent:acl-it:zset").size()).isEqualTo(2);
      // vent-web's health check.
      assertThat(redis.getRedisNodes(RedisNodes.SINGLE).pingAll(2, TimeUnit.SECONDS)).isTrue();
      // The rules do restrict: a key outside vent:, and a dangerous command.
      assertThatThrownBy(() -> redis.getBucket("other:key").set("x"))
          .isInstanceOf(RedisException.class)
          .hasMessageContaining("NOPERM");
      assertThatThrownBy(() -> redis.getKeys().flushdb())
          .isInstanceOf(RedisException.class)
          .hasMessageContaining("NOPERM");
    } finally {
      redis.shutdown();
    }
  }

  @Test
  void wrongPasswordFailsFastWithRedisReason() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(
                    () -> RedissonFactory.create(settings(USER, "not-" + PASSWORD)).shutdown())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(server.address())
                .hasMessageContaining("user vent")
                .hasMessageContaining("WRONGPASS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD)));
  }

  @Test
  void noCredentialsFailFastWithRedisReason() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> RedissonFactory.create(settings("", "")).shutdown())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the default user")
                .hasMessageContaining("NOAUTH"));
  }

  private static RedisSettings settings(String username, String password) {
    RedisSettings settings = RedisSettings.single(server.address());
    settings.username = username;
    settings.password = password;
    settings.connectionPoolSize = 2;
    return settings;
  }
}
