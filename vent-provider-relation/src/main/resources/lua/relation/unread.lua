-- Counts the unread entries of a notification inbox that the owner may see (inbox_visible.lua).
-- KEYS[1] inbox ZSET, KEYS[2] read marker (time in ms of the newest entry read; absent: none read),
-- KEYS[3] owner's blocking ZSET, KEYS[4] owner's blocked-by ZSET, KEYS[5] owner's muting ZSET
-- Returns the number of visible entries newer than the marker (bounded by the inbox's size).
local readAt = redis.call('GET', KEYS[2]) or '-inf'
local unread = 0
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. readAt, '+inf')) do
  if visible(member, KEYS[3], KEYS[4], KEYS[5]) then
    unread = unread + 1
  end
end
return unread
