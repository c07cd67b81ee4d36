package vent.provider.user.store;

import java.util.List;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Username claims: one hash per lower-case username, {@code vent:user:name:{<name>}} = {@code id,
 * confirmed, claimedAtMs}, on the name's own slot, so the index spreads over a cluster like the
 * profiles do.
 *
 * <p>A create claims the name (set-if-absent, unconfirmed), writes the profile on the id's slot,
 * then confirms the claim. A claim can be left behind by a crash: unconfirmed without a profile
 * (the creator died before its profile) or confirmed without one (a delete died before releasing
 * it). Such a claim older than {@link #STALE_MS} whose profile does not exist is taken over by the
 * next claimant, compare-and-set on the claim as it was read; a creator that was only slow then
 * finds its claim gone when it confirms and undoes its profile. An unconfirmed claim whose profile
 * exists is confirmed by whoever finds it stale.
 */
final class UsernameClaims {

  /** Age after which a claim without a profile may be taken over, milliseconds. */
  static final long STALE_MS = 5_000;

  /** A claim as a script read it. */
  record Claim(String id, String confirmed, long ageMs) {}

  private final RedissonClient redis;

  UsernameClaims(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * Claims {@code username} for {@code id} when it is free or stale.
   *
   * @return the id that owns the name now: {@code id} when this call claimed it
   */
  String claim(String username, String id) {
    return settle(username, id, eval(UserScripts.NAME_CLAIM, username, id));
  }

  /** Queues a claim in {@code batch}; {@link #settle} its result after execution. */
  RFuture<List<Object>> claimAsync(RBatch batch, String username, String id) {
    return batch
        .getScript(StringCodec.INSTANCE)
        .evalAsync(
            Mode.READ_WRITE,
            UserScripts.NAME_CLAIM,
            ReturnType.LIST,
            List.of(UserKeys.name(username)),
            id);
  }

  /**
   * Finishes a claim that found the name owned by another id: a stale claim without a profile is
   * taken over, a stale unconfirmed one with a profile is confirmed.
   *
   * @param reply what the claim script returned
   * @return the id that owns the name now
   */
  String settle(String username, String id, List<Object> reply) {
    Claim seen = parse(reply);
    if (seen.id().equals(id) || seen.ageMs() < STALE_MS) {
      return seen.id();
    }
    if (redis.getKeys().countExists(UserKeys.profile(seen.id())) == 0) {
      Long taken =
          eval(
              UserScripts.NAME_TAKEOVER,
              username,
              seen.id(),
              seen.confirmed(),
              id,
              Long.toString(STALE_MS));
      return taken == 1L ? id : owner(username).orElse(seen.id());
    }
    if (!"1".equals(seen.confirmed())) {
      confirm(username, seen.id());
    }
    return seen.id();
  }

  /**
   * @return true when the claim still names {@code id} and is now confirmed
   */
  boolean confirm(String username, String id) {
    Long done = eval(UserScripts.NAME_CONFIRM, username, id);
    return done == 1L;
  }

  /** Deletes the claim if it still names {@code id}. */
  void release(String username, String id) {
    eval(UserScripts.NAME_RELEASE, username, id);
  }

  /**
   * @return the id the claim names, confirmed or not
   */
  Optional<String> owner(String username) {
    return Optional.ofNullable(
        redis.<String, String>getMap(UserKeys.name(username), StringCodec.INSTANCE).get("id"));
  }

  private <R> R eval(String script, String username, Object... args) {
    ReturnType type = script.equals(UserScripts.NAME_CLAIM) ? ReturnType.LIST : ReturnType.LONG;
    return redis
        .getScript(StringCodec.INSTANCE)
        .eval(Mode.READ_WRITE, script, type, List.of(UserKeys.name(username)), args);
  }

  private static Claim parse(Object reply) {
    List<?> v = (List<?>) reply;
    return new Claim(
        String.valueOf(v.get(0)),
        String.valueOf(v.get(1)),
        Long.parseLong(String.valueOf(v.get(2))));
  }
}
