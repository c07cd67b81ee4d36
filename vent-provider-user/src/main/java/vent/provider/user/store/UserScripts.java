package vent.provider.user.store;

import vent.common.events.EventScripts;

/**
 * Lua scripts of the user store. Each runs atomically in Redis, so the username index and the
 * profile hashes never disagree, whatever runs concurrently.
 *
 * <p>Profiles are read with HMGET in the order of {@link #FIELDS}; a missing profile reads as
 * six empty strings (a Lua {@code nil} would cut a reply array short).
 *
 * <p>Every write also publishes its domain event (vent.events.v1) to the user event stream in the
 * same script, so the change and its event are stored together or not at all.
 *
 * <p>Create and EnsureUsers derive profile keys from ids they allocate, so those keys are not in
 * KEYS: the scripts need every {@code vent:user:*} key on one Redis node (true for a single
 * server or a replicated one; Redis Cluster would need a common hash tag).
 */
final class UserScripts {

  /** Profile hash fields, in the order every read script returns them. */
  static final String[] FIELDS = {"id", "username", "displayName", "bio", "createdAtMs", "updatedAtMs"};

  private static final String READ_PROFILE = """
      local function readProfile(key)
        local v = redis.call('HMGET', key, 'id', 'username', 'displayName', 'bio', 'createdAtMs', 'updatedAtMs')
        if not v[1] then return {'', '', '', '', '', ''} end
        for i = 1, 6 do if not v[i] then v[i] = '' end end
        return v
      end
      """;

  /** KEYS: profiles. Returns 6 fields per key, in order. */
  static final String BATCH_GET = READ_PROFILE + """
      local out = {}
      for _, key in ipairs(KEYS) do
        local v = readProfile(key)
        for i = 1, 6 do out[#out + 1] = v[i] end
      end
      return out
      """;

  /** KEYS: by-username index. ARGV: username, profile prefix. Returns 6 fields. */
  static final String GET_BY_USERNAME = READ_PROFILE + """
      local id = redis.call('HGET', KEYS[1], ARGV[1])
      if not id then return {'', '', '', '', '', ''} end
      return readProfile(ARGV[2] .. id)
      """;

  /**
   * KEYS: by-username index, id sequence, user event stream. ARGV: username, displayName, bio,
   * nowMs, profile prefix. Returns the new id, or nil when the username is
   * taken (then nothing is written). Publishes UserRegistered.
   */
  static final String CREATE = EventScripts.PUBLISH + """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return false end
      local id = string.format('%d', redis.call('INCR', KEYS[2]))
      redis.call('HSET', ARGV[5] .. id, 'id', id, 'username', ARGV[1], 'displayName', ARGV[2],
        'bio', ARGV[3], 'createdAtMs', ARGV[4], 'updatedAtMs', ARGV[4])
      redis.call('HSET', KEYS[1], ARGV[1], id)
      publish(KEYS[3], 'UserRegistered', {userRegistered = {userId = id, username = ARGV[1],
        displayName = ARGV[2], createdAtMs = ARGV[4]}})
      return id
      """;

  /**
   * KEYS: profile, user event stream. ARGV: nowMs, setDisplayName (1/0), displayName, setBio
   * (1/0), bio. Only touches an existing profile, and then publishes
   * UserUpdated. Returns 6 fields (empty when the profile does not exist).
   */
  static final String UPDATE = READ_PROFILE + EventScripts.PUBLISH + """
      if redis.call('EXISTS', KEYS[1]) == 0 then return readProfile(KEYS[1]) end
      if ARGV[2] == '1' then redis.call('HSET', KEYS[1], 'displayName', ARGV[3]) end
      if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'bio', ARGV[5]) end
      redis.call('HSET', KEYS[1], 'updatedAtMs', ARGV[1])
      local v = readProfile(KEYS[1])
      publish(KEYS[2], 'UserUpdated', {userUpdated = {userId = v[1], displayName = v[3], bio = v[4],
        updatedAtMs = v[6]}})
      return v
      """;

  /**
   * KEYS: profile, by-username index, user event stream. ARGV: id. Removes the
   * profile and its index entry (only if the entry still points at this id) and publishes
   * UserDeleted. Returns 1 when a profile was removed, else 0 (and publishes nothing).
   */
  static final String DELETE = EventScripts.PUBLISH + """
      local username = redis.call('HGET', KEYS[1], 'username')
      if not username then return 0 end
      redis.call('DEL', KEYS[1])
      if redis.call('HGET', KEYS[2], username) == ARGV[1] then redis.call('HDEL', KEYS[2], username) end
      publish(KEYS[3], 'UserDeleted', {userDeleted = {userId = ARGV[1], username = username}})
      return 1
      """;

  /**
   * KEYS: by-username index, id sequence, user event stream. ARGV: nowMs, profile prefix,
   * usernames... (distinct). Publishes UserRegistered per created user. Returns id,
   * created (1/0) per username, in order.
   */
  static final String ENSURE = EventScripts.PUBLISH + """
      local out = {}
      for i = 3, #ARGV do
        local name = ARGV[i]
        local id = redis.call('HGET', KEYS[1], name)
        local created = '0'
        if not id then
          id = string.format('%d', redis.call('INCR', KEYS[2]))
          redis.call('HSET', ARGV[2] .. id, 'id', id, 'username', name, 'displayName', name,
            'bio', '', 'createdAtMs', ARGV[1], 'updatedAtMs', ARGV[1])
          redis.call('HSET', KEYS[1], name, id)
          publish(KEYS[3], 'UserRegistered', {userRegistered = {userId = id, username = name,
            displayName = name, createdAtMs = ARGV[1]}})
          created = '1'
        end
        out[#out + 1] = id
        out[#out + 1] = created
      end
      return out
      """;

  private UserScripts() {}
}
