-- KEYS: cred. ARGV: userId, expected version, new hash (empty: keep the hash), changedAtMs.
-- Compare-and-set on the version, which every write raises by one.
-- Java fills in the first credential version (Credential.FIRST_VERSION) with String.formatted:
-- no other percent sign may appear in this file.
if redis.call('HGET', KEYS[1], 'userId') ~= ARGV[1] then return 0 end
local ver = redis.call('HGET', KEYS[1], 'ver') or '%d'
if ver ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'ver', tostring(tonumber(ver) + 1))
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'hash', ARGV[3], 'changedAtMs', ARGV[4])
end
return 1
