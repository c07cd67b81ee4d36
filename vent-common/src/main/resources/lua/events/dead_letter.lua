-- Moves one pending entry to the dead-letter stream and acknowledges it, atomically, so that it
-- is neither lost nor handled again.
-- KEYS[1] stream, KEYS[2] dead-letter stream
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] deliveries so far, ARGV[4] last error, ARGV[5] dead-letter max length
-- Returns 1 when the entry still existed (else it was trimmed away and is only acknowledged).
local found = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
if found[1] then
  local args = {'XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*',
    'stream', KEYS[1], 'id', ARGV[2], 'group', ARGV[1], 'deliveries', ARGV[3], 'error', ARGV[4]}
  local fields = found[1][2]
  for i = 1, #fields do args[#args + 1] = fields[i] end
  redis.call(unpack(args))
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if found[1] then return 1 end
return 0
