#!/usr/bin/env bash
# A fully cached rerun: N items against the fake Messages API (bench/fake-server.ts, its own process,
# zero latency) fill a fresh response cache; the same run again is answered from the cache alone.
# Prints wall, CPU, peak RSS and items/s of both runs, started as `node dist/cli/main.js`.
# Needs /usr/bin/time and a built CLI (npm run build).
#   [PROF=dir] bash bench/cached-rerun.sh [items=20000]
# With PROF, a third (cached) run writes a CPU profile (node --cpu-prof) into that directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000}
# shellcheck source=bench/cached-setup.sh
source "$root/bench/cached-setup.sh"
printf '%-8s %-8s %-14s %-10s %-10s %-10s\n' run items "peak RSS (MB)" "wall (s)" "CPU (s)" "items/s"
for run in first cached; do
  out=$( { ANTHROPIC_API_KEY=bench ANTHROPIC_BASE_URL="$url" HAIKUBENCH_CACHE_DIR="$work/cache" /usr/bin/time -f '%M %e %U %S' node "$root/dist/cli/main.js" run "$work/s.yaml" --out "$work/run-$run" --quiet >/dev/null; } 2>&1 | tail -1)
  read -r kb secs user sys <<<"$out"
  printf '%-8s %-8s %-14s %-10s %-10s %-10s\n' "$run" "$n" "$((kb / 1024))" "$secs" "$(node -e "console.log(($user+$sys).toFixed(1))")" "$(node -e "console.log(Math.round($n/$secs))")"
done
[ -n "${PROF:-}" ] && ANTHROPIC_API_KEY=bench ANTHROPIC_BASE_URL="$url" HAIKUBENCH_CACHE_DIR="$work/cache" node --cpu-prof --cpu-prof-dir="$PROF" "$root/dist/cli/main.js" run "$work/s.yaml" --out "$work/run-prof" --quiet >/dev/null
cached=$(grep -c '"cached":true' "$work/run-cached/records.jsonl" || true)
echo "records answered from the cache in the second run: $cached of $n"
