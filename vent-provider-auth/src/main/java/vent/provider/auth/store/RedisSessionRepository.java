package vent.provider.auth.store;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.provider.auth.domain.Credential;
import vent.provider.auth.domain.NewSession;
import vent.provider.auth.domain.Rotation;
import vent.provider.auth.domain.SessionRepository;

/**
 * Sessions in Redis, each operation one Lua script (atomic):
 *
 * <ul>
 *   <li>{@code vent:auth:session:{sid}} hash {userId, refreshHash, createdAtMs, expiresAtMs},
 *       TTL = refresh lifetime, renewed by each rotation;</li>
 *   <li>{@code vent:auth:refresh:{sha256}} string -> sid, TTL = refresh lifetime from issue.
 *       After a rotation the old token's key is kept until it would have expired anyway: it
 *       marks the token as spent, so presenting it again is recognised as reuse;</li>
 *   <li>{@code vent:auth:user-sessions:{userId}} set of sids, TTL = the longest of them.</li>
 * </ul>
 *
 * <p>Opening a session also reads the user's credential ({@link RedisCredentialRepository}'s
 * {@code user-cred} and {@code cred} keys) and stores nothing unless it is still at the version
 * whose password was checked.
 *
 * <p>Scripts build some key names from values they read (the sid behind a refresh token), so
 * this layout needs a single Redis (or replicas), not Redis Cluster.
 */
public final class RedisSessionRepository implements SessionRepository {

  // KEYS: session, refresh, user-sessions, user-cred. ARGV: userId, refreshHash, createdAtMs,
  // expiresAtMs, ttlMs, sid, session prefix, credential version, cred prefix. The credential check
  // and the writes are one step, so a password change or deletion cannot fall between them.
  // Ended sessions are pruned from the set on the way.
  private static final String OPEN = """
      local name = redis.call('GET', KEYS[4])
      if not name then return 0 end
      local cred = ARGV[9] .. name
      if redis.call('HGET', cred, 'userId') ~= ARGV[1] then return 0 end
      if (redis.call('HGET', cred, 'ver') or '%d') ~= ARGV[8] then return 0 end
      local ttl = tonumber(ARGV[5])
      redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'refreshHash', ARGV[2], 'createdAtMs', ARGV[3], 'expiresAtMs', ARGV[4])
      redis.call('PEXPIRE', KEYS[1], ttl)
      redis.call('SET', KEYS[2], ARGV[6], 'PX', ttl)
      for _, s in ipairs(redis.call('SMEMBERS', KEYS[3])) do
        if redis.call('EXISTS', ARGV[7] .. s) == 0 then redis.call('SREM', KEYS[3], s) end
      end
      redis.call('SADD', KEYS[3], ARGV[6])
      if redis.call('PTTL', KEYS[3]) < ttl then redis.call('PEXPIRE', KEYS[3], ttl) end
      return 1
      """.formatted(Credential.FIRST_VERSION);

  // KEYS: refresh of the presented token. ARGV: presented hash, new hash, nowMs, ttlMs, key prefix.
  private static final String ROTATE = """
      local sid = redis.call('GET', KEYS[1])
      if not sid then return {'UNKNOWN'} end
      local skey = ARGV[5] .. 'session:' .. sid
      local current = redis.call('HGET', skey, 'refreshHash')
      local uid = redis.call('HGET', skey, 'userId')
      if (not current) or (not uid) then
        redis.call('DEL', KEYS[1])
        return {'UNKNOWN'}
      end
      if current ~= ARGV[1] then
        redis.call('DEL', ARGV[5] .. 'refresh:' .. current)
        redis.call('DEL', skey)
        redis.call('SREM', ARGV[5] .. 'user-sessions:' .. uid, sid)
        redis.call('DEL', KEYS[1])
        return {'REUSED', sid, uid}
      end
      local ttl = tonumber(ARGV[4])
      redis.call('HSET', skey, 'refreshHash', ARGV[2], 'expiresAtMs', tostring(tonumber(ARGV[3]) + ttl))
      redis.call('PEXPIRE', skey, ttl)
      redis.call('SET', ARGV[5] .. 'refresh:' .. ARGV[2], sid, 'PX', ttl)
      local uset = ARGV[5] .. 'user-sessions:' .. uid
      if redis.call('PTTL', uset) < ttl then redis.call('PEXPIRE', uset, ttl) end
      return {'ROTATED', sid, uid}
      """;

