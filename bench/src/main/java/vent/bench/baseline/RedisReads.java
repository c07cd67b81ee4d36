package vent.bench.baseline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;
import vent.common.redis.LuaScripts;

/**
 * The two reads of the baseline, straight from the providers' Redis keys with pipelined Redisson
 * batches: a profile with counts in one round trip, a followers page in two. Redis failures surface
 * as Redisson's {@code RedisException}.
 */
public final class RedisReads {

  /**
   * The relation provider's page script: bench's build copies that module's {@code
   * lua/relation/page_start.lua} and {@code page.lua} into its own resources.
   */
  private static final String PAGE_SCRIPT =
      LuaScripts.load("relation/page_start.lua", "relation/page.lua");

  private final RedissonClient redis;

  /**
   * @param redis a client from vent-common's {@code RedissonFactory}; not closed here
   */
  public RedisReads(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * One round trip: HGETALL of the profile hash and ZCARD of both relation ZSETs.
   *
   * @return empty when the user does not exist
   */
  public Optional<ProfileJson> profile(String userId) {
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RFuture<Map<String, String>> hash =
        batch
            .<String, String>getMap(RedisKeys.profile(userId), StringCodec.INSTANCE)
            .readAllMapAsync();
    RFuture<Integer> followers =
        batch.getScoredSortedSet(RedisKeys.followers(userId), StringCodec.INSTANCE).sizeAsync();
    RFuture<Integer> following =
        batch.getScoredSortedSet(RedisKeys.following(userId), StringCodec.INSTANCE).sizeAsync();
    batch.execute();
    return UserJson.fromHash(done(hash))
        .map(user -> ProfileJson.of(user, done(followers), done(following)));
  }

  /**
   * A page of followers, newest first (follow time descending, then id descending byte-wise, as the
   * relation provider lists them). Round trip 1: EXISTS of the profile plus {@code limit + 1}
   * entries (a first page is a plain ZREVRANGE WITHSCORES; a later one runs the provider's page
   * script, which resumes after the cursor even if that entry was removed meanwhile). Round trip 2:
   * HGETALL of each follower, in one batch. Followers without a profile are left out, as vent-web's
   * BatchGetUsers hydration does; the next cursor still follows the ZSET page.
   *
   * @param limit entries per page, 1-100
   * @param after the previous page's cursor, or null for the first page
   * @return empty when the user does not exist
   */
  public Optional<PageJson<UserJson>> followers(String userId, int limit, FollowCursor after) {
    String key = RedisKeys.followers(userId);
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RFuture<Long> exists = batch.getKeys().countExistsAsync(RedisKeys.profile(userId));
    RFuture<Collection<ScoredEntry<String>>> firstPage = null;
    RFuture<List<Object>> laterPage = null;
    if (after == null) {
      firstPage =
          batch
              .<String>getScoredSortedSet(key, StringCodec.INSTANCE)
              .entryRangeReversedAsync(0, limit);
    } else {
      laterPage =
          batch
              .getScript(StringCodec.INSTANCE)
              .evalAsync(
                  Mode.READ_ONLY,
                  PAGE_SCRIPT,
                  ReturnType.LIST,
                  List.of(key),
                  Integer.toString(limit + 1),
                  Long.toString(after.followedAtMs()),
                  after.userId());
    }
    batch.execute();
    if (done(exists) == 0L) {
      return Optional.empty();
    }
    // Each entry (follow time, follower id) is also the cursor that resumes right after it.
    List<FollowCursor> entries =
        firstPage != null ? fromScored(done(firstPage)) : fromFlat(done(laterPage));

    List<FollowCursor> page = entries.size() > limit ? entries.subList(0, limit) : entries;
    String next = entries.size() > limit ? page.get(limit - 1).encode() : null;
    return Optional.of(new PageJson<>(hydrate(page), next));
  }

  /** True when the user's profile hash exists (one EXISTS). */
  public boolean exists(String userId) {
    return redis.getKeys().countExists(RedisKeys.profile(userId)) > 0;
  }

  private List<UserJson> hydrate(List<FollowCursor> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Map<String, String>>> hashes = new ArrayList<>(entries.size());
    for (FollowCursor entry : entries) {
      hashes.add(
          batch
              .<String, String>getMap(RedisKeys.profile(entry.userId()), StringCodec.INSTANCE)
              .readAllMapAsync());
    }
    batch.execute();
    List<UserJson> users = new ArrayList<>(entries.size());
    for (RFuture<Map<String, String>> hash : hashes) {
      UserJson.fromHash(done(hash)).ifPresent(users::add);
    }
    return users;
  }

  private static List<FollowCursor> fromScored(Collection<ScoredEntry<String>> entries) {
    List<FollowCursor> out = new ArrayList<>(entries.size());
    for (ScoredEntry<String> e : entries) {
      out.add(new FollowCursor(e.getScore().longValue(), e.getValue()));
    }
    return out;
  }

  /** The page script's reply: member, score, member, score, ... */
  private static List<FollowCursor> fromFlat(List<Object> flat) {
    List<FollowCursor> out = new ArrayList<>(flat.size() / 2);
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      // Whole milliseconds, but Redis may print a score in exponent form.
      out.add(
          new FollowCursor(
              (long) Double.parseDouble(flat.get(i + 1).toString()), flat.get(i).toString()));
    }
    return out;
  }

  /** The result of a future of an executed batch; its failure rethrown as is. */
  private static <T> T done(RFuture<T> future) {
    try {
      return future.toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
