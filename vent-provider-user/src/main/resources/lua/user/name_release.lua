-- KEYS[1] a username's claim. ARGV[1] the id releasing it.
-- Deletes the claim only while it names ARGV[1]. Returns 1 if deleted, else 0.
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
