-- KEYS: session, refresh, user-sessions, cred: all on the user's slot. ARGV: userId, refreshHash,
-- createdAtMs, expiresAtMs, ttlMs, sid, session prefix, credential version.
-- The credential check and the writes are one step, so a password change or deletion cannot fall
-- between them. Ended sessions are pruned from the set on the way.
-- Java fills in the first credential version (Credential.FIRST_VERSION) with String.formatted:
-- no other percent sign may appear in this file.
if redis.call('HGET', KEYS[4], 'userId') ~= ARGV[1] then return 0 end
if (redis.call('HGET', KEYS[4], 'ver') or '%d') ~= ARGV[8] then return 0 end
local ttl = tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'refreshHash', ARGV[2], 'createdAtMs', ARGV[3], 'expiresAtMs', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('SET', KEYS[2], ARGV[6], 'PX', ttl)
for _, s in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('EXISTS', ARGV[7] .. s) == 0 then redis.call('SREM', KEYS[3], s) end
end
redis.call('SADD', KEYS[3], ARGV[6])
if redis.call('PTTL', KEYS[3]) < ttl then redis.call('PEXPIRE', KEYS[3], ttl) end
return 1
