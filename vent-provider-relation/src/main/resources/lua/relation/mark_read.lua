-- Marks a notification inbox read up to its newest entry.
-- KEYS[1] inbox ZSET, KEYS[2] read marker (time in ms of the newest entry read)
-- Returns how many entries were unread.
local newest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if not newest[2] then return 0 end
local readAt = redis.call('GET', KEYS[2]) or '-inf'
local unread = redis.call('ZCOUNT', KEYS[1], '(' .. readAt, '+inf')
if unread > 0 then redis.call('SET', KEYS[2], newest[2]) end
return unread
