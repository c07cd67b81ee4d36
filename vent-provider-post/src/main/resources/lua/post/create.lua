-- A new vent, on its author's slot: the vent's hash (with PEXPIREAT when it expires), its place in
-- the author's list and in the author's own home timeline (read-your-writes; trimmed to the
-- timeline capacity), and VentPosted in the slot's outbox, atomically.
-- KEYS[1] the vent's hash, KEYS[2] the author's list ZSET, KEYS[3] the author's home timeline
-- ZSET, KEYS[4] the outbox of this slot
-- ARGV[1] vent id, ARGV[2] author id, ARGV[3] text, ARGV[4] audience (public, followers, mutuals),
-- ARGV[5] created at (ms), ARGV[6] expires at (ms, 0 = kept), ARGV[7] mentions ("<id>:<username>"
-- separated by spaces), ARGV[8] timeline capacity, ARGV[9] the event's stream shard, ARGV[10..]
-- the mentioned user ids, in order
-- Returns 1, or 0 when a vent with that id exists (then nothing changes).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'text', ARGV[3], 'audience', ARGV[4], 'createdAt', ARGV[5],
  'expiresAt', ARGV[6], 'mentions', ARGV[7])
if ARGV[6] ~= '0' then
  redis.call('PEXPIREAT', KEYS[1], ARGV[6])
end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[8]) + 1))
local posted = {ventId = ARGV[1], authorId = ARGV[2], audience = ARGV[4], createdAtMs = ARGV[5]}
if ARGV[6] ~= '0' then
  posted.expiresAtMs = ARGV[6]
end
-- Only when there are any: cjson encodes an empty table as {}, which is not a JSON list.
if #ARGV >= 10 then
  local ids = {}
  for i = 10, #ARGV do
    ids[#ids + 1] = ARGV[i]
  end
  posted.mentionedUserIds = ids
end
publish(KEYS[4], ARGV[9], 'VentPosted', {ventPosted = posted})
return 1
