-- Applies a Blocked or Unblocked hand-off to the blocked user's side, on their slot. Newest version
-- per blocker wins (the blocked-by ZSET holds the block's version, the lifted ZSET the version of
-- the latest unblock), so a redelivered or reordered event never undoes a newer one.
-- KEYS[1] blocked-by ZSET (member = blocker id, score = block version), KEYS[2] lifted-blocks ZSET
-- (member = blocker id, score = unblock version), KEYS[3] following ZSET, KEYS[4] followers ZSET,
-- KEYS[5] unfollow tombstones ZSET, KEYS[6] deleted marker
-- ARGV[1] 'block' | 'unblock', ARGV[2] blocker id, ARGV[3] version (ms, the blocker's clock),
-- ARGV[4] tombstones with a version at or below this are dropped (ms)
-- Returns 1 if something changed, else 0.
--
-- Block: this user's follow of the blocker goes (any while the block stands: a follow in the
-- window before blocked-by knew of it is refused on the blocker's side too; if the block was lifted
-- meanwhile, only a follow not newer than the block), and the blocker's follow of this user goes
-- from the followers ZSET with a tombstone, as an unfollow of that version would.
if redis.call('EXISTS', KEYS[6]) == 1 then
  return 0
end
local kind, blocker, t = ARGV[1], ARGV[2], tonumber(ARGV[3])
local current = tonumber(redis.call('ZSCORE', KEYS[1], blocker))
local lifted = tonumber(redis.call('ZSCORE', KEYS[2], blocker))
local changed = 0
if kind == 'unblock' then
  if current and current < t then
    redis.call('ZREM', KEYS[1], blocker)
    changed = 1
  end
  redis.call('ZADD', KEYS[2], 'GT', t, blocker)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
  return changed
end
local stale = (current and current > t) or (lifted and lifted >= t)
if not stale and current ~= t then
  redis.call('ZADD', KEYS[1], t, blocker)
  redis.call('ZREM', KEYS[2], blocker)
  changed = 1
end
local following = tonumber(redis.call('ZSCORE', KEYS[3], blocker))
if following and (not stale or following <= t) then
  redis.call('ZREM', KEYS[3], blocker)
  changed = 1
end
local follower = tonumber(redis.call('ZSCORE', KEYS[4], blocker))
if follower and follower < t then
  redis.call('ZREM', KEYS[4], blocker)
  redis.call('ZADD', KEYS[5], 'GT', t, blocker)
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[4])
  changed = 1
end
return changed
