-- One chunk of a deleted user's vents, on that user's slot: deletes the vents' hashes and their
-- places in the user's list; once the list is empty, also the user's home timeline. Called until
-- it returns 0, so that one call never blocks Redis for long; repeating one is harmless. No
-- VentDeleted: readers skip vents whose hash is gone and forget their places.
-- KEYS[1] the user's list ZSET, KEYS[2] the user's home timeline ZSET, KEYS[3..] the chunk's
-- vent hashes
-- ARGV[1..] the chunk's vent ids, in the order of KEYS[3..]
-- Returns how many places are left in the list.
for i = 1, #ARGV do
  redis.call('DEL', KEYS[i + 2])
  redis.call('ZREM', KEYS[1], ARGV[i])
end
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then
  redis.call('DEL', KEYS[2])
end
return left
