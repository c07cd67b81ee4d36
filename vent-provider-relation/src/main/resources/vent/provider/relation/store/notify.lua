-- Puts one entry into a notification inbox (idempotent: one entry per kind and actor, at the
-- newer of its times) and keeps the newest ARGV[3] entries.
-- KEYS[1] inbox ZSET (member "<kind>:<actor id>", score = time in ms), KEYS[2] owner's deleted
-- marker, KEYS[3] actor's deleted marker
-- ARGV[1] member, ARGV[2] time (ms since the epoch), ARGV[3] most entries kept
-- Returns 1 when the entry is new or moved, 0 when nothing changed (duplicate delivery, older
-- event, or a deleted owner or actor).
if redis.call('EXISTS', KEYS[2], KEYS[3]) > 0 then return 0 end
local changed = redis.call('ZADD', KEYS[1], 'GT', 'CH', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
return changed
