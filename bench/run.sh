#!/usr/bin/env bash
# ./vent bench: the benchmark harness of docs/BENCHMARKS.md. In one run, on loopback:
#   `./vent up` as the README runs it (its time, then R1 from the moment it returns: the warm-up
#   curve), soc-Epinions1 import rate, R1/R2/W1/M1/T1 through vent-web, B1 (the same reads from
#   a bench-only Dropwizard app straight on Redis), B2 (redis-benchmark of the same commands),
#   Sentinel's switch on/off/on/off/on for R1, observability off/on for R1 (metrics and Prometheus, tracing at
#   1%), the soc-Epinions1 import on the cluster topology, then B3 (JMH: Triple vs grpc-java).
# Each wrk scenario: a warm-up, a saturation run (fixed connections, as fast as they go), then
# paced runs at 25/50/75% of that rate. CPU and RSS of every process are read from /proc around
# each saturation run. Results: bench/results/<UTC time>/ (results.json, summary.md, chart.png,
# raw/); the summary is printed at the end.
# `run.sh vents` (./vent bench vents) runs the vents benchmark instead (vents_bench below);
# `run.sh observability` only the observability cost (observability_cost below), on wiki-Vote;
# `run.sh profile` R1 at saturation under async-profiler in vent-web and the user and relation
# providers; VENT_BENCH_PROFILE=T1 the timeline (vent-web, the post, relation and user providers),
# R1-observability R1 with metrics, Prometheus and tracing at 1% on, import the soc-Epinions1
# import (the relation, user, auth and post providers), up the start of every JVM of the stack
# (profile_scenario, profile_import, profile_up below).
# Environment: VENT_BENCH_SECONDS per measured run [20], VENT_BENCH_WARMUP per scenario [10],
# VENT_BENCH_JIT_WARMUP before the first scenario [60],
# VENT_BENCH_CONNECTIONS [16], VENT_BENCH_CURVE seconds of the warm-up curve at most [240],
# VENT_BENCH_CLUSTER=0 skips the cluster import, VENT_BENCH_JMH=0 skips B3, VENT_SKIP_BUILD=1, VENT_STATE_DIR
# [.state-bench, wiped at the start], VENT_JAVA_OPTS (as for ./vent up), VENT_BENCH_FAN_OUT_VENTS
# vents per author in the vents benchmark [30], VENT_BENCH_PROFILE the scenario of `profile` [R1].
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"

SECS=${VENT_BENCH_SECONDS:-20}
WARM=${VENT_BENCH_WARMUP:-10}
JIT_WARM=${VENT_BENCH_JIT_WARMUP:-60}
CONN=${VENT_BENCH_CONNECTIONS:-16}
CURVE=${VENT_BENCH_CURVE:-240}
CURVE_SLICE=2 # seconds per wrk run of the warm-up curve
SETTLE_SECS=10 SETTLE_PERCENT=3 SETTLE_RUNS=18 # settle's plateau test
THREADS=2
WRITERS=100 # registered bench users whose tokens W1/M1 use
for v in SECS WARM CONN JIT_WARM CURVE; do
  [[ ${!v} =~ ^[1-9][0-9]{0,3}$ ]] || { echo "bench: the VENT_BENCH_* settings are positive integers (got ${!v})" >&2; exit 2; }
done
export VENT_STATE_DIR=${VENT_STATE_DIR:-$ROOT/.state-bench}
# The baselines (B1's app, redis-cli, redis-benchmark) and this script's Consul checks talk to
# Redis and Consul directly, without credentials: the bench stack runs without generated ones
# (docs/SECURITY.md, "Generated credentials").
export VENT_SECRETS=${VENT_SECRETS:-none}
export VENT_DEMO_GRAPH=none VENT_CAPTCHA_TEST_ANSWER=bench-answer
# Tokens are taken once, before the write scenarios; they must outlive the run. The lifetime is
# global configuration (auth and vent-web read it), so the bench's stack sets it globally.
ACCESS_TTL_SECONDS=7200
HTTP=http://127.0.0.1:${VENT_HTTP_PORT:-8080}
CONSUL=http://127.0.0.1:${VENT_CONSUL_PORT:-8500}
REDIS_PORT=${VENT_REDIS_PORT:-6379}
B1_PORT=${VENT_BENCH_B1_PORT:-8090}
B1_ADMIN_PORT=${VENT_BENCH_B1_ADMIN_PORT:-8091}
JAVA_OPTS=${VENT_JAVA_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC}
GRAPH=docs/datasets/wiki-Vote.txt
EPINIONS=docs/datasets/soc-Epinions1.txt.gz
MODE=${1:-all}
PROFILE=${VENT_BENCH_PROFILE:-R1}
[[ $PROFILE =~ ^(R1|T1|R1-observability|import|up)$ ]] || { echo "bench: VENT_BENCH_PROFILE is R1, T1, R1-observability, import or up (got $PROFILE)" >&2; exit 2; }
[[ $MODE =~ ^(all|vents|observability|profile)$ ]] || { echo "bench: usage: run.sh [all|vents|observability|profile]" >&2; exit 2; }
OUT=$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)
[[ $MODE == all ]] || OUT=$OUT-$MODE
[[ $MODE != profile || $PROFILE == R1 ]] || OUT=$OUT-$PROFILE
RAW=$OUT/raw
BENCH_CP="$ROOT/bench/target/vent-bench.jar:$ROOT/bench/target/lib/*"
# Access tokens and B1's request log stay in the state dir, out of the results.
TOKENS=$VENT_STATE_DIR/bench-tokens.txt
B1_PID=

