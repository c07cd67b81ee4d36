-- Defines next_version(clock, now, floor), which the follower-side scripts load in front of their
-- own: a user's follows, unfollows and removals carry versions (milliseconds since the epoch) that
-- strictly increase per user, so the other side of an edge can apply its hand-offs newest-wins.
-- clock: the user's clock key (the last version issued); now: the caller's time (ms); floor: the
-- lowest acceptable version (nil for none). Stores and returns max(now, clock + 1, floor).
local function next_version(clock, now, floor)
  local t = math.max(now, (tonumber(redis.call('GET', clock)) or 0) + 1, floor or 0)
  redis.call('SET', clock, string.format('%d', t))
  return t
end
