-- How one user relates to many others, from the user's own two ZSETs.
-- KEYS[1] the user's following ZSET, KEYS[2] the user's followers ZSET
-- ARGV: the other user ids
-- Returns one integer per other id: 1 = following, 2 = followed by, 3 = both, 0 = neither.
local following = redis.call('ZMSCORE', KEYS[1], unpack(ARGV))
local followers = redis.call('ZMSCORE', KEYS[2], unpack(ARGV))
local out = {}
for i = 1, #ARGV do
  out[i] = (following[i] and 1 or 0) + (followers[i] and 2 or 0)
end
return out
