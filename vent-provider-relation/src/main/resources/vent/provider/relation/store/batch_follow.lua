-- Adds many follow edges, each on both sides; the whole chunk runs atomically.
-- KEYS: for edge i (1-based), KEYS[2i-1] = follower's following ZSET, KEYS[2i] = followee's followers ZSET
-- ARGV[1] follow time (ms since the epoch); ARGV[2i] = followee id, ARGV[2i+1] = follower id
-- Returns how many edges are new.
local at = ARGV[1]
local created = 0
for i = 1, #KEYS, 2 do
  if redis.call('ZADD', KEYS[i], 'NX', at, ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[i + 1], 'NX', at, ARGV[i + 2])
    created = created + 1
  end
end
return created
