-- Adds one follow edge on both sides, atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] followee's followers ZSET
-- ARGV[1] followee id, ARGV[2] follower id, ARGV[3] follow time (ms since the epoch)
-- Returns 1 if the edge is new, 0 if it existed (then nothing changes, its time is kept).
--
-- The score is the follow time, raised if needed to 1 ms past the newest entry of either set,
-- so that two follows within one millisecond still list in the order they happened
-- (newest first), instead of falling back to Redis' ordering by member.
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local score = tonumber(ARGV[3])
for _, key in ipairs(KEYS) do
  local newest = redis.call('ZREVRANGE', key, 0, 0, 'WITHSCORES')
  if newest[2] and tonumber(newest[2]) >= score then
    score = tonumber(newest[2]) + 1
  end
end
redis.call('ZADD', KEYS[1], score, ARGV[1])
redis.call('ZADD', KEYS[2], score, ARGV[2])
return 1
