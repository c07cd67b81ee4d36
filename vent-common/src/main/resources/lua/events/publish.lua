-- Defines publish(outbox, stream, type, event), which producers load in front of their own scripts,
-- so that a state change and its event are written by one script: Redis runs a script atomically,
-- and with AOF or replication its writes are kept or lost together (no event without the change,
-- no change without the event).
-- The event goes to the outbox of the script's own slot (KEYS must hash to one slot on a Redis
-- Cluster); OutboxRelay moves it to its stream shard, named by ARGV, not KEYS, as the script never
-- touches it.
-- publish: XADD of one outbox entry with the fields 'stream' (the shard key), 'type' and 'event'
-- (the Lua table event, encoded with Redis' cjson, in the shape of proto3 JSON: lowerCamelCase
-- names, int64 values as strings). Returns the outbox entry id.
local function publish(outbox, stream, type, event)
  return redis.call('XADD', outbox, '*', 'stream', stream, 'type', type, 'event', cjson.encode(event))
end
