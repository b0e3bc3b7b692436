#!/usr/bin/env bash
# Two builds' fully cached reruns, interleaved, reading one response cache: N items against the fake
# Messages API (bench/fake-server.ts, its own process, zero latency) fill the cache once with the
# first build; then each round runs the same spec with build A, then build B, every answer from the
# cache (one server, so both builds compute the same keys). Prints wall, CPU, peak RSS and items/s.
# Needs /usr/bin/time and both builds compiled (npm run build in each tree).
#   bash bench/cached-pair.sh A_TREE B_TREE [items=100000] [rounds=3]
set -uo pipefail
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); n=${3:-100000}; rounds=${4:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/cached-setup.sh
source "$root/bench/cached-setup.sh"
export ANTHROPIC_API_KEY=bench ANTHROPIC_BASE_URL="$url" HAIKUBENCH_CACHE_DIR="$work/cache"
node "$a/dist/cli/main.js" run "$work/s.yaml" --out "$work/fill" --quiet > /dev/null || { echo "the filling run failed"; exit 1; }
for i in $(seq 1 "$rounds"); do
  for tree in "$a" "$b"; do
    out=$( { /usr/bin/time -f '%M %e %U %S' node "$tree/dist/cli/main.js" run "$work/s.yaml" --out "$work/r-$i-$RANDOM" --quiet >/dev/null; } 2>&1 | tail -1)
    read -r kb secs user sys <<<"$out"
    cached=$(cat "$work"/r-$i-*/records.jsonl 2>/dev/null | grep -c '"cached":true')
    rm -rf "$work"/r-$i-*
    echo "round $i $tree: wall $secs s, CPU $(node -e "console.log(($user+$sys).toFixed(1))") s, peak RSS $((kb / 1024)) MB, $(node -e "console.log(Math.round($n/$secs))") items/s, answered from the cache: $cached of $n"
  done
done
