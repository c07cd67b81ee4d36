-- Reads a notification inbox's read marker.
-- KEYS[1] read marker. Returns its value (time in ms), or '' when nothing was read yet.
return redis.call('GET', KEYS[1]) or ''
