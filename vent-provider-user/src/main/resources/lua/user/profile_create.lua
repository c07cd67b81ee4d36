-- Needs publish (events/publish.lua) loaded first.
-- KEYS[1] profile (vent:user:{<id>}), KEYS[2] the user outbox of its slot.
-- ARGV[1] id, ARGV[2] username, ARGV[3] displayName, ARGV[4] bio, ARGV[5] nowMs, ARGV[6] shard.
-- Writes the profile of a freshly claimed name and publishes UserRegistered. Returns 1, or 0 when
-- the profile already exists (then nothing is written).
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'username', ARGV[2], 'displayName', ARGV[3],
  'bio', ARGV[4], 'createdAtMs', ARGV[5], 'updatedAtMs', ARGV[5])
publish(KEYS[2], ARGV[6], 'UserRegistered', {userRegistered = {userId = ARGV[1],
  username = ARGV[2], displayName = ARGV[3], createdAtMs = ARGV[5]}})
return 1
