-- The blocker's side of a block, on the blocker's slot: adds the blocked user to the blocking ZSET,
-- removes the follows between the two that this slot holds (the blocker's follow of them, and
-- their follow of the blocker on the followee side, with an unfollow tombstone), and publishes
-- Blocked to the blocker's outbox, atomically. The blocked user's side (their follow of the
-- blocker, the blocker's follow on their followers side, their blocked-by ZSET) is applied from
-- that event by apply_blocked.lua.
-- KEYS[1] blocker's blocking ZSET, KEYS[2] blocker's following ZSET, KEYS[3] blocker's followers
-- ZSET, KEYS[4] blocker's unfollow tombstones ZSET, KEYS[5] blocker's deleted marker, KEYS[6]
-- blocker's clock, KEYS[7] the outbox of this slot
-- ARGV[1] blocked id, ARGV[2] blocker id, ARGV[3] now (ms since the epoch), ARGV[4] the event's
-- stream shard, ARGV[5] tombstones with a version at or below this are dropped (ms)
-- Returns 1 if the block is new, 0 if it existed (nothing changes) or the blocker is deleted.
--
-- The block's version is past the removed follows' versions, so the other side removes those and
-- refuses them if they arrive late.
if redis.call('EXISTS', KEYS[5]) == 1 or redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local following = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1])) or 0
local follower = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[1])) or 0
local t = next_version(KEYS[6], tonumber(ARGV[3]), math.max(following, follower) + 1)
redis.call('ZADD', KEYS[1], t, ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[4], 'GT', t, ARGV[1])
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[5])
end
publish(KEYS[7], ARGV[4], 'Blocked', {blocked = {blockerId = ARGV[2], blockedId = ARGV[1],
  blockedAtMs = string.format('%d', t)}})
return 1
