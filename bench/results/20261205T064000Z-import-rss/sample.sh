#!/usr/bin/env bash
# usage: sample.sh STATE_DIR OUTFILE -- command...
# Prints the CPU seconds each stack process used and its peak RSS while the command ran.
set -u
st=$1
out=$2
shift 3
declare -A t0 peak
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
for f in "$st"/run/*.pid; do
  n=$(basename "$f" .pid)
  t0[$n]=$(cpu "$(cat "$f")")
  peak[$n]=0
done
start=$(date +%s.%N)
"$@" &
cmd=$!
while kill -0 "$cmd" 2>/dev/null; do
  for f in "$st"/run/*.pid; do
    n=$(basename "$f" .pid)
    r=$(awk '/VmRSS/{print $2}' "/proc/$(cat "$f")/status" 2>/dev/null || echo 0)
    ((r > peak[$n])) && peak[$n]=$r
  done
  sleep 1
done
wait "$cmd"
end=$(date +%s.%N)
{
  echo "wall $(echo "$end - $start" | bc) s"
  for f in "$st"/run/*.pid; do
    n=$(basename "$f" .pid)
    c=$(cpu "$(cat "$f")")
    printf '%-12s cpu %7.1f s  peakRSS %6d MiB\n' "$n" "$(echo "($c - ${t0[$n]})/$tick" | bc -l)" $((peak[$n] / 1024))
  done
} | tee "$out"
