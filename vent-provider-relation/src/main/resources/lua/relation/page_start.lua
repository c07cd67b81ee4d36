-- Defines page_start(key, score, member), which the page scripts load in front of their own: the
-- rank (ZREVRANGE order: score descending, then member descending in byte order) of the first
-- entry ordered after (score, member), the last entry of the previous page.
--
-- If that entry is still in the set with the same score, it is the rank right after it. Otherwise
-- (removed, or re-added with a new score) entries with a higher score come before it, and among
-- entries with an equal score (imports write thousands with one time) a binary search over ranks
-- finds the first member below the cursor's: O(log n).

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

local function page_start(key, score, member)
  local current = redis.call('ZSCORE', key, member)
  if current and tonumber(current) == tonumber(score) then
    return redis.call('ZREVRANK', key, member) + 1
  end
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
  return lo
end
