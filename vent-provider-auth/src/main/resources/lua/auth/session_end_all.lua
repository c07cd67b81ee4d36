-- KEYS: user-sessions. ARGV: session prefix, refresh prefix, userId.
local n = 0
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local skey = ARGV[1] .. sid
  if redis.call('HGET', skey, 'userId') == ARGV[3] then
    local h = redis.call('HGET', skey, 'refreshHash')
    if h then redis.call('DEL', ARGV[2] .. h) end
    redis.call('DEL', skey)
    n = n + 1
  end
end
redis.call('DEL', KEYS[1])
return n
