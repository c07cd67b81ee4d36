package vent.provider.user.store;

/** Redis key names of the user store (layout in the module README). */
final class UserKeys {

  /** String counter; INCR gives the next user id. */
  static final String ID_SEQ = "vent:user:id-seq";
  /** Hash: lower-case username -> user id. */
  static final String BY_USERNAME = "vent:user:by-username";
  /** Prefix of the profile hashes, {@code vent:user:<id>}. */
  static final String PROFILE_PREFIX = "vent:user:";

  private UserKeys() {}

  static String profile(String id) {
    return PROFILE_PREFIX + id;
  }
}
