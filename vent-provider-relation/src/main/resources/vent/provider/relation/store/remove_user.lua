-- Removes up to ARGV[3] of a deleted user's follow edges per direction, from both sides, and the
-- user's "followed you" entries in their followees' notification inboxes; marks the user deleted
-- (so that a follow racing with the deletion is refused, see follow.lua) and, once no edge is
-- left, drops the user's own inbox. Called repeatedly until it returns 0, so that one call never
-- blocks Redis for long; every call is atomic and repeating a call is harmless.
-- KEYS[1] user's following ZSET, KEYS[2] user's followers ZSET, KEYS[3] user's deleted marker,
-- KEYS[4] user's inbox ZSET, KEYS[5] user's inbox read marker
-- ARGV[1] user id, ARGV[2] relation key prefix ("vent:relation:{"), ARGV[3] chunk size,
-- ARGV[4] notification key prefix ("vent:notification:{")
-- Returns how many edges are left.
redis.call('SET', KEYS[3], '1')
local n = tonumber(ARGV[3])
local followees = redis.call('ZRANGE', KEYS[1], 0, n - 1)
for _, id in ipairs(followees) do
  redis.call('ZREM', ARGV[2] .. id .. '}:followers', ARGV[1])
  redis.call('ZREM', ARGV[4] .. id .. '}:inbox', 'followed:' .. ARGV[1])
end
if #followees > 0 then redis.call('ZREM', KEYS[1], unpack(followees)) end
local followers = redis.call('ZRANGE', KEYS[2], 0, n - 1)
for _, id in ipairs(followers) do
  redis.call('ZREM', ARGV[2] .. id .. '}:following', ARGV[1])
end
if #followers > 0 then redis.call('ZREM', KEYS[2], unpack(followers)) end
local left = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if left == 0 then redis.call('DEL', KEYS[4], KEYS[5]) end
return left
