package vent.provider.user.store;

import vent.common.redis.LuaScripts;

/**
 * Lua scripts of the user store, under {@code lua/user/}. Each touches the keys of one hash slot:
 * either one user's profile and the outbox of its slot, or one username's claim. The argument lists
 * are at the top of each file.
 *
 * <p>Profile writes publish their domain event (vent.events.v1) to the outbox of the profile's slot
 * in the same script, so the change and its event are stored together or not at all.
 */
final class UserScripts {

  /** Profile hash fields, in the order the update script returns them. */
  static final String[] FIELDS = {
    "id", "username", "displayName", "bio", "createdAtMs", "updatedAtMs"
  };

  /** Claims a free name; returns the claim as it stands: id, confirmed, age ms. */
  static final String NAME_CLAIM = LuaScripts.load("user/name_claim.lua");

  /** Compare-and-set takeover of a stale claim whose profile is missing; 1 or 0. */
  static final String NAME_TAKEOVER = LuaScripts.load("user/name_takeover.lua");

  /** Confirms a claim once its profile exists; 0 when the claim names another id now. */
  static final String NAME_CONFIRM = LuaScripts.load("user/name_confirm.lua");

  /** Deletes a claim while it names the given id. */
  static final String NAME_RELEASE = LuaScripts.load("user/name_release.lua");

  /** Writes a new profile and publishes UserRegistered; 0 when it exists. */
  static final String PROFILE_CREATE =
      LuaScripts.load("events/publish.lua", "user/profile_create.lua");

  /** Changes an existing profile and publishes UserUpdated; returns the six fields. */
  static final String UPDATE = LuaScripts.load("events/publish.lua", "user/update.lua");

  /** Removes a profile and publishes UserDeleted; returns the username or nil. */
  static final String DELETE = LuaScripts.load("events/publish.lua", "user/delete.lua");

  private UserScripts() {}
}
