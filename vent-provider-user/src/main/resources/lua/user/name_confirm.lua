-- KEYS[1] a username's claim. ARGV[1] the id whose profile now exists.
-- Marks the claim confirmed if it still names ARGV[1]. Returns 1 if so, else 0 (taken over).
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'confirmed', '1')
return 1
