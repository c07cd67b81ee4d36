package vent.provider.auth.store;

import java.util.List;
import java.util.UUID;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.provider.auth.domain.LoginFailureLog;

/**
 * Failed logins as one sorted set per subject, {@code vent:auth:login-failures:<subject>}: member =
 * a random id, score = the failure's time in ms. Each key expires one window after its last failure
 * and keeps at most {@value #MAX_KEPT} members, so an attacker spraying names or addresses costs
 * bounded memory that drains by itself.
 */
public final class RedisLoginFailureLog implements LoginFailureLog {

  /** More failures than this per subject are never needed to decide "captcha required". */
  static final int MAX_KEPT = 50;

  // KEYS: the subject's set. ARGV: now ms, window ms, member, max kept. One atomic step, so
  // concurrent failures on other instances cannot lose the expiry or the trim.
  private static final String RECORD = LuaScripts.load("auth/login_failure_record.lua");

  private final RedissonClient redis;

  public RedisLoginFailureLog(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public void record(String subject, long nowMs, long windowMs) {
    redis
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            RECORD,
            RScript.ReturnType.LONG,
            List.<Object>of(AuthKeys.loginFailures(subject)),
            Long.toString(nowMs),
            Long.toString(windowMs),
            UUID.randomUUID().toString(),
            Integer.toString(MAX_KEPT));
  }

  @Override
  public long countSince(String subject, long sinceMs) {
    return redis
        .<String>getScoredSortedSet(AuthKeys.loginFailures(subject), StringCodec.INSTANCE)
        .count(sinceMs, false, Double.POSITIVE_INFINITY, true);
  }

  @Override
  public void clear(String subject) {
    redis.getKeys().delete(AuthKeys.loginFailures(subject));
  }
}
