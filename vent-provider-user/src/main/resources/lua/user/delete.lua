-- Needs publish (events/publish.lua) loaded first.
-- KEYS[1] profile, KEYS[2] the user outbox of its slot. ARGV[1] id, ARGV[2] shard.
-- Removes the profile and publishes UserDeleted. Returns the username it had, or false when there
-- was no profile (then nothing is published). The caller then releases the name's claim.
local username = redis.call('HGET', KEYS[1], 'username')
if not username then return false end
redis.call('DEL', KEYS[1])
publish(KEYS[2], ARGV[2], 'UserDeleted', {userDeleted = {userId = ARGV[1], username = username}})
return username
