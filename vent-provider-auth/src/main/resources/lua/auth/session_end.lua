-- KEYS: session, user-sessions. ARGV: userId, sid, refresh prefix.
local uid = redis.call('HGET', KEYS[1], 'userId')
if not uid then
  redis.call('SREM', KEYS[2], ARGV[2])
  return 0
end
if uid ~= ARGV[1] then return 0 end
local h = redis.call('HGET', KEYS[1], 'refreshHash')
if h then redis.call('DEL', ARGV[3] .. h) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
return 1
