-- Adds one follow edge on both sides, atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] followee's followers ZSET
-- ARGV[1] followee id, ARGV[2] follower id, ARGV[3] follow time (ms since the epoch)
-- Returns 1 if the edge is new, 0 if it existed (then nothing changes, its time is kept).
if redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[2])
  return 1
end
return 0
