-- wrk script for ./vent bench: one scenario per run, chosen by environment variables.
--   BENCH_SCENARIO  R1 (GET /users/{id}), R2 (GET /users/{id}/followers?limit=20),
--                   W1 (follow/unfollow pairs), M1 (90% R1/R2 reads, 10% W1 writes),
--                   T1 (GET /me/timeline?limit=20 of a token's user), D1 (the DeathStarBench
--                   social-network mix: 60% T1, 30% GET /users/{id}/vents?limit=20 of a
--                   BENCH_AUTHORS id, 10% POST /vents of a public vent)
--   BENCH_USERS     imported user ids are 1..BENCH_USERS (R1 and the targets of W1)
--   BENCH_R2_IDS    file of user ids, one per line, drawn in proportion to follower count
--   BENCH_TOKENS    file of access tokens, one per line (W1, M1, T1, D1)
--   BENCH_AUTHORS   file of user ids whose vents D1 reads, one per line
--   BENCH_RATE      requests/s of the whole run, 0 = as fast as the connections go
--   BENCH_THREADS   wrk's -t (the rate is split between its threads)
--   BENCH_CONNECTIONS wrk's -c (for the coordinated-omission correction of paced runs)
--   BENCH_LABEL     copied into the result
-- done() prints one line "BENCH_JSON {...}" with counts and latency in microseconds: latencyUs as
-- wrk measured it (from the actual send) and, for paced runs, latencyCorrectedUs, the same
-- corrected for coordinated omission the way HdrHistogram's recordValueWithExpectedInterval does.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec;
  int clock_gettime(int clk_id, timespec *tp);
]]
local ts = ffi.new("timespec[1]")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts[0].tv_sec) * 1000 + tonumber(ts[0].tv_nsec) / 1e6
end

local scenario = os.getenv("BENCH_SCENARIO") or "R1"
local users = tonumber(os.getenv("BENCH_USERS") or "7115")
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "16")

local function lines(path)
  local t = {}
  if path == nil or path == "" then return t end
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  for line in f:lines() do
    if line ~= "" then t[#t + 1] = line end
  end
  f:close()
  return t
end

local r2_ids, tokens, authors
local gap_ms, next_slot = 0, 0
local pending = {} -- W1: per token index, the followee to unfollow next

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  r2_ids = lines(os.getenv("BENCH_R2_IDS"))
  tokens = lines(os.getenv("BENCH_TOKENS"))
  authors = lines(os.getenv("BENCH_AUTHORS"))
  if rate > 0 then gap_ms = 1000 * threads / rate end
end

-- Pacing: every request of this thread takes the next slot of a fixed schedule, so the thread
-- offers rate/threads requests per second whatever the latency (while connections are free).
-- Latency is timed from the actual send; done() adds the coordinated-omission correction.
function delay()
  if gap_ms == 0 then return 0 end
  local t = now_ms()
  if next_slot < t - 1000 then next_slot = t end -- fell behind by a second: do not burst
  next_slot = next_slot + gap_ms
  local d = next_slot - t
  if d < 0 then return 0 end
  return d
end

local function r1()
  return wrk.format("GET", "/api/v1/users/" .. math.random(1, users))
end

local function r2()
  local id = #r2_ids > 0 and r2_ids[math.random(1, #r2_ids)] or math.random(1, users)
  return wrk.format("GET", "/api/v1/users/" .. id .. "/followers?limit=20")
end

-- A follow, then (next time the same token comes up) the unfollow of the same pair.
local function w1()
  local i = math.random(1, #tokens)
  local headers = { ["Authorization"] = "Bearer " .. tokens[i] }
  local target = pending[i]
  if target then
    pending[i] = nil
    return wrk.format("DELETE", "/api/v1/me/following/" .. target, headers)
  end
  target = math.random(1, users)
  pending[i] = target
  return wrk.format("PUT", "/api/v1/me/following/" .. target, headers)
end

local function bearer()
  return { ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)] }
end

local function t1()
  return wrk.format("GET", "/api/v1/me/timeline?limit=20", bearer())
end

local posted = 0
local function compose()
  posted = posted + 1
  local headers = bearer()
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/vents", headers,
    '{"text":"bench vent ' .. posted .. '","audience":"public"}')
end

local function d1()
  local p = math.random()
  if p < 0.60 then return t1() end
  if p < 0.90 then
    return wrk.format("GET", "/api/v1/users/" .. authors[math.random(1, #authors)] .. "/vents?limit=20")
  end
  return compose()
end

function request()
  if scenario == "T1" then return t1() end
  if scenario == "D1" then return d1() end
  if scenario == "R1" then return r1() end
  if scenario == "R2" then return r2() end
  if scenario == "W1" then return w1() end
  local p = math.random()
  if p < 0.10 then return w1() end
  if p < 0.55 then return r1() end
  return r2()
end

-- HdrHistogram's correction for coordinated omission: a paced connection should send every
-- connections/rate seconds, so an answer that took longer hid the requests it held back; each is
-- added with the latency it would have had (value - k * interval, while above the interval).
-- Returns the corrected mean, p50, p90, p99, p99.9 and max, microseconds.
local function corrected(latency)
  local interval = 1e6 * connections / rate
  local values, total, sum = {}, 0, 0
  for i = 1, #latency do
    local v, c = latency(i)
    if c > 0 then
      local x = v
      repeat
        values[#values + 1] = { x, c }
        total = total + c
        sum = sum + x * c
        x = x - interval
      until x < interval
    end
  end
  table.sort(values, function(a, b) return a[1] < b[1] end)
  local function at(p)
    local want, seen = math.ceil(total * p / 100), 0
    for _, e in ipairs(values) do
      seen = seen + e[2]
      if seen >= want then return e[1] end
    end
    return values[#values][1]
  end
  return sum / total, at(50), at(90), at(99), at(99.9), values[#values][1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"label":"%s","scenario":"%s","targetRate":%d,"durationUs":%d,"requests":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}',
    os.getenv("BENCH_LABEL") or "", scenario, rate, summary.duration, summary.requests,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
  if rate > 0 and #latency > 0 then
    local mean, p50, p90, p99, p999, max = corrected(latency)
    io.write(string.format(
      ',"latencyCorrectedUs":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}',
      mean, math.floor(p50), math.floor(p90), math.floor(p99), math.floor(p999), math.floor(max)))
  end
  io.write("}\n")
end
