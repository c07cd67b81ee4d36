-- One page of a follow, block or mute list in ZREVRANGE order: score (time) descending, then
-- member descending in byte order (page_start.lua, loaded in front, finds where it starts).
-- KEYS[1] the ZSET
-- ARGV[1] how many entries; ARGV[2] cursor score ('' for the first page); ARGV[3] cursor member
-- Returns {member1, score1, member2, score2, ...}.
--
-- The cursor is the last entry of the previous page; the page starts at the first entry ordered
-- after it, whether or not it is still in the set.
local key = KEYS[1]
local count = tonumber(ARGV[1])
local start = 0
if ARGV[2] ~= '' then
  start = page_start(key, ARGV[2], ARGV[3])
end
return redis.call('ZREVRANGE', key, start, start + count - 1, 'WITHSCORES')
