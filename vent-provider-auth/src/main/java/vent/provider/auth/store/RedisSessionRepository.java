package vent.provider.auth.store;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.provider.auth.domain.Credential;
import vent.provider.auth.domain.NewSession;
import vent.provider.auth.domain.Rotation;
import vent.provider.auth.domain.SessionRepository;

/**
 * Sessions in Redis, each operation one Lua script (atomic):
 *
 * <ul>
 *   <li>{@code vent:auth:{<userId>}:session:<sid>} hash {userId, refreshHash, createdAtMs,
 *       expiresAtMs}, TTL = refresh lifetime, renewed by each rotation;
 *   <li>{@code vent:auth:{<userId>}:refresh:<sha256>} string -> sid, TTL = refresh lifetime from
 *       issue. After a rotation the old token's key is kept until it would have expired anyway: it
 *       marks the token as spent, so presenting it again is recognised as reuse;
 *   <li>{@code vent:auth:{<userId>}:sessions} set of sids, TTL = the longest of them.
 * </ul>
 *
 * <p>Every key of one user carries the hash tag {@code {<userId>}}, the credential ({@link
 * RedisCredentialRepository}) included, so each script runs on one slot of a Redis Cluster, and the
 * key names a script builds from values it reads (the session behind a refresh token) are on that
 * slot too. A refresh token names its user ({@link vent.provider.auth.domain.Secrets}), which is
 * how a rotation finds its slot.
 *
 * <p>Opening a session also reads the user's credential and stores nothing unless it is still at
 * the version whose password was checked.
 */
public final class RedisSessionRepository implements SessionRepository {

  // KEYS: session, refresh, user-sessions, cred. ARGV: userId, refreshHash, createdAtMs,
  // expiresAtMs, ttlMs, sid, session prefix, credential version. The credential check and the
  // writes are one step, so a password change or deletion cannot fall between them. Ended sessions
  // are pruned from the set on the way.
  private static final String OPEN =
      LuaScripts.load("auth/session_open.lua").formatted(Credential.FIRST_VERSION);

  // KEYS: refresh of the presented token, user-sessions. ARGV: presented hash, new hash, nowMs,
  // ttlMs, the user's key prefix, userId.
  private static final String ROTATE = LuaScripts.load("auth/session_rotate.lua");

  // KEYS: session, user-sessions. ARGV: userId, sid, refresh prefix.
  private static final String END = LuaScripts.load("auth/session_end.lua");

  // KEYS: user-sessions. ARGV: session prefix, refresh prefix, userId.
  private static final String END_ALL = LuaScripts.load("auth/session_end_all.lua");

  private final RedissonClient redis;

  public RedisSessionRepository(RedissonClient redis) {
    this.redis = redis;
  }

  @Override
  public boolean open(NewSession s) {
    Long opened =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                OPEN,
                RScript.ReturnType.LONG,
                keys(
                    AuthKeys.session(s.userId(), s.sessionId()),
                    AuthKeys.refresh(s.userId(), s.refreshHash()),
                    AuthKeys.userSessions(s.userId()),
                    AuthKeys.cred(s.userId())),
                s.userId(),
                s.refreshHash(),
                String.valueOf(s.createdAtMs()),
                String.valueOf(s.createdAtMs() + s.ttlMs()),
                String.valueOf(s.ttlMs()),
                s.sessionId(),
                AuthKeys.sessionPrefix(s.userId()),
                String.valueOf(s.credentialVersion()));
    return opened != null && opened == 1L;
  }

  @Override
  public Rotation rotate(
      String userId, String presentedHash, String newHash, long nowMs, long ttlMs) {
    List<Object> r =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                ROTATE,
                RScript.ReturnType.LIST,
                keys(AuthKeys.refresh(userId, presentedHash), AuthKeys.userSessions(userId)),
                presentedHash,
                newHash,
                String.valueOf(nowMs),
                String.valueOf(ttlMs),
                AuthKeys.user(userId),
                userId);
    Rotation.Outcome outcome = Rotation.Outcome.valueOf(String.valueOf(r.get(0)));
    if (outcome == Rotation.Outcome.UNKNOWN) {
      return Rotation.unknown();
    }
    return new Rotation(outcome, String.valueOf(r.get(1)), String.valueOf(r.get(2)));
  }

  @Override
  public boolean end(String sessionId, String userId) {
    Long n =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                END,
                RScript.ReturnType.LONG,
                keys(AuthKeys.session(userId, sessionId), AuthKeys.userSessions(userId)),
                userId,
                sessionId,
                AuthKeys.refreshPrefix(userId));
    return n != null && n == 1L;
  }

  @Override
  public int endAll(String userId) {
    Long n =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                END_ALL,
                RScript.ReturnType.LONG,
                keys(AuthKeys.userSessions(userId)),
                AuthKeys.sessionPrefix(userId),
                AuthKeys.refreshPrefix(userId),
                userId);
    return n == null ? 0 : n.intValue();
  }

  private static List<Object> keys(String... names) {
    return List.of((Object[]) names);
  }

  private RScript script() {
    return redis.getScript(StringCodec.INSTANCE);
  }
}
