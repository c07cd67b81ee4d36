-- Puts entries into notification inboxes (idempotent: one entry per kind and actor, at the newer
-- of its times), each inbox keeping its newest ARGV[1] entries. Several entries per call, so that
-- a consumer writes a whole batch of events in one round trip; each entry is skipped when its
-- owner or its actor has been deleted.
-- For entry i (0-based): KEYS[3i+1] inbox ZSET (member "<kind>:<actor id>", score = time in ms),
-- KEYS[3i+2] owner's deleted marker, KEYS[3i+3] actor's deleted marker;
-- ARGV[2i+2] member, ARGV[2i+3] time (ms since the epoch).
-- Returns how many inboxes changed (entries new or moved; duplicates and older events change nothing).
local keep = tonumber(ARGV[1])
local changed = 0
for i = 0, #KEYS / 3 - 1 do
  local inbox = KEYS[3 * i + 1]
  if redis.call('EXISTS', KEYS[3 * i + 2], KEYS[3 * i + 3]) == 0 then
    changed = changed + redis.call('ZADD', inbox, 'GT', 'CH', ARGV[2 * i + 3], ARGV[2 * i + 2])
    redis.call('ZREMRANGEBYRANK', inbox, 0, -keep - 1)
  end
end
return changed
