-- Applies one hand-off to the followee's side, on the followee's slot: the followers ZSET, the
-- unfollow tombstones and the "followed you" inbox entry. Newest version wins per follower, so a
-- redelivered, reclaimed or reordered event never undoes a newer one.
-- KEYS[1] followee's followers ZSET, KEYS[2] followee's tombstones ZSET (member = follower id,
-- score = version of the latest removal), KEYS[3] followee's deleted marker, KEYS[4] followee's
-- inbox ZSET, KEYS[5] followee's blocking ZSET
-- ARGV[1] 'follow' | 'unfollow' | 'gone' (unfollow because the follower was deleted: the inbox
-- entry goes too), ARGV[2] follower id, ARGV[3] version (ms), ARGV[4] inbox size kept,
-- ARGV[5] tombstones with a version at or below this are dropped (ms)
-- Returns 1 if the followers ZSET changed, 0 if nothing changed, -1 if a follow was refused
-- because the followee has been deleted or blocks the follower (the caller then removes it from the
-- follower's side).
local kind, follower, t = ARGV[1], ARGV[2], tonumber(ARGV[3])
if redis.call('EXISTS', KEYS[3]) == 1 then
  -- The deletion cascade empties this user's sets and drops its tombstones; write nothing here.
  if kind == 'follow' then
    return -1
  end
  return 0
end
if kind == 'follow' and redis.call('ZSCORE', KEYS[5], follower) then
  -- A follow that passed the follower's check before the block's hand-off reached their side.
  return -1
end
local current = tonumber(redis.call('ZSCORE', KEYS[1], follower))
local member = 'followed:' .. follower
if kind == 'follow' then
  local removed = tonumber(redis.call('ZSCORE', KEYS[2], follower))
  if (current and current > t) or (removed and removed >= t) then
    return 0
  end
  -- The same version again (a redelivery, or a follow whose followers side was written with it
  -- before hand-offs existed) only makes sure of the inbox entry.
  local changed = 0
  if current ~= t then
    redis.call('ZADD', KEYS[1], t, follower)
    redis.call('ZREM', KEYS[2], follower)
    changed = 1
  end
  redis.call('ZADD', KEYS[4], 'GT', t, member)
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -tonumber(ARGV[4]) - 1)
  return changed
end
local changed = 0
if current and current < t then
  redis.call('ZREM', KEYS[1], follower)
  changed = 1
end
redis.call('ZADD', KEYS[2], 'GT', t, follower)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
if kind == 'gone' then
  redis.call('ZREM', KEYS[4], member)
end
return changed
