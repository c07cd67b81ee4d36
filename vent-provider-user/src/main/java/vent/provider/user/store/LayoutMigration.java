package vent.provider.user.store;

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
 * Moves a user data set from the single-node layout (one hash {@code vent:user:by-username} name ->
 * id, profiles {@code vent:user:<id>}) to the slot-per-user layout of {@link UserKeys}: profile
 * {@code vent:user:{<id>}}, confirmed claim {@code vent:user:name:{<name>}}. The id sequence keeps
 * its key.
 *
 * <p>It walks the old index (HSCAN of one hash, no keyspace SCAN) in chunks. Each entry is written
 * in the new layout only where the new key does not exist yet, then its old profile and index entry
 * are deleted, so a run stopped anywhere is resumed by running it again, and a run over a migrated
 * data set does nothing. No event is published: the users exist already. Run it while no user
 * provider writes (the old layout's writers are stopped, the new ones not yet started).
 */
public final class LayoutMigration {

  /** The old layout's username index. */
  static final String OLD_INDEX = "vent:user:by-username";

  private static final Logger LOG = LoggerFactory.getLogger(LayoutMigration.class);
  private static final int CHUNK = 500;

  private final RedissonClient redis;

  /**
   * @param redis a client with access to {@code vent:user:*}
   */
  public LayoutMigration(RedissonClient redis) {
    this.redis = redis;
  }

  /**
   * @return how many users were moved by this run
   */
  public long run() {
    RMap<String, String> index = redis.getMap(OLD_INDEX, StringCodec.INSTANCE);
    long moved = 0;
    while (true) {
      List<Map.Entry<String, String>> chunk = new ArrayList<>(CHUNK);
      for (Map.Entry<String, String> e : index.entrySet(CHUNK)) {
        chunk.add(e);
        if (chunk.size() == CHUNK) {
          break;
        }
      }
      if (chunk.isEmpty()) {
        LOG.info("event=user_layout_migrated users={}", moved);
        return moved;
      }
      moved += migrate(chunk);
    }
  }

  private int migrate(List<Map.Entry<String, String>> entries) {
    RBatch reads = redis.createBatch(BatchOptions.defaults());
    List<RFuture<Map<String, String>>> profiles = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      profiles.add(
          reads
              .<String, String>getMap(oldProfile(e.getValue()), StringCodec.INSTANCE)
              .readAllMapAsync());
    }
    reads.execute();
    RBatch writes = redis.createBatch(BatchOptions.defaults());
    int moved = 0;
    long now = System.currentTimeMillis();
    for (int i = 0; i < entries.size(); i++) {
      String name = entries.get(i).getKey();
      String id = entries.get(i).getValue();
      Map<String, String> profile = profiles.get(i).toCompletableFuture().join();
      if (!profile.isEmpty()) {
        // HSETNX of every field: a profile already written (by an earlier run) is kept as it is.
        var target = writes.<String, String>getMap(UserKeys.profile(id), StringCodec.INSTANCE);
        profile.forEach(target::fastPutIfAbsentAsync);
        var claim = writes.<String, String>getMap(UserKeys.name(name), StringCodec.INSTANCE);
        claim.fastPutIfAbsentAsync("id", id);
        claim.fastPutIfAbsentAsync("confirmed", "1");
        claim.fastPutIfAbsentAsync("claimedAtMs", Long.toString(now));
        moved++;
      }
    }
    writes.execute();
    RBatch deletes = redis.createBatch(BatchOptions.defaults());
    for (Map.Entry<String, String> e : entries) {
      deletes.getKeys().deleteAsync(oldProfile(e.getValue()));
      deletes.getMap(OLD_INDEX, StringCodec.INSTANCE).fastRemoveAsync(e.getKey());
    }
    deletes.execute();
    return moved;
  }

  static String oldProfile(String id) {
    return "vent:user:" + id;
  }
}
