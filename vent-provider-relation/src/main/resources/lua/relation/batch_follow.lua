-- The follower's side of many follows of one follower (imports), on the follower's slot: each
-- absent followee is added to the following ZSET with one version for the whole call, and a
-- Followed per new edge goes to the follower's outbox; the call runs atomically.
-- KEYS[1] follower's following ZSET, KEYS[2] follower's deleted marker, KEYS[3] follower's clock,
-- KEYS[4] the outbox of this slot, KEYS[5] follower's blocking ZSET, KEYS[6] follower's blocked-by
-- ZSET (pairs where either user blocks the other are skipped)
-- ARGV[1] follower id, ARGV[2] now (ms since the epoch), ARGV[3] the events' stream shard,
-- ARGV[4..] followee ids (duplicates allowed)
-- Returns how many edges are new (0 if the follower has been deleted).
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
local t
local created = 0
for i = 4, #ARGV do
  if not (redis.call('ZSCORE', KEYS[1], ARGV[i]) or redis.call('ZSCORE', KEYS[5], ARGV[i])
      or redis.call('ZSCORE', KEYS[6], ARGV[i])) then
    t = t or next_version(KEYS[3], tonumber(ARGV[2]))
    redis.call('ZADD', KEYS[1], t, ARGV[i])
    publish(KEYS[4], ARGV[3], 'Followed', {followed = {followerId = ARGV[1],
      followeeId = ARGV[i], followedAtMs = string.format('%d', t)}})
    created = created + 1
  end
end
return created
