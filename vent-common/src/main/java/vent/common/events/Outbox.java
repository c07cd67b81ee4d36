package vent.common.events;

import java.util.ArrayList;
import java.util.List;
import vent.common.redis.Slots;

/**
 * Outbox keys: how a script that changes one user's keys also emits an event atomically, although
 * the event's stream shard lives on another slot (another node of a Redis Cluster).
 *
 * <p>A producer script appends the event to the outbox of its own slot with {@code publish} of
 * {@code events/publish.lua} (a Redis Stream entry with the fields {@code stream}, {@code type},
 * {@code event}); the state change and the outbox entry commit together. {@link OutboxRelay} then
 * moves the entry to its stream shard: at once, from the request that wrote it, and, if that
 * process died first, from a periodic sweep. Consumers therefore see every event at least once.
 *
 * <p>There is one outbox per service and hash slot: {@code vent:outbox:<service>:{<tag>}} where the
 * tag is {@link Slots#tagOf} of the user's slot, so the outbox shares the slot of the user's keys.
 */
public final class Outbox {

  private static final String PREFIX = "vent:outbox:";

  private Outbox() {}

  /**
   * @param service the producing service, e.g. {@code relation} (also the ACL key pattern {@code
   *     vent:outbox:relation:*})
   * @param hashTag the hash tag content of the keys the script writes, usually the user id
   * @return the outbox key on the same slot, e.g. {@code vent:outbox:relation:{1ekf}}
   */
  public static String key(String service, String hashTag) {
    return forSlot(service, Slots.slot(hashTag));
  }

  /**
   * @return the outbox key of {@code service} on {@code slot} (0..16383)
   */
  public static String forSlot(String service, int slot) {
    return PREFIX + service + ":{" + Slots.tagOf(slot) + "}";
  }

  /**
   * @return all 16384 outbox keys of {@code service}, slot 0 first
   */
  public static List<String> all(String service) {
    List<String> keys = new ArrayList<>(Slots.COUNT);
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      keys.add(forSlot(service, slot));
    }
    return keys;
  }
}
