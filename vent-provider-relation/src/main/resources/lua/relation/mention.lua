-- Adds a "mentioned you" entry to an inbox, on the owner's slot, unless the owner is deleted or
-- either the owner or the author blocks the other. One entry per vent: a redelivery changes
-- nothing.
-- KEYS[1] inbox ZSET, KEYS[2] owner's deleted marker, KEYS[3] owner's blocking ZSET, KEYS[4]
-- owner's blocked-by ZSET
-- ARGV[1] member ('mentioned:<vent id>'), ARGV[2] time (ms), ARGV[3] author id, ARGV[4] inbox size
-- kept
-- Returns 1 if the entry was added, else 0.
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('ZSCORE', KEYS[3], ARGV[3])
    or redis.call('ZSCORE', KEYS[4], ARGV[3]) then
  return 0
end
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[4]) - 1)
return added
