-- One page of a follow list in ZREVRANGE order: score (follow time) descending, then member
-- descending in byte order.
-- KEYS[1] the ZSET
-- ARGV[1] how many entries; ARGV[2] cursor score ('' for the first page); ARGV[3] cursor member
-- Returns {member1, score1, member2, score2, ...}.
--
-- The cursor is the last entry of the previous page. If it is still in the set with the same
-- score, the page starts right after its rank. Otherwise (unfollowed, or re-followed with a new
-- time) the page starts at the first entry ordered after (score, member): entries with a higher
-- score come before it, and among entries with an equal score (imports write thousands with one
-- time) a binary search over ranks finds the first member below the cursor's.
local key = KEYS[1]
local count = tonumber(ARGV[1])
local start = 0

-- Byte-order comparison (Redis orders equal scores by memcmp; Lua's '<' follows the locale).
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

if ARGV[2] ~= '' then
  local score, member = ARGV[2], ARGV[3]
  local current = redis.call('ZSCORE', key, member)
  if current and tonumber(current) == tonumber(score) then
    start = redis.call('ZREVRANK', key, member) + 1
  else
    local lo = redis.call('ZCOUNT', key, '(' .. score, '+inf')
    local hi = lo + redis.call('ZCOUNT', key, score, score)
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      local m = redis.call('ZREVRANGE', key, mid, mid)[1]
      if less(m, member) then
        hi = mid
      else
        lo = mid + 1
      end
    end
    start = lo
  end
end
return redis.call('ZREVRANGE', key, start, start + count - 1, 'WITHSCORES')
