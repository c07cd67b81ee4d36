-- KEYS[1] the username's claim (vent:user:name:{<lower>}). ARGV[1] the id to claim it for.
-- Claims a free name for ARGV[1], unconfirmed, stamped with Redis' clock. Returns the claim as it
-- now stands: {id, confirmed (1/0), age in ms}; the name is the caller's when id is ARGV[1].
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'confirmed', '0', 'claimedAtMs', now)
end
local c = redis.call('HMGET', KEYS[1], 'id', 'confirmed', 'claimedAtMs')
return {c[1], c[2], tostring(now - tonumber(c[3]))}
