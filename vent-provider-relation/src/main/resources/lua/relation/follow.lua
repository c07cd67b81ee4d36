-- The follower's side of a follow, on the follower's slot: adds the followee to the following
-- ZSET and publishes Followed to the follower's outbox, atomically. The followee's side
-- (followers ZSET, inbox) is applied from that event by apply_followee.lua.
-- KEYS[1] follower's following ZSET, KEYS[2] follower's deleted marker, KEYS[3] follower's clock,
-- KEYS[4] the outbox of this slot, KEYS[5] follower's blocking ZSET, KEYS[6] follower's blocked-by
-- ZSET
-- ARGV[1] followee id, ARGV[2] follower id, ARGV[3] now (ms since the epoch), ARGV[4] the event's
-- stream shard
-- Returns 1 if the edge is new, 0 if it existed (then nothing changes, its time is kept) or if the
-- follower has been deleted (a follow racing with an account deletion must not outlive it), -1 if
-- either user blocks the other (nothing changes). The blocked-by set learns of a block through the
-- hand-off of Blocked; a follow in that short window is undone when its own hand-off reaches the
-- blocker's side (apply_followee.lua), or by the Blocked hand-off, whichever comes second.
--
-- The version (score and followedAtMs) is past every earlier one of the follower (the clock), so
-- two follows within one millisecond still list in the order they happened.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
if redis.call('ZSCORE', KEYS[5], ARGV[1]) or redis.call('ZSCORE', KEYS[6], ARGV[1]) then
  return -1
end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local t = next_version(KEYS[3], tonumber(ARGV[3]))
redis.call('ZADD', KEYS[1], t, ARGV[1])
publish(KEYS[4], ARGV[4], 'Followed', {followed = {followerId = ARGV[2], followeeId = ARGV[1],
  followedAtMs = string.format('%d', t)}})
return 1
