-- One chunk of a deleted user's cascade, on that user's slot: marks the user deleted (their own
-- follows are refused from then on, follows of them are refused by apply_followee.lua), removes up
-- to ARGV[2] edges per direction and publishes one EdgeRemoved per removed edge to the user's
-- outbox, so that the other user's side is applied by the hand-off consumer. Once no edge is left
-- it drops the user's inbox, read marker, tombstones, clock, blocks and mutes (other users' block
-- sets that name this user stay: they only refuse follows of a deleted user). Called until it returns 0, so that
-- one call never blocks Redis for long; every call is atomic and repeating one is harmless.
-- KEYS[1] following ZSET, KEYS[2] followers ZSET, KEYS[3] deleted marker, KEYS[4] inbox ZSET,
-- KEYS[5] inbox read marker, KEYS[6] clock, KEYS[7] tombstones ZSET, KEYS[8] the outbox of this
-- slot, KEYS[9] blocking ZSET, KEYS[10] blocked-by ZSET, KEYS[11] lifted-blocks ZSET, KEYS[12]
-- muting ZSET
-- ARGV[1] user id, ARGV[2] chunk size, ARGV[3] now (ms since the epoch), ARGV[4] the events'
-- stream shard
-- Returns how many edges are left.
local user, n = ARGV[1], tonumber(ARGV[2])
redis.call('SET', KEYS[3], '1')
local followees = redis.call('ZRANGE', KEYS[1], 0, n - 1, 'WITHSCORES')
local followers = redis.call('ZRANGE', KEYS[2], 0, n - 1, 'WITHSCORES')
if #followees + #followers > 0 then
  local newest = 0
  for i = 2, #followees, 2 do newest = math.max(newest, tonumber(followees[i])) end
  for i = 2, #followers, 2 do newest = math.max(newest, tonumber(followers[i])) end
  local v = string.format('%d', next_version(KEYS[6], tonumber(ARGV[3]), newest + 1))
  for i = 1, #followees, 2 do
    redis.call('ZREM', KEYS[1], followees[i])
    publish(KEYS[8], ARGV[4], 'EdgeRemoved', {edgeRemoved = {followerId = user,
      followeeId = followees[i], removedAtMs = v, deletedUserId = user}})
  end
  for i = 1, #followers, 2 do
    redis.call('ZREM', KEYS[2], followers[i])
    publish(KEYS[8], ARGV[4], 'EdgeRemoved', {edgeRemoved = {followerId = followers[i],
      followeeId = user, removedAtMs = v, deletedUserId = user}})
  end
end
local left = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if left == 0 then
  redis.call('DEL', KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[9], KEYS[10], KEYS[11], KEYS[12])
end
return left
