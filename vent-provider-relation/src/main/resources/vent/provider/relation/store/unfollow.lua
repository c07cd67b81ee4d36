-- Removes one follow edge from both sides and publishes Unfollowed, atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] followee's followers ZSET, KEYS[3] relation event stream
-- ARGV[1] followee id, ARGV[2] follower id
-- Returns 1 if the edge existed, else 0 (and publishes nothing).
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[2])
if removed == 1 then
  publish(KEYS[3], 'Unfollowed', {unfollowed = {followerId = ARGV[2], followeeId = ARGV[1]}})
end
return removed
