-- Needs publish (events/publish.lua) loaded first.
-- KEYS[1] profile, KEYS[2] the user outbox of its slot.
-- ARGV[1] nowMs, ARGV[2] setDisplayName (1/0), ARGV[3] displayName, ARGV[4] setBio (1/0), ARGV[5] bio,
-- ARGV[6] shard.
-- Only touches an existing profile, and then publishes UserUpdated. Returns the six fields of
-- UserScripts.FIELDS ('' for each when the profile does not exist).
local fields = {'id', 'username', 'displayName', 'bio', 'createdAtMs', 'updatedAtMs'}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'', '', '', '', '', ''} end
if ARGV[2] == '1' then redis.call('HSET', KEYS[1], 'displayName', ARGV[3]) end
if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'bio', ARGV[5]) end
redis.call('HSET', KEYS[1], 'updatedAtMs', ARGV[1])
local v = redis.call('HMGET', KEYS[1], unpack(fields))
for i = 1, 6 do if not v[i] then v[i] = '' end end
publish(KEYS[2], ARGV[6], 'UserUpdated', {userUpdated = {userId = v[1], displayName = v[3],
  bio = v[4], updatedAtMs = v[6]}})
return v
