package vent.common.redis;

import java.nio.charset.StandardCharsets;
import org.redisson.connection.CRC16;

/**
 * Redis Cluster hash slots (Redis Cluster specification, "Keys distribution model"): a key's slot
 * is CRC16 (XMODEM) of its hash tag, modulo 16384. The hash tag is the text between the first
 * {@code {} and the first {@code }} after it when that text is not empty, else the whole key.
 *
 * <p>Vent puts every key of one user on the slot of {@code {<user id>}}, so that a script touching
 * one user's keys runs on one node. The same layout is used on a single Redis server, where slots
 * only decide which outbox a write goes through ({@code vent.common.events.Outbox}).
 */
public final class Slots {

  /** Number of hash slots, 16384. */
  public static final int COUNT = 16384;

  private static final String[] TAGS = tags();

  private Slots() {}

  /**
   * @param key a whole key ({@code vent:relation:{42}:following}) or a bare hash tag content
   *     ({@code 42}, which is its own key)
   * @return its slot, 0..16383
   */
  public static int slot(String key) {
    String hashed = key;
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        hashed = key.substring(open + 1, close);
      }
    }
    return CRC16.crc16(hashed.getBytes(StandardCharsets.UTF_8)) % COUNT;
  }

  /**
   * @param slot 0..16383
   * @return a short hash tag content (at most 4 characters of {@code [0-9a-z]}) whose slot is
   *     {@code slot}; the same for every call and every process
   * @throws IndexOutOfBoundsException slot outside 0..16383
   */
  public static String tagOf(int slot) {
    return TAGS[slot];
  }

  /** The first base-36 number to hash to each slot: a fixed table, found in about 40 ms. */
  private static String[] tags() {
    String[] tags = new String[COUNT];
    int left = COUNT;
    for (int i = 0; left > 0; i++) {
      String candidate = Integer.toString(i, 36);
      int slot = slot(candidate);
      if (tags[slot] == null) {
        tags[slot] = candidate;
        left--;
      }
    }
    return tags;
  }
}
