-- Defines visible(member, blocking, blockedBy, muting), which the inbox reads load in front of
-- their own: whether the owner may see an inbox entry, i.e. its actor is neither blocked by the
-- owner, nor blocks the owner, nor muted by the owner. The three ZSETs are the owner's (the
-- owner's slot). Members: 'followed:<actor id>', 'mentioned:<vent id>' (a vent id starts with its
-- author's id and '-').
local function inbox_actor(member)
  local kind, rest = string.match(member, '^(%a+):(.*)$')
  if kind == 'mentioned' then
    return (string.match(rest, '^([0-9]+)-'))
  end
  return rest
end

local function visible(member, blocking, blockedBy, muting)
  local actor = inbox_actor(member)
  if not actor then
    return true
  end
  return not (redis.call('ZSCORE', blocking, actor) or redis.call('ZSCORE', blockedBy, actor)
    or redis.call('ZSCORE', muting, actor))
end