say() { printf 'bench: %s\n' "$*"; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
rate() { jq -r '(.requests / (.durationUs / 1e6)) | floor' "$1"; } # FILE: a wrk run's req/s

cleanup() {
  [[ -n $B1_PID ]] && kill "$B1_PID" 2>/dev/null && wait "$B1_PID" 2>/dev/null
  ./vent down >/dev/null 2>&1 || true
  VENT_STATE_DIR=$VENT_STATE_DIR-readme ./vent down >/dev/null 2>&1 || true
  VENT_STATE_DIR=$VENT_STATE_DIR-cluster VENT_TOPOLOGY=cluster ./vent down >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need() { # COMMAND PACKAGE
  command -v "$1" >/dev/null && return
  say "installing $2 (Debian)"
  local sudo=
  ((EUID == 0)) || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >/dev/null
}

# --- the stack -----------------------------------------------------------------------------
# The rules stay loaded and are evaluated on every request, with limits one load generator
# never reaches: the figures measure Vent, not its refusals (docs/BENCHMARKS.md).
relax_rules() {
  local dir app type
  for dir in sentinel-rules/*/; do
    app=$(basename "$dir")
    for type in flow param-flow degrade system; do
      jq -c '
        if $t == "flow" then map(.count = 1000000)
        elif $t == "param-flow" then map(.count = 1000000 | .burstCount = 0)
        elif $t == "degrade" then map(.minRequestAmount = 1000000 | if .grade == 0 then .count = 60000 else . end)
        else map(.highestSystemLoad = -1 | if .maxThread > 0 then .maxThread = 100000 else . end) end' \
        --arg t "$type" "$dir$type.json" |
        curl -sf -X PUT "$CONSUL/v1/kv/vent/sentinel/$app/$type" --data-binary @- >/dev/null
    done
  done
  curl -sf -X PUT "$CONSUL/v1/kv/vent/config/global/auth.access-token-ttl-seconds" \
    --data-binary "$ACCESS_TTL_SECONDS" >/dev/null
  sleep 2 # the rule and configuration watches apply KV changes within a blocking-query round trip
}

stack_up() { # [VAR=value...]: settings over the defaults
  env VENT_SKIP_BUILD=1 VENT_SENTINEL_ENABLED=true "$@" ./vent up >"$RAW/up-$(now_ms).log" 2>&1 || {
    tail -n 30 "$RAW"/up-*.log >&2
    exit 1
  }
  relax_rules
}

# --- measurements --------------------------------------------------------------------------
# One line per process: name pid cpu-ticks rss-kB peak-rss-kB.
procs() {
  local f name pid stat
  local -a fields
  for f in "$VENT_STATE_DIR"/run/*.pid; do
    name=$(basename "$f" .pid)
    read -r pid <"$f" || continue
    { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || continue
    read -r -a fields <<<"${stat##*) }"
    printf '%s %s %s %s %s\n' "$name" "$pid" $((fields[11] + fields[12])) \
      "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")" "$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")"
  done
  if [[ -n $B1_PID ]] && { read -r stat <"/proc/$B1_PID/stat"; } 2>/dev/null; then
    read -r -a fields <<<"${stat##*) }"
    printf 'baseline %s %s %s %s\n' "$B1_PID" $((fields[11] + fields[12])) \
      "$(awk '/^VmRSS/ {print $2}' "/proc/$B1_PID/status")" "$(awk '/^VmHWM/ {print $2}' "/proc/$B1_PID/status")"
  fi
}

# wrk_run NAME SCENARIO URL RATE SECONDS LABEL: one wrk run; its BENCH_JSON line goes to
# raw/wrk/NAME/LABEL.json (warm-ups are not kept).
wrk_run() {
  local name=$1 scenario=$2 url=$3 rate=$4 secs=$5 label=$6 out
  out=$(BENCH_SCENARIO=$scenario BENCH_RATE=$rate BENCH_THREADS=$THREADS BENCH_CONNECTIONS=$CONN BENCH_LABEL=$label \
    BENCH_USERS=$USERS BENCH_TOKENS=$([[ -f $TOKENS ]] && echo "$TOKENS") \
    BENCH_R2_IDS=$([[ -f $RAW/r2-ids.txt ]] && echo "$RAW/r2-ids.txt") \
    BENCH_AUTHORS=$([[ -f $RAW/vent-authors.txt ]] && echo "$RAW/vent-authors.txt") \
    wrk -t"$THREADS" -c"$CONN" -d"${secs}s" --timeout 10s -s bench/wrk/vent.lua "$url")
  [[ $label == warmup ]] && return
  mkdir -p "$RAW/wrk/$name"
  sed -n 's/^BENCH_JSON //p' <<<"$out" >"$RAW/wrk/$name/$label.json"
}

# scenario NAME WRK-SCENARIO URL: warm-up, saturation (with /proc snapshots), paced points.
scenario() {
  local name=$1 sc=$2 url=$3 sat pct
  say "$name: warm-up ${WARM} s, saturation ${SECS} s, then 25/50/75% of it"
  wrk_run "$name" "$sc" "$url" 0 "$WARM" warmup
  mkdir -p "$RAW/procs/$name"
  procs >"$RAW/procs/$name/before.txt"
  wrk_run "$name" "$sc" "$url" 0 "$SECS" sat
  procs >"$RAW/procs/$name/after.txt"
  sat=$(rate "$RAW/wrk/$name/sat.json")
  say "$name: $sat req/s at saturation"
  for pct in 25 50 75; do
    wrk_run "$name" "$sc" "$url" $((sat * pct / 100)) "$SECS" "r$pct"
  done
}

# Users whose followers R2 pages through, drawn in proportion to their follower counts: the
# followee of a random edge of the imported graph, mapped to its Vent id.
r2_ids() {
  tr -d '\r' <"$GRAPH" | grep -v '^#' | shuf -n 2000 --random-source=<(yes) |
    awk '{print "HGET vent:user:name:{u" $2 "} id"}' |
    redis-cli -p "$REDIS_PORT" --no-raw |
    sed -n 's/^"\([0-9]*\)"$/\1/p' >"$RAW/r2-ids.txt"
  [[ -s $RAW/r2-ids.txt ]] || { echo "bench: no user ids found for R2 (import failed?)" >&2; exit 1; }
}

register_writers() {
  say "registering $WRITERS users for the write scenarios"
  local run=$RANDOM
  # shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
  seq 1 "$WRITERS" | xargs -P 4 -I{} sh -c '
    c=$(curl -sf -X POST "$1/api/v1/captchas" | jq -r .id) &&
    curl -sf -X POST "$1/api/v1/users" -H "Content-Type: application/json" -d "{\"username\":\"bench_$2_$3\",\"password\":\"bench-password-$3\",\"displayName\":\"Bench $3\",\"captchaId\":\"$c\",\"captchaAnswer\":\"bench-answer\"}" |
      jq -r .accessToken' _ "$HTTP" "$run" {} >"$TOKENS"
  (($(grep -c . "$TOKENS") == WRITERS)) || { echo "bench: registering the bench users failed" >&2; exit 1; }
}

start_baseline() {
  say "starting B1 (bench-only Dropwizard app on Redis, port $B1_PORT)"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  VENT_REDIS_MODE=single VENT_REDIS_ADDRESSES=redis://127.0.0.1:$REDIS_PORT VENT_BASELINE_HTTP_PORT=$B1_PORT VENT_BASELINE_ADMIN_PORT=$B1_ADMIN_PORT \
    java $JAVA_OPTS -cp "$BENCH_CP" vent.bench.baseline.BaselineApplication server bench/baseline.yml \
    >"$VENT_STATE_DIR/logs/baseline.log" 2>&1 &
  B1_PID=$!
  local deadline=$(($(now_ms) + 60000))
  until curl -sf -o /dev/null "http://127.0.0.1:$B1_ADMIN_PORT/healthcheck"; do
    if ! kill -0 "$B1_PID" 2>/dev/null || (($(now_ms) >= deadline)); then
      tail -n 30 "$VENT_STATE_DIR/logs/baseline.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

stop_baseline() {
  if kill "$B1_PID"; then wait "$B1_PID" 2>/dev/null || true; fi
  B1_PID=
}

# B2: the Redis commands behind R1 (HGETALL + 2 ZCARD) and R2 (ZREVRANGE + HGETALL each), and
# the floor of an import (ZADD, one by one and pipelined 16 deep).
redis_floor() {
  local id key
  id=$(head -n 1 "$RAW/r2-ids.txt")
  key="vent:relation:{$id}:followers"
  say "B2: redis-benchmark, $CONN connections"
  {
    echo '"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"'
    redis-benchmark -p "$REDIS_PORT" -c "$CONN" -n 200000 --csv hgetall "vent:user:{$id}" | tail -n +2
    redis-benchmark -p "$REDIS_PORT" -c "$CONN" -n 200000 --csv zcard "$key" | tail -n +2
    redis-benchmark -p "$REDIS_PORT" -c "$CONN" -n 200000 --csv zrevrange "$key" 0 20 withscores | tail -n +2
    redis-benchmark -p "$REDIS_PORT" -c "$CONN" -n 200000 --csv -r 1000000 zadd vent:bench:zset __rand_int__ __rand_int__ | tail -n +2
    redis-benchmark -p "$REDIS_PORT" -c "$CONN" -n 1000000 -P 16 --csv -r 1000000 zadd vent:bench:zset __rand_int__ __rand_int__ |
      tail -n +2 | sed 's/^"zadd/"zadd pipelined 16/'
  } >"$RAW/redis-benchmark.csv"
  redis-cli -p "$REDIS_PORT" del vent:bench:zset >/dev/null
}

# --- the vents benchmark -------------------------------------------------------------------
# soc-Epinions1 (508,837 follows) is imported after its users 1011, 118 and 18 (100, 1,004 and
# 3,035 followers) and 100 of user 18's followers have registered as u<node>, so that they can
# log in and the import gives them their real followers and followees. Then: fan-out latency per
# author (FanOutLatency, with the fan-out threshold above 3,035 so that all three fan out on
# write), every registered user posts 10 vents (the default threshold makes 118 and 18 big
# authors, merged into timelines when read), and wrk runs R1, T1 (the followers' home timelines)
# and D1 (60% T1, 30% an author's vents, 10% posts): warm-up, then saturation for SECS.
FAN_OUT_AUTHORS=(1011 118 18)

register_as_nodes() { # FILE-OF-NODES OUT-FILE: "node id token" per line
  # shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
  xargs -P 4 -I{} sh -c '
    c=$(curl -sf -X POST "$1/api/v1/captchas" | jq -r .id) &&
    curl -sf -X POST "$1/api/v1/users" -H "Content-Type: application/json" -d "{\"username\":\"u$2\",\"password\":\"bench-password-$2\",\"displayName\":\"Node $2\",\"captchaId\":\"$c\",\"captchaAnswer\":\"bench-answer\"}" |
      jq -r "\"$2 \" + .user.id + \" \" + .accessToken"' _ "$HTTP" {} <"$1" >"$2"
  (($(grep -c . "$2") == $(grep -c . "$1"))) || { echo "bench: registering $1 failed" >&2; exit 1; }
}

set_threshold() {
  curl -sf -X PUT "$CONSUL/v1/kv/vent/config/global/timeline.fan-out-threshold" --data-binary "$1" >/dev/null
  sleep 2
}

vents_bench() {
  local work=$VENT_STATE_DIR/bench-vents node id token n expected waited
  # The unpacked graph and the registered users' tokens stay in the state dir, out of the results.
  local graph=$work/epinions.txt author_file=$work/authors.txt readers=$work/readers.txt
  mkdir -p "$work"
  gunzip -c "$EPINIONS" | tr -d '\r' | grep -v '^#' >"$graph"
  say "starting a fresh stack (state dir $VENT_STATE_DIR)"
  stack_up
  printf '%s\n' "${FAN_OUT_AUTHORS[@]}" >"$RAW/author-nodes.txt"
  awk '$2 == 18 {print $1}' "$graph" | shuf -n 100 --random-source=<(yes) >"$RAW/reader-nodes.txt"
  say "registering the authors ${FAN_OUT_AUTHORS[*]} and 100 followers of 18 before the import"
  register_as_nodes "$RAW/author-nodes.txt" "$author_file"
  register_as_nodes "$RAW/reader-nodes.txt" "$readers"
  say "importing $EPINIONS"
  ./vent import "$graph" 2>/dev/null | tee "$RAW/import.log" | grep 'import done'
  USERS=$(redis-cli -p "$REDIS_PORT" get vent:user:id-seq)
  while read -r node id token; do
    expected=$(awk -v n="$node" '$2 == n' "$graph" | sort -u | grep -c .)
    for ((waited = 0; waited < 300; waited++)); do
      n=$(redis-cli -p "$REDIS_PORT" zcard "vent:relation:{$id}:followers")
      ((n == expected)) && break
      sleep 1
    done
    ((n == expected)) || { echo "bench: u$node has $n of its $expected followers after 300 s" >&2; exit 1; }
    say "u$node (id $id) has its $expected followers"
  done <"$author_file"

  say "fan-out latency, fan-out on write for every author (threshold 100000)"
  set_threshold 100000
  local -a author_args=()
  while read -r node id token; do author_args+=(--author "$id:$token"); done <"$author_file"
  java -cp "$BENCH_CP" vent.bench.vents.FanOutLatency --http "$HTTP" \
    --redis "redis://127.0.0.1:$REDIS_PORT" --vents "${VENT_BENCH_FAN_OUT_VENTS:-30}" \
    --out "$RAW/fan-out.json" "${author_args[@]}" | tee "$RAW/fan-out.log"
  set_threshold 1000

  say "every registered user posts 10 vents"
  cut -d' ' -f2 "$author_file" "$readers" >"$RAW/vent-authors.txt"
  cut -d' ' -f3 "$author_file" "$readers" >"$TOKENS"
  for n in $(seq 1 10); do
    # shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
    xargs -P 4 -I{} sh -c 'curl -sf -o /dev/null -X POST "$1/api/v1/vents" -H "Authorization: Bearer $2" -H "Content-Type: application/json" -d "{\"text\":\"seed $3\",\"audience\":\"public\"}"' \
      _ "$HTTP" {} "$n" <"$TOKENS"
  done
  cut -d' ' -f3 "$readers" >"$TOKENS"

  say "warm-up: ${JIT_WARM} s of D1, then R1"
  wrk_run warm D1 "$HTTP" 0 "$JIT_WARM" warmup
  wrk_run warm R1 "$HTTP" 0 $((JIT_WARM / 3)) warmup
  local name
  for name in R1 T1 D1; do
    wrk_run "$name" "$name" "$HTTP" 0 "$WARM" warmup
    wrk_run "$name" "$name" "$HTTP" 0 "$SECS" sat
    say "$name: $(jq -r '"\((.requests / (.durationUs / 1e6)) | floor) req/s, p99 \(.latencyUs.p99 / 1000) ms, errors \(.errors)"' "$RAW/wrk/$name/sat.json")"
  done
  say "T1/R1 = $(jq -rn --slurpfile t "$RAW/wrk/T1/sat.json" --slurpfile r "$RAW/wrk/R1/sat.json" \
    '(($t[0].requests / $t[0].durationUs) / ($r[0].requests / $r[0].durationUs) * 100 | round) / 100')"
  ./vent down >/dev/null
}

# Sentinel's global switch, true or false, in every process of the stack: the command port's
# setSwitch, as the dashboard sends it. Off, each entry returns before Sentinel's slot chain (no
# statistics, no rule checks); the adapters' filters and vent-web's rate-limit headers still run.
sentinel_switch() {
  local port
  while read -r port; do
    curl -sf -X POST "http://127.0.0.1:$port/setSwitch" --data "value=$1" >/dev/null ||
      { echo "bench: setting Sentinel's switch on port $port failed" >&2; exit 1; }
  done < <(grep -o 'VENT_SENTINEL_PORT="[0-9]*"' "$VENT_STATE_DIR/supervisord.conf" | grep -o '[0-9][0-9]*')
}

# Sentinel's cost, on the warm stack: R1 at saturation with Sentinel's switch on, off, on, off, on
# (raw/wrk/R1-sentinel/on-1.json, off-2.json, ...), a WARM s warm-up after each switch. Two
# stacks started for it compared how far each one's JIT had got more than Sentinel; alternating
# on one stack also shows the drift between runs.
sentinel_cost() {
  local i phase switch
  say "Sentinel's cost: R1 with its switch on, off, on, off, on"
  for i in 1 2 3 4 5; do
    if ((i % 2)); then phase=on switch=true; else phase=off switch=false; fi
    sentinel_switch "$switch"
    wrk_run R1-sentinel R1 "$HTTP" 0 "$WARM" warmup
    wrk_run R1-sentinel R1 "$HTTP" 0 "$SECS" "$phase-$i"
    say "R1 with Sentinel $phase: $(rate "$RAW/wrk/R1-sentinel/$phase-$i.json") req/s"
  done
  sentinel_switch true
}

# settle NAME [SCENARIO]: SCENARIO (R1 by default) in SETTLE_SECS s runs (raw/wrk/NAME/settleN.json)
# until three in a row lie within SETTLE_PERCENT of their lowest (two in a row agreed on a stack
# that then went on climbing), at most SETTLE_RUNS. A fresh stack's rate keeps climbing for minutes
# after a fixed warm-up (its six JVMs compile on two cores at once): measured before that, R1 ran
# at a third of its plateau.
# The log says whether it settled and at which rates.
settle() {
  local i rps a=0 b=0 lo hi settled=no rates='' sc=${2:-R1}
  for ((i = 1; i <= SETTLE_RUNS; i++)); do
    wrk_run "$1" "$sc" "$HTTP" 0 "$SETTLE_SECS" "settle$i"
    rps=$(rate "$RAW/wrk/$1/settle$i.json")
    rates+=" $rps"
    lo=$((a < b ? a : b)) hi=$((a > b ? a : b))
    lo=$((rps < lo ? rps : lo)) hi=$((rps > hi ? rps : hi))
    if ((lo > 0 && 100 * (hi - lo) <= SETTLE_PERCENT * lo)); then
      settled=yes
      break
    fi
    a=$b b=$rps
  done
  say "$1: $sc settled: $settled; runs at$rates req/s"
}

# r1_fresh NAME: R1 saturation as scenario NAME on a stack just started: the JIT warm-up, R1 until it
# settles, then the measured run.
r1_fresh() {
  wrk_run "$1" R1 "$HTTP" 0 "$JIT_WARM" warmup
  settle "$1"
  wrk_run "$1" R1 "$HTTP" 0 "$SECS" sat
  say "$1: $(rate "$RAW/wrk/$1/sat.json") req/s"
}

# The cost of observability: R1 with metrics, Prometheus and tracing off, then with metrics and
# Prometheus on and tracing at 1% sampling (Zipkin and the OpenTelemetry agent in every JVM).
observability_cost() {
  say "R1 with metrics, Prometheus and tracing off (restarting the stack)"
  ./vent down >/dev/null
  stack_up VENT_METRICS=off VENT_MONITORING=off VENT_TRACING=off
  r1_fresh R1-observability-off
  say "R1 with metrics and Prometheus on, tracing at 1% sampling (restarting the stack)"
  ./vent down >/dev/null
  stack_up VENT_METRICS=on VENT_MONITORING=on VENT_TRACING=on VENT_TRACE_SAMPLING=0.01
  r1_fresh R1-observability-on
  ./vent down >/dev/null
}

# `./vent up` as a new user runs it (README): a fresh state dir and the defaults (monitoring on,
# the demo graph imported on the first start), the jars already built; the bench's
# VENT_SECRETS=none stays, so that redis-cli can read the user count. Then R1 from the moment it
# returns (after relaxing the rules, which is counted), in CURVE_SLICE s wrk runs (answered
# requests only: a 503 while a provider is not yet found does not count), until
# 15 s after the first slice at 80% of the warm stack's R1 or CURVE s: raw/wrk/R1-warmup/tNNNNNN
# (the slice's end, ms after up returned). The warm rate is R1's saturation measured later.
readme_up() {
  local dir=$VENT_STATE_DIR-readme t0 since=0 rps goal=0 reached=0 label
  rm -rf "$dir"
  say "./vent up as the README runs it (fresh state dir $dir: demo graph, monitoring on)"
  t0=$(now_ms)
  env -u VENT_DEMO_GRAPH VENT_STATE_DIR="$dir" VENT_SKIP_BUILD=1 ./vent up >"$RAW/up-readme.log" 2>&1 || {
    tail -n 30 "$RAW/up-readme.log" >&2
    exit 1
  }
  local up_ms=$(($(now_ms) - t0))
  t0=$(now_ms)
  echo "$up_ms" >"$RAW/readme-up-ms.txt"
  say "up in $((up_ms / 1000)).$(((up_ms % 1000) / 100)) s; R1 from now on, ${CURVE_SLICE} s slices"
  relax_rules
  USERS=$(redis-cli -p "$REDIS_PORT" get vent:user:id-seq)
  [[ $USERS =~ ^[0-9]+$ ]] || { echo "bench: the demo graph was not imported (no user count)" >&2; exit 1; }
  [[ -f $RAW/wrk/R1/sat.json ]] && goal=$(rate "$RAW/wrk/R1/sat.json")
  while ((since < CURVE * 1000)); do
    wrk_run R1-warmup R1 "$HTTP" 0 "$CURVE_SLICE" curve
    since=$(($(now_ms) - t0))
    label=t$(printf '%07d' "$since")
    jq -c --arg l "$label" '.label = $l' "$RAW/wrk/R1-warmup/curve.json" >"$RAW/wrk/R1-warmup/$label.json"
    rm "$RAW/wrk/R1-warmup/curve.json"
    rps=$(jq -r '((.requests - .errors.status - .errors.timeout) / (.durationUs / 1e6)) | floor' "$RAW/wrk/R1-warmup/$label.json")
    if ((goal > 0 && reached == 0 && rps * 100 >= goal * 80)); then
      reached=$since
    fi
    ((reached > 0 && since - reached >= 15000)) && break
  done
  say "warm-up curve: $(find "$RAW/wrk/R1-warmup" -name 't*.json' | wc -l) slices over $((since / 1000)) s"
  VENT_STATE_DIR=$dir ./vent down >/dev/null
}

# T1's data: each bench user follows 20 other bench users, then every one of them posts 10 vents
# (fan-out on write: a bench user has at most 100 followers).
timeline_setup() {
  local ids=$VENT_STATE_DIR/bench-ids.txt token n
  say "T1: bench users follow 20 of each other and post 10 vents each"
  # shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
  xargs -P 4 -I{} sh -c 'curl -sf "$1/api/v1/me" -H "Authorization: Bearer $2" | jq -r .id' _ "$HTTP" {} <"$TOKENS" >"$ids"
  (($(grep -c . "$ids") == WRITERS)) || { echo "bench: reading the bench users' ids failed" >&2; exit 1; }
  while read -r token; do
    shuf -n 20 "$ids" --random-source=<(yes "$token") |
      xargs -P 4 -I{} curl -s -o /dev/null -X PUT "$HTTP/api/v1/me/following/{}" -H "Authorization: Bearer $token"
  done <"$TOKENS"
  for n in $(seq 1 10); do
    # shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
    xargs -P 4 -I{} sh -c 'curl -sf -o /dev/null -X POST "$1/api/v1/vents" -H "Authorization: Bearer $2" -H "Content-Type: application/json" -d "{\"text\":\"bench $3\",\"audience\":\"public\"}"' \
      _ "$HTTP" {} "$n" <"$TOKENS"
  done
}

# soc-Epinions1 imported on the cluster topology (a Redis Cluster of six, three Consul servers),
# on a fresh stack of its own state dir: raw/import-cluster.log.
cluster_import() {
  local dir=$VENT_STATE_DIR-cluster
  say "soc-Epinions1 on the cluster topology (fresh stack, state dir $dir)"
  rm -rf "$dir"
  stack_up VENT_STATE_DIR="$dir" VENT_TOPOLOGY=cluster
  VENT_STATE_DIR=$dir VENT_TOPOLOGY=cluster ./vent import "$GRAPH" 2>/dev/null |
    tee "$RAW/import-cluster.log" | grep 'import done'
  VENT_STATE_DIR=$dir VENT_TOPOLOGY=cluster ./vent down >/dev/null
}

# profile_scenario R1|T1 PROCESS...: where the scenario's CPU time goes in the named processes:
# after a JIT warm-up, one saturation run without a profiler, then one with async-profiler
# (profile_start), whose rate is printed next to the first: a profile counts only if they are close.
profile_scenario() {
  local sc=$1
  shift
  say "warm-up: ${JIT_WARM} s of $sc"
  wrk_run warm "$sc" "$HTTP" 0 "$JIT_WARM" warmup
  wrk_run "$sc-unprofiled" "$sc" "$HTTP" 0 "$SECS" sat
  say "$sc without the profiler: $(rate "$RAW/wrk/$sc-unprofiled/sat.json") req/s"
  profile_start "$@"
  wrk_run "$sc-profiled" "$sc" "$HTTP" 0 "$SECS" sat
  say "$sc under the profiler: $(rate "$RAW/wrk/$sc-profiled/sat.json") req/s"
  profile_stop "$@"
}

# profile_import PROCESS...: the soc-Epinions1 import on the fresh stack, as the recorded run
# imports it (cold JVMs included), under async-profiler in the named processes, with Redis's
# command counts before and after.
profile_import() {
  local dir=$RAW/profile
  mkdir -p "$VENT_STATE_DIR/graph" "$dir"
  gunzip -c "$EPINIONS" | tr -d '\r' | grep -v '^#' >"$VENT_STATE_DIR/graph/soc-Epinions1.txt"
  redis-cli -p "$REDIS_PORT" info commandstats >"$dir/redis-commandstats-before.txt"
  profile_start "$@"
  say "importing soc-Epinions1 under the profiler"
  ./vent import "$VENT_STATE_DIR/graph/soc-Epinions1.txt" 2>/dev/null | tee "$RAW/import.log" | grep 'import done'
  profile_stop "$@"
  redis-cli -p "$REDIS_PORT" info commandstats >"$dir/redis-commandstats-after.txt"
}

# profile_start PROCESS...: async-profiler (the native library of the async-profiler jar on the
# bench's class path, loaded through jcmd) in each named process: CPU samples every 10 ms of a
# thread's CPU time (perf events where the kernel allows them, else a timer), all threads, Java,
# JVM and native frames. Unlike JFR it sees what a thread does outside Java code (epoll, the JIT,
# the GC) and instruments nothing, so the profiled code stays compiled as it was.
profile_start() {
  local name pid lib=$RAW/profile/libasyncProfiler.so
  profiler_library "$lib"
  for name in "$@"; do
    read -r pid <"$VENT_STATE_DIR/run/$name.pid"
    # jcmd reads key=value words as its own arguments: the agent's options go as one quoted word.
    jcmd "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=10ms,threads"' >/dev/null
  done
}

# profiler_library FILE: async-profiler's native library, out of its jar on the bench's class path.
profiler_library() {
  local jar
  mkdir -p "$(dirname "$1")"
  jar=$(find bench/target/lib -name 'async-profiler-*.jar' | head -n 1)
  [[ -n $jar ]] || { echo "bench: no async-profiler jar in bench/target/lib (build the bench module)" >&2; exit 1; }
  unzip -p "$jar" linux-x64/libasyncProfiler.so >"$1"
}

# profile_up: `./vent up` on a fresh state dir (no class-data sharing archives, as on a first
# start; no demo graph) with async-profiler in every JVM from its first instruction, then
# `./vent down`: each JVM writes its samples as it exits (tables as profile_stop's).
profile_up() {
  local dir=$RAW/profile lib=$RAW/profile/libasyncProfiler.so t0 up_ms f name pid
  local -a names=()
  profiler_library "$lib"
  t0=$(now_ms)
  stack_up VENT_CDS=false VENT_JAVA_OPTS="$JAVA_OPTS -agentpath:$lib=start,event=cpu,interval=10ms,threads,file=$dir/%p.collapsed,collapsed"
  up_ms=$(($(now_ms) - t0))
  say "stack up in $((up_ms / 1000)).$(((up_ms % 1000) / 100)) s under the profiler (the rules relaxed)"
  for f in "$VENT_STATE_DIR"/run/*.pid; do
    name=$(basename "$f" .pid)
    read -r pid <"$f"
    echo "$name $pid" >>"$dir/pids.txt"
  done
  ./vent down >/dev/null
  while read -r name pid; do
    [[ -f $dir/$pid.collapsed ]] || continue # not a JVM
    mv "$dir/$pid.collapsed" "$dir/$name.collapsed"
    names+=("$name")
  done <"$dir/pids.txt"
  rm -f "$lib" "$dir/pids.txt"
  profile_tables "${names[@]}"
}

# profile_stop PROCESS...: stops the profiler in each process, then profile_tables.
profile_stop() {
  local name pid dir=$RAW/profile lib=$RAW/profile/libasyncProfiler.so
  for name in "$@"; do
    read -r pid <"$VENT_STATE_DIR/run/$name.pid"
    jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$dir/$name.collapsed,collapsed\"" >/dev/null
  done
  rm -f "$lib"
  profile_tables "$@"
}

# profile_tables PROCESS...: per process in raw/profile/:
# NAME.collapsed.gz (one line per distinct stack, thread first: [name tid=N];frame;...;leaf count),
# NAME.threads.txt (the share of samples by thread, digits in names folded to N),
# NAME.libs.txt (by the library of the leaf frame: Java packages, JVM code, other native code,
# the kernel) and NAME.inclusive.txt (the share of samples with a frame anywhere on their stack).
profile_tables() {
  local name dir=$RAW/profile
  for name in "$@"; do
    # C1 and C2 keep their digit (the JIT's two compilers); the OS gives native threads 15 characters.
    awk '{ n = $NF; t = substr($0, 1, index($0, ";") - 1); sub(/ tid=[0-9]+\]$/, "]", t); c = ""
           if (t ~ /^\[C[12] /) { c = substr(t, 1, 3); t = substr(t, 4) }
           gsub(/[0-9]+/, "N", t); t = c t
           s[t] += n; total += n }
         END { for (k in s) printf "%5.1f%% %s\n", 100 * s[k] / total, k }' "$dir/$name.collapsed" |
      sort -rn >"$dir/$name.threads.txt"
    awk '{ n = $NF; f = $0; sub(/ [0-9]+$/, "", f); k = split(f, a, ";"); x = a[k]; l = ""
           if (x ~ /^io\/netty\//) l = "Netty"
           else if (x ~ /^org\/apache\/dubbo\//) l = "Dubbo"
           else if (x ~ /^org\/glassfish\/jersey\//) l = "Jersey"
           else if (x ~ /^org\/eclipse\/jetty\//) l = "Jetty"
           else if (x ~ /^com\/alibaba\/csp\/sentinel\//) l = "Sentinel"
           else if (x ~ /^org\/(glassfish|jvnet)\/hk2\//) l = "HK2"
           else if (x ~ /^(ch\/qos\/logback|org\/slf4j)\//) l = "logging"
           else if (x ~ /^com\/fasterxml\/jackson\//) l = "Jackson"
           else if (x ~ /^com\/google\/protobuf\//) l = "protobuf"
           else if (x ~ /^org\/redisson\//) l = "Redisson"
           else if (x ~ /^io\/micrometer\//) l = "Micrometer"
           else if (x ~ /^io\/opentelemetry\//) l = "OpenTelemetry"
           else if (x ~ /^vent\//) l = "Vent"
           else if (x ~ /^(java|javax|jakarta|jdk|sun|com\/sun)\//) l = "JDK"
           else if (x ~ /_\[k\]$/) l = "kernel (system calls, loopback TCP)"
           else if (x ~ /::/) l = "JVM (JIT, GC, runtime)"
           else if (x ~ /^[^[].*\./) l = "other Java"
           else l = "other native (libc, JVM stubs)"
           s[l] += n; total += n }
         END { for (k in s) printf "%5.1f%% %s\n", 100 * s[k] / total, k }' "$dir/$name.collapsed" |
      sort -rn >"$dir/$name.libs.txt"
    # Each frame once per stack, so that a caller such as a Sentinel entry or a Triple call counts
    # what it calls; the thread frame is left out (threads.txt has it).
    awk '{ n = $NF; f = $0; sub(/ [0-9]+$/, "", f); k = split(f, a, ";"); delete seen
           for (i = 2; i <= k; i++) if (!(a[i] in seen)) { seen[a[i]] = 1; s[a[i]] += n }
           total += n }
         END { printf "%d samples\n", total
               for (x in s) printf "%5.1f%% %s\n", 100 * s[x] / total, x }' "$dir/$name.collapsed" |
      sort -rn | awk 'NR <= 200' >"$dir/$name.inclusive.txt" # awk, not head: sort must not get a SIGPIPE
    say "$name, samples by library: $(head -n 6 "$dir/$name.libs.txt" | tr '\n' ' ')"
    say "$name, samples by thread: $(head -n 4 "$dir/$name.threads.txt" | tr '\n' ' ')"
    gzip -9 "$dir/$name.collapsed"
  done
}

# meta.json, then the report (results.json, summary.md, chart.png) and bench/results/latest.
report() {
  cat >"$RAW/meta.json" <<EOF
{"commit":"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)","startedAt":"$(basename "$OUT")",
 "cores":$(nproc),"clockTicksPerSecond":$(getconf CLK_TCK),"connections":$CONN,"threads":$THREADS,"seconds":$SECS,"warmupSeconds":$WARM,
 "javaOpts":"$JAVA_OPTS","startupMs":$startup_ms,"startupColdMs":$startup_cold_ms,"readmeUpMs":$(cat "$RAW/readme-up-ms.txt" 2>/dev/null || echo 0),"users":$USERS,
 "importLine":"$(grep -o 'import done.*' "$RAW/import.log" | tail -n 1)",
 "importClusterLine":"$(grep -o 'import done.*' "$RAW/import-cluster.log" 2>/dev/null | tail -n 1)"}
EOF
  java -cp "$BENCH_CP" vent.bench.report.ReportCommand "$OUT"
  ln -sfn "$(basename "$OUT")" "$ROOT/bench/results/latest"
}

# --- the run ---------------------------------------------------------------------------------
need wrk wrk
need jq jq
need redis-benchmark redis-tools
mkdir -p "$RAW"
if [[ ${VENT_SKIP_BUILD:-0} != 1 ]]; then
  say "building (mvn -q -B -DskipTests package)"
  mvn -q -B -DskipTests package >"$RAW/build.log" 2>&1 || { tail -n 40 "$RAW/build.log" >&2; exit 1; }
fi
./vent down >/dev/null 2>&1 || true
rm -rf "$VENT_STATE_DIR"
if [[ $MODE == vents ]]; then
  vents_bench 2>&1 | tee "$OUT/bench.log"
  say "results in $OUT"
  exit 0
fi
if [[ $MODE == profile && $PROFILE == up ]]; then
  profile_up 2>&1 | tee "$OUT/bench.log"
  say "results in $OUT"
  exit 0
fi
if [[ $MODE == profile ]]; then
  case $PROFILE in
    R1-observability) stack_up VENT_METRICS=on VENT_MONITORING=on VENT_TRACING=on VENT_TRACE_SAMPLING=0.01 ;;
    *) stack_up ;;
  esac
  if [[ $PROFILE == import ]]; then
    profile_import relation-1 user-1 auth-1 post-1 2>&1 | tee "$OUT/bench.log"
  else
    say "importing $GRAPH"
    ./vent import "$GRAPH" 2>/dev/null | tee "$RAW/import.log" | grep 'import done'
    USERS=$(redis-cli -p "$REDIS_PORT" get vent:user:id-seq)
    if [[ $PROFILE == T1 ]]; then
      register_writers
      timeline_setup
      profile_scenario T1 web post-1 relation-1 user-1 2>&1 | tee "$OUT/bench.log"
    else
      profile_scenario R1 web user-1 relation-1 2>&1 | tee "$OUT/bench.log"
    fi
  fi
  ./vent down >/dev/null
  say "results in $OUT"
  exit 0
fi
if [[ $MODE == observability ]]; then
  stack_up
  say "importing $GRAPH"
  ./vent import "$GRAPH" 2>/dev/null | tee "$RAW/import.log" | grep 'import done'
  USERS=$(redis-cli -p "$REDIS_PORT" get vent:user:id-seq)
  register_writers # bench/wrk/vent.lua reads their tokens whatever the scenario
  observability_cost
  startup_ms=0 startup_cold_ms=0
  report
  exit 0
fi

# The first start after a build runs without class-data sharing archives (./vent writes them
# when a JVM exits); the last start of this run, with them, is the usual one.
say "starting a fresh stack (state dir $VENT_STATE_DIR), without class-data sharing archives"
t0=$(now_ms)
stack_up VENT_CDS=false
startup_cold_ms=$(($(now_ms) - t0))
say "stack up in $((startup_cold_ms / 1000)).$(((startup_cold_ms % 1000) / 100)) s (Consul, Redis, 4 providers, vent-web, all healthy)"
# Unpacked into the state dir once up has made it (up refuses a non-empty folder it did not make).
mkdir -p "$VENT_STATE_DIR/graph"
gunzip -c "$EPINIONS" | tr -d '\r' | grep -v '^#' >"$VENT_STATE_DIR/graph/soc-Epinions1.txt"
GRAPH=$VENT_STATE_DIR/graph/soc-Epinions1.txt

say "importing $GRAPH"
./vent import "$GRAPH" 2>/dev/null | tee "$RAW/import.log" | grep 'import done'
USERS=$(redis-cli -p "$REDIS_PORT" get vent:user:id-seq)
r2_ids
register_writers
start_baseline

# The JIT needs tens of thousands of calls before a JVM runs at full speed (Triple ~30 s of calls,
# B3's finding); the first scenario must not pay for the whole stack's warm-up.
say "warm-up: ${JIT_WARM} s of M1 through vent-web, then R1 and R2 on B1"
wrk_run warm M1 "$HTTP" 0 "$JIT_WARM" warmup
wrk_run warm R1 "http://127.0.0.1:$B1_PORT" 0 $((JIT_WARM / 3)) warmup
wrk_run warm R2 "http://127.0.0.1:$B1_PORT" 0 $((JIT_WARM / 3)) warmup
settle R1-settle

scenario R1 R1 "$HTTP"
scenario B1-R1 R1 "http://127.0.0.1:$B1_PORT"
scenario R2 R2 "$HTTP"
scenario B1-R2 R2 "http://127.0.0.1:$B1_PORT"
scenario W1 W1 "$HTTP"
scenario M1 M1 "$HTTP"
timeline_setup
# T1 is the post provider's first traffic of the run: its JIT starts here, as R1's did above.
settle T1-settle T1
scenario T1 T1 "$HTTP"
procs >"$RAW/procs/peak.txt" # VmHWM: the peak RSS of each process over all the load above
sentinel_cost
redis_floor
stop_baseline

say "restarting the stack: its start-up with class-data sharing archives"
./vent down >/dev/null
t0=$(now_ms)
stack_up
startup_ms=$(($(now_ms) - t0))
say "stack up in $((startup_ms / 1000)).$(((startup_ms % 1000) / 100)) s with class-data sharing archives"
observability_cost
# Each in a subshell: a failure leaves its rows "not measured" and the rest of the run goes on.
(readme_up) || say "the README start or its warm-up curve failed (see $RAW/up-readme.log)"
if [[ ${VENT_BENCH_CLUSTER:-1} != 0 ]]; then
  (cluster_import) || say "the cluster import failed (see $RAW/up-*.log)"
fi

if [[ ${VENT_BENCH_JMH:-1} != 0 ]]; then
  say "B3: JMH, one Triple vs one grpc-java unary call (stack stopped)"
  java -cp "$BENCH_CP" vent.bench.rpc.RpcBenchMain --out "$RAW/b3.json" --modes thrpt >"$RAW/b3.log" 2>&1 ||
    { tail -n 30 "$RAW/b3.log" >&2; exit 1; }
fi

report
