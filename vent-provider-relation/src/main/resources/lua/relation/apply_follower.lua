-- Removes a followee from a follower's following ZSET, on the follower's slot, unless the follower
-- followed again after the removal's version: the hand-back of a follow whose followee was deleted,
-- and the follower's side of the deletion cascade of a followee.
-- KEYS[1] follower's following ZSET
-- ARGV[1] followee id, ARGV[2] version (ms): only an edge with a score at or below it goes
-- Returns 1 if the edge was removed, else 0.
local since = redis.call('ZSCORE', KEYS[1], ARGV[1])
if since and tonumber(since) <= tonumber(ARGV[2]) then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
return 0
