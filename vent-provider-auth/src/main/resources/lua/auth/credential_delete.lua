-- KEYS: cred. ARGV[1] (optional): a lower-case username; then the credential is only deleted while
-- it is for that name. Returns the username it had, or false when nothing was deleted; the caller
-- then drops the username pointer if it still names this user.
local name = redis.call('HGET', KEYS[1], 'username')
if not name or (ARGV[1] and ARGV[1] ~= name) then return false end
redis.call('DEL', KEYS[1])
return name
