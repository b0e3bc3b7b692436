#!/usr/bin/env bash
# Peak RSS of full CLI runs as the dataset grows, records written to disk, on two paths:
#   sim  sim:claude-haiku-5-5 (the simulator: no HTTP at all)
#   sdk  anthropic:claude-haiku-5-5 through @anthropic-ai/sdk against the fake Messages API on
#        127.0.0.1 at zero latency (bench/fake-server.ts, its own process), response cache off
# The CLI runs as its bin does (node --heap-growing-percent=100, the shebang of dist/cli/main.js);
# FLAGS="" bash bench/memory.sh shows V8's default heap growth instead.
# Needs /usr/bin/time (Debian package "time") and a built CLI (npm run build).
#   bash bench/memory.sh [sizes...]     default: 1000 10000 100000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
flags=${FLAGS-"--heap-growing-percent=100"}
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

mkfifo "$work/url"
node --import tsx "$root/bench/fake-server.ts" 0 3600 > "$work/url" &
server_pid=$!
read -r url < "$work/url"

echo "node $(node --version), $(nproc) cores; node flags: ${flags:-none}"
printf '%-5s %-8s %-14s %-10s %-10s\n' path items "peak RSS (MB)" "wall (s)" "items/s"
for n in "${sizes[@]}"; do
  node -e "const fs=require('fs');fs.writeFileSync('$work/d.jsonl',Array.from({length:$n},(_,i)=>JSON.stringify({id:'s'+i,w:'w'+(i%50)})).join('\n'))"
  for path in sim sdk; do
    if [ "$path" = sim ]; then model='sim:claude-haiku-5-5'; else model='{ id: anthropic:claude-haiku-5-5, max_tokens: 16 }'; fi
    printf 'name: mem\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ %s ]\nscorers: [{ type: equals }]\nrun: { concurrency: 64 }\n' "$model" > "$work/s.yaml"
    # shellcheck disable=SC2086
    out=$( { ANTHROPIC_API_KEY=bench ANTHROPIC_BASE_URL="$url" /usr/bin/time -f '%M %e' node $flags "$root/dist/cli/main.js" run "$work/s.yaml" --out "$work/run-$path-$n" --quiet --no-cache >/dev/null; } 2>&1 | tail -1)
    read -r kb secs <<<"$out"
    printf '%-5s %-8s %-14s %-10s %-10s\n' "$path" "$n" "$((kb / 1024))" "$secs" "$(node -e "console.log(Math.round($n/$secs))")"
  done
done
