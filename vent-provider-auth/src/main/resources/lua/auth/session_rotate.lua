-- KEYS: refresh of the presented token, user-sessions: both on the user's slot (the token names
-- its user). ARGV: presented hash, new hash, nowMs, ttlMs, the user's key prefix
-- (vent:auth:{<id>}:), userId. The session key is built from the sid the refresh key holds, on the
-- same slot.
local sid = redis.call('GET', KEYS[1])
if not sid then return {'UNKNOWN'} end
local skey = ARGV[5] .. 'session:' .. sid
local current = redis.call('HGET', skey, 'refreshHash')
local uid = redis.call('HGET', skey, 'userId')
if (not current) or uid ~= ARGV[6] then
  redis.call('DEL', KEYS[1])
  return {'UNKNOWN'}
end
if current ~= ARGV[1] then
  redis.call('DEL', ARGV[5] .. 'refresh:' .. current)
  redis.call('DEL', skey)
  redis.call('SREM', KEYS[2], sid)
  redis.call('DEL', KEYS[1])
  return {'REUSED', sid, uid}
end
local ttl = tonumber(ARGV[4])
redis.call('HSET', skey, 'refreshHash', ARGV[2], 'expiresAtMs', tostring(tonumber(ARGV[3]) + ttl))
redis.call('PEXPIRE', skey, ttl)
redis.call('SET', ARGV[5] .. 'refresh:' .. ARGV[2], sid, 'PX', ttl)
if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
return {'ROTATED', sid, uid}
