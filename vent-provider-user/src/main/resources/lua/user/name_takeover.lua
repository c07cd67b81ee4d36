-- KEYS[1] a username's claim. ARGV[1] the id it was seen naming, ARGV[2] the confirmed flag seen,
-- ARGV[3] the new id, ARGV[4] minimum age in ms.
-- Compare-and-set: hands a claim whose profile the caller found missing to ARGV[3], unconfirmed,
-- only if it is older than ARGV[4] and still exactly as seen. A creator that confirms in between
-- changes the flag and wins; one that confirms after finds its id gone and undoes its profile.
-- Returns 1 when taken over, else 0.
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local c = redis.call('HMGET', KEYS[1], 'id', 'confirmed', 'claimedAtMs')
if c[1] ~= ARGV[1] or c[2] ~= ARGV[2] then return 0 end
if now - tonumber(c[3]) < tonumber(ARGV[4]) then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[3], 'confirmed', '0', 'claimedAtMs', now)
return 1
