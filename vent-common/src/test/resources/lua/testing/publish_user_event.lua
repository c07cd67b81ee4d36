-- Writes one user event through publish (events/publish.lua), as the user provider's scripts do.
-- KEYS[1] the user's outbox. ARGV[1] 'deleted' or anything else (an update), ARGV[2] user id,
-- ARGV[3] a number, ARGV[4] the stream shard.
if ARGV[1] == 'deleted' then
  return publish(KEYS[1], ARGV[4], 'UserDeleted', {userDeleted = {userId = ARGV[2],
    username = 'gone' .. ARGV[2]}})
end
return publish(KEYS[1], ARGV[4], 'UserUpdated', {userUpdated = {userId = ARGV[2],
  displayName = 'n' .. ARGV[3], bio = '', updatedAtMs = ARGV[3]}})
