-- KEYS: jwks, jwk-current. ARGV: kid, private JWK JSON. Set-if-absent of the current key.
local current = redis.call('GET', KEYS[2])
if current then return current end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
return ARGV[1]
