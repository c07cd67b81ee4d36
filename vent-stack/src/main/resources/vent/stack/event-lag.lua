-- One line per consumer group of each event stream (KEYS), read in one script so the numbers are
-- of one moment; a group that stopped reading shows a growing lag.
local out = {}
for _, s in ipairs(KEYS) do
  if redis.call('EXISTS', s) == 0 then
    out[#out + 1] = s .. ': empty'
  else
    local dead = {}
    for _, e in ipairs(redis.call('XRANGE', s .. ':dead-letter', '-', '+')) do
      for i = 1, #e[2], 2 do
        if e[2][i] == 'group' then dead[e[2][i + 1]] = (dead[e[2][i + 1]] or 0) + 1 end
      end
    end
    local groups = redis.call('XINFO', 'GROUPS', s)
    out[#out + 1] = s .. ': ' .. redis.call('XLEN', s) .. ' entries, ' .. #groups .. ' group(s)'
    for _, g in ipairs(groups) do
      local f = {}
      for i = 1, #g, 2 do f[g[i]] = g[i + 1] end
      out[#out + 1] = string.format('  %-24s pending %d, lag %s, dead letters %d', f['name'], f['pending'],
        f['lag'] and tostring(f['lag']) or 'unknown', dead[f['name']] or 0)
    end
  end
end
return out
