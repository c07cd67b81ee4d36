-- The follower's side of an unfollow, on the follower's slot: removes the followee from the
-- following ZSET and publishes Unfollowed to the follower's outbox, atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] follower's clock, KEYS[3] the outbox of this slot
-- ARGV[1] followee id, ARGV[2] follower id, ARGV[3] now (ms since the epoch), ARGV[4] the event's
-- stream shard
-- Returns 1 if the edge existed, else 0 (and publishes nothing).
--
-- The unfollow's version is past the follow's, so the followee's side removes that follow and no
-- newer one, whichever event it applies first.
local since = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not since then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
local t = next_version(KEYS[2], tonumber(ARGV[3]), tonumber(since) + 1)
publish(KEYS[3], ARGV[4], 'Unfollowed', {unfollowed = {followerId = ARGV[2],
  followeeId = ARGV[1], unfollowedAtMs = string.format('%d', t)}})
return 1
