-- Trims a stream below what every consumer group has acknowledged, and reports each group's lag,
-- in one atomic step (a group created or a read made meanwhile cannot slip between the two).
-- KEYS[1] stream, KEYS[2] its dead-letter stream
-- ARGV[1] length at or below which nothing is trimmed
-- ARGV[2] id below which entries may go ('<ms>-0'): entries at or after it are kept whatever
--         the groups have read (the retention window of plain XREAD readers)
-- ARGV[3] '1' to count dead letters per group (reads the whole dead-letter stream)
-- Returns {removed, length, floor, then per group: name, pending, lag, dead letters}.
-- floor is the lowest id some group still needs ('' when there is no group); lag is -1 when Redis
-- cannot tell it.
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end
local function after(id)
  local ms, seq = parse(id)
  return string.format('%d-%d', ms, seq + 1)
end

local length = redis.call('XLEN', KEYS[1])
if length == 0 then return {0, 0, ''} end
local out = {0, length, ''}
local floor = nil
local dead = {}
if ARGV[3] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then
  for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
    local fields = entry[2]
    for i = 1, #fields, 2 do
      if fields[i] == 'group' then dead[fields[i + 1]] = (dead[fields[i + 1]] or 0) + 1 end
    end
  end
end
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local info = {}
  for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
  -- Entries up to last-delivered-id that are not pending are acknowledged; a pending entry is not.
  local need = after(info['last-delivered-id'])
  if info['pending'] > 0 then
    need = redis.call('XPENDING', KEYS[1], info['name'])[2]
  end
  if floor == nil or less(need, floor) then floor = need end
  local lag = info['lag']
  if not lag then lag = -1 end
  out[#out + 1] = info['name']
  out[#out + 1] = info['pending']
  out[#out + 1] = lag
  out[#out + 1] = dead[info['name']] or 0
end
if floor == nil then return out end
out[3] = floor
if length > tonumber(ARGV[1]) then
  local cut = floor
  if less(ARGV[2], cut) then cut = ARGV[2] end
  out[1] = redis.call('XTRIM', KEYS[1], 'MINID', '~', cut)
  out[2] = redis.call('XLEN', KEYS[1])
end
return out
