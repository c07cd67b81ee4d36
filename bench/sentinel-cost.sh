#!/usr/bin/env bash
# Throughput cost of Sentinel on the REST read path (GET /users/{id}), on vs off, in one run.
# Needs a built project and the demo graph (it imports wiki-Vote if missing) and Debian's wrk.
# Each phase restarts the stack: Sentinel on (rules present but never blocking), off, on again.
# Usage: bench/sentinel-cost.sh [SECONDS per measurement, default 20]
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
secs=${1:-20}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
export VENT_STATE_DIR=${VENT_STATE_DIR:-$PWD/.state-bench} VENT_SKIP_BUILD=1
consul=http://127.0.0.1:${VENT_CONSUL_PORT:-8500}
script=$(mktemp --suffix .lua)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'LUA'
-- Random imported users (ids 1..7115 are the wiki-Vote users of a fresh state dir).
request = function()
  return wrk.format("GET", "/api/v1/users/" .. math.random(1, 7115))
end
LUA

# The rules stay in force and are evaluated on every request, with limits no single load
# generator reaches: what is measured is Sentinel's bookkeeping, not its refusals.
relax() {
  curl -sf -X PUT "$consul/v1/kv/vent/sentinel/vent-web/param-flow" --data-binary \
    '[{"resource":"client-ip","grade":1,"paramIdx":0,"count":1000000,"durationInSec":1},{"resource":"client-user","grade":1,"paramIdx":0,"count":1000000,"durationInSec":1}]' >/dev/null
  curl -sf -X PUT "$consul/v1/kv/vent/sentinel/vent-web/system" --data-binary '[]' >/dev/null
  # The default slow-call breakers open when a saturated 2-core machine pushes calls past
  # 500 ms; that is their job in production, but here it would measure refusals.
  curl -sf -X PUT "$consul/v1/kv/vent/sentinel/vent-web/degrade" --data-binary \
    '[{"resource":"dev.vent.user.v1.UserService","grade":0,"count":60000,"slowRatioThreshold":1.0,"minRequestAmount":1000000,"statIntervalMs":10000,"timeWindow":10},{"resource":"dev.vent.relation.v1.RelationService","grade":0,"count":60000,"slowRatioThreshold":1.0,"minRequestAmount":1000000,"statIntervalMs":10000,"timeWindow":10}]' >/dev/null
  sleep 2
}

measure() { # LABEL
  wrk -t2 -c16 -d15s -s "$script" "http://127.0.0.1:${VENT_HTTP_PORT:-8080}" >/dev/null # warm-up (JIT)
  local out
  out=$(wrk -t2 -c16 -d"${secs}s" --latency -s "$script" "http://127.0.0.1:${VENT_HTTP_PORT:-8080}")
  printf '%s: %s req/s, p50 %s, p99 %s, non-2xx %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(awk '/Non-2xx/ {print $5}' <<<"$out" | grep . || echo 0)"
}

./vent down >/dev/null 2>&1 || true
VENT_SENTINEL_ENABLED=true ./vent up >/dev/null
relax
measure "sentinel on "
./vent down >/dev/null
VENT_SENTINEL_ENABLED=false ./vent up >/dev/null
measure "sentinel off"
./vent down >/dev/null
VENT_SENTINEL_ENABLED=true ./vent up >/dev/null
relax
measure "sentinel on "
./vent down >/dev/null
