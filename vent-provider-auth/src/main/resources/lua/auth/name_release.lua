-- KEYS: a username pointer. ARGV: user id. Deletes the pointer only while it names that user.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