  // KEYS: session, user-sessions. ARGV: userId, sid, refresh prefix.
  private static final String END = """
      local uid = redis.call('HGET', KEYS[1], 'userId')
      if not uid then
        redis.call('SREM', KEYS[2], ARGV[2])
        return 0
      end
      if uid ~= ARGV[1] then return 0 end
      local h = redis.call('HGET', KEYS[1], 'refreshHash')
      if h then redis.call('DEL', ARGV[3] .. h) end
      redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[2])
      return 1
      """;

  // KEYS: user-sessions. ARGV: session prefix, refresh prefix, userId.
  private static final String END_ALL = """
      local n = 0
      for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        local skey = ARGV[1] .. sid
        if redis.call('HGET', skey, 'userId') == ARGV[3] then
          local h = redis.call('HGET', skey, 'refreshHash')
          if h then redis.call('DEL', ARGV[2] .. h) end
          redis.call('DEL', skey)
          n = n + 1
        end
      end
      redis.call('DEL', KEYS[1])
      return n
      """;

  private final RedissonClient redis;

  public RedisSessionRepository(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public boolean open(NewSession s) {
    Long opened = script().eval(RScript.Mode.READ_WRITE, OPEN, RScript.ReturnType.LONG,
        keys(AuthKeys.session(s.sessionId()), AuthKeys.refresh(s.refreshHash()), AuthKeys.userSessions(s.userId()),
            AuthKeys.userCred(s.userId())),
        s.userId(), s.refreshHash(), String.valueOf(s.createdAtMs()), String.valueOf(s.createdAtMs() + s.ttlMs()),
        String.valueOf(s.ttlMs()), s.sessionId(), AuthKeys.SESSION, String.valueOf(s.credentialVersion()), AuthKeys.CRED);
    return opened != null && opened == 1L;
  }

  @Override
  public Rotation rotate(String presentedHash, String newHash, long nowMs, long ttlMs) {
    List<Object> r = script().eval(RScript.Mode.READ_WRITE, ROTATE, RScript.ReturnType.LIST,
        keys(AuthKeys.refresh(presentedHash)),
        presentedHash, newHash, String.valueOf(nowMs), String.valueOf(ttlMs), AuthKeys.PREFIX);
    Rotation.Outcome outcome = Rotation.Outcome.valueOf(String.valueOf(r.get(0)));
    if (outcome == Rotation.Outcome.UNKNOWN) {
      return Rotation.unknown();
    }
    return new Rotation(outcome, String.valueOf(r.get(1)), String.valueOf(r.get(2)));
  }

  @Override
  public boolean end(String sessionId, String userId) {
    Long n = script().eval(RScript.Mode.READ_WRITE, END, RScript.ReturnType.LONG,
        keys(AuthKeys.session(sessionId), AuthKeys.userSessions(userId)), userId, sessionId, AuthKeys.REFRESH);
    return n != null && n == 1L;
  }

  @Override
  public int endAll(String userId) {
    Long n = script().eval(RScript.Mode.READ_WRITE, END_ALL, RScript.ReturnType.LONG,
        keys(AuthKeys.userSessions(userId)), AuthKeys.SESSION, AuthKeys.REFRESH, userId);
    return n == null ? 0 : n.intValue();
  }

  private static List<Object> keys(String... names) {
    return List.of((Object[]) names);
  }

  private RScript script() {
    return redis.getScript(StringCodec.INSTANCE);
  }
}
