-- The blocker's side of an unblock, on the blocker's slot: removes the blocked user from the
-- blocking ZSET and publishes Unblocked to the blocker's outbox, atomically; the blocked user's
-- blocked-by ZSET is updated from that event by apply_blocked.lua. Removed follows stay removed.
-- KEYS[1] blocker's blocking ZSET, KEYS[2] blocker's clock, KEYS[3] the outbox of this slot
-- ARGV[1] blocked id, ARGV[2] blocker id, ARGV[3] now (ms since the epoch), ARGV[4] the event's
-- stream shard
-- Returns 1 if the block existed, else 0 (and publishes nothing).
local since = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not since then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
local t = next_version(KEYS[2], tonumber(ARGV[3]), tonumber(since) + 1)
publish(KEYS[3], ARGV[4], 'Unblocked', {unblocked = {blockerId = ARGV[2], blockedId = ARGV[1],
  unblockedAtMs = string.format('%d', t)}})
return 1
