-- KEYS: jwks, jwk-current, jwk-retired. ARGV: expected kid, new kid, new JWK JSON, now ms,
-- retain ms. Compare-and-set of the current key, then pruning of long-retired keys.
local current = redis.call('GET', KEYS[2])
if current ~= ARGV[1] then return current end
local now = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
local retired = redis.call('HGETALL', KEYS[3])
for i = 1, #retired, 2 do
  if tonumber(retired[i + 1]) < now - tonumber(ARGV[5]) then
    redis.call('HDEL', KEYS[1], retired[i])
    redis.call('HDEL', KEYS[3], retired[i])
  end
end
return ARGV[2]
