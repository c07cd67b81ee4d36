-- One page of an inbox in ZREVRANGE order (page.lua's order and cursor), leaving out entries the
-- owner may not see (inbox_visible.lua). The inbox holds at most its size of entries, so a page
-- that skips many hidden ones stays bounded.
-- KEYS[1] inbox ZSET, KEYS[2] owner's blocking ZSET, KEYS[3] owner's blocked-by ZSET, KEYS[4]
-- owner's muting ZSET
-- ARGV[1] how many entries; ARGV[2] cursor score ('' for the first page); ARGV[3] cursor member
-- Returns {member1, score1, member2, score2, ...}.
local key = KEYS[1]
local count = tonumber(ARGV[1])
local start = 0
if ARGV[2] ~= '' then
  start = page_start(key, ARGV[2], ARGV[3])
end
local out = {}
while #out < 2 * count do
  local chunk = redis.call('ZREVRANGE', key, start, start + count - 1, 'WITHSCORES')
  if #chunk == 0 then
    break
  end
  for i = 1, #chunk, 2 do
    if #out < 2 * count and visible(chunk[i], KEYS[2], KEYS[3], KEYS[4]) then
      out[#out + 1] = chunk[i]
      out[#out + 1] = chunk[i + 1]
    end
  end
  start = start + #chunk / 2
end
return out
