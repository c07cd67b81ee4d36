-- Deletes a vent, on its author's slot: the hash, its place in the author's list and in the
-- author's home timeline, and VentDeleted in the slot's outbox, atomically. The places are removed
-- even when the hash is gone already (expired), as clean-up.
-- KEYS[1] the vent's hash, KEYS[2] the author's list ZSET, KEYS[3] the author's home timeline
-- ZSET, KEYS[4] the outbox of this slot
-- ARGV[1] vent id, ARGV[2] author id, ARGV[3] now (ms), ARGV[4] the event's stream shard
-- Returns 1 when the vent was deleted, 0 when there was none (then no event).
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('DEL', KEYS[1]) == 0 then
  return 0
end
publish(KEYS[4], ARGV[4], 'VentDeleted', {ventDeleted = {ventId = ARGV[1], authorId = ARGV[2],
  deletedAtMs = ARGV[3]}})
return 1
