-- Adds one follow edge on both sides and publishes Followed, atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] followee's followers ZSET, KEYS[3] relation event
-- stream, KEYS[4] follower's deleted marker, KEYS[5] followee's deleted marker
-- ARGV[1] followee id, ARGV[2] follower id, ARGV[3] follow time (ms since the epoch)
-- Returns 1 if the edge is new, 0 if it existed (then nothing changes, its time is kept) or if
-- either user has been deleted (a follow racing with an account deletion must not outlive it).
--
-- The score is the follow time, raised if needed to 1 ms past the newest entry of either set,
-- so that two follows within one millisecond still list in the order they happened
-- (newest first), instead of falling back to Redis' ordering by member.
if redis.call('EXISTS', KEYS[4], KEYS[5]) > 0 then
  return 0
end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local score = tonumber(ARGV[3])
for i = 1, 2 do
  local newest = redis.call('ZREVRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if newest[2] and tonumber(newest[2]) >= score then
    score = tonumber(newest[2]) + 1
  end
end
redis.call('ZADD', KEYS[1], score, ARGV[1])
redis.call('ZADD', KEYS[2], score, ARGV[2])
publish(KEYS[3], 'Followed', {followed = {followerId = ARGV[2], followeeId = ARGV[1],
  followedAtMs = string.format('%d', score)}})
return 1
