package vent.provider.user.store;

import vent.common.events.Outbox;

/**
 * Redis key names of the user store (layout in the module README). Every key of one user carries
 * the hash tag {@code {<id>}}, every username claim the tag {@code {<lower-case username>}}, so
 * each script of this store touches one hash slot of a Redis Cluster.
 */
final class UserKeys {

  /** String counter; INCR gives the next user id (1, 2, ...: the USER_ID format of rules.proto). */
  static final String ID_SEQ = "vent:user:id-seq";

  /** The producing service's name in outbox keys ({@link Outbox#key}). */
  static final String SERVICE = "user";

  private UserKeys() {}

  /**
   * @return the profile hash of user {@code id}, {@code vent:user:{<id>}}
   */
  static String profile(String id) {
    return "vent:user:{" + id + "}";
  }

  /**
   * @param username normalised (lower-case) username
   * @return its claim, a hash {@code id, confirmed, claimedAtMs}: {@code vent:user:name:{<name>}}
   */
  static String name(String username) {
    return "vent:user:name:{" + username + "}";
  }

  /**
   * @return the user outbox on the slot of user {@code id}'s keys
   */
  static String outbox(String id) {
    return Outbox.key(SERVICE, id);
  }
}
