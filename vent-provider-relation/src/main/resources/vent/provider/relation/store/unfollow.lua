-- Removes one follow edge from both sides, atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] followee's followers ZSET
-- ARGV[1] followee id, ARGV[2] follower id
-- Returns 1 if the edge existed, else 0.
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return removed
