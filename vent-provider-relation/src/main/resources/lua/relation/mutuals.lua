-- Users that the user follows and who follow back, most recently followed first (ties: member
-- descending, byte order, as ZREVRANGE).
-- KEYS[1] the user's following ZSET, KEYS[2] the user's followers ZSET
-- ARGV[1] limit; ARGV[2] scan budget (most entries examined); ARGV[3] chunk size
-- Returns the user ids.
--
-- Work is bounded by the smaller side: walking the following list newest first stops as soon
-- as `limit` mutuals are found; if the followers list is the smaller one (and within budget) it
-- is scanned whole and the matches sorted by follow time. If both sides exceed the budget, only
-- the `budget` most recent followees are examined.
local limit, budget, chunk = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local nFollowing = redis.call('ZCARD', KEYS[1])
local nFollowers = redis.call('ZCARD', KEYS[2])
local out = {}

if nFollowing <= nFollowers or nFollowers > budget then
  local pos = 0
  local stop = math.min(nFollowing, budget)
  while #out < limit and pos < stop do
    local ids = redis.call('ZREVRANGE', KEYS[1], pos, math.min(pos + chunk, stop) - 1)
    if #ids == 0 then
      break
    end
    local back = redis.call('ZMSCORE', KEYS[2], unpack(ids))
    for i = 1, #ids do
      if back[i] then
        out[#out + 1] = ids[i]
        if #out >= limit then
          break
        end
      end
    end
    pos = pos + #ids
  end
  return out
end

local function less(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

local found = {}
local pos = 0
while pos < nFollowers do
  local ids = redis.call('ZRANGE', KEYS[2], pos, pos + chunk - 1)
  if #ids == 0 then
    break
  end
  local since = redis.call('ZMSCORE', KEYS[1], unpack(ids))
  for i = 1, #ids do
    if since[i] then
      found[#found + 1] = { ids[i], tonumber(since[i]) }
    end
  end
  pos = pos + #ids
end
table.sort(found, function(a, b)
  if a[2] ~= b[2] then
    return a[2] > b[2]
  end
  return less(b[1], a[1])
end)
for i = 1, math.min(limit, #found) do
  out[i] = found[i][1]
end
return out
