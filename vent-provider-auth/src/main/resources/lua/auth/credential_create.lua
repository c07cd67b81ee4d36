-- KEYS: cred (vent:auth:{<id>}:cred). ARGV: userId, lower-username, hash, changedAtMs, version.
-- Replaces whatever credential the user had. The username pointer is written before, on the
-- name's own slot.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'username', ARGV[2], 'hash', ARGV[3],
  'changedAtMs', ARGV[4], 'ver', ARGV[5])
return 1
