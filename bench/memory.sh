#!/usr/bin/env bash
# Peak RSS of full CLI runs as the dataset grows, records written to disk, on three paths:
#   sim     sim:claude-haiku-5-5 (the simulator: no HTTP at all)
#   replay  replay:answer (no model: a numeric scorer reads each sample's own answer field)
#   sdk  anthropic:claude-haiku-5-5 through @anthropic-ai/sdk against the fake Messages API on
#        127.0.0.1 at zero latency (bench/fake-server.ts, its own process), response cache off
# The CLI is started as `node dist/cli/main.js`, with no node flag (FLAGS="--some-v8-flag" adds some;
# PATHS="replay sdk" picks the paths).
# Needs /usr/bin/time (Debian package "time") and a built CLI (npm run build).
#   bash bench/memory.sh [sizes...]     default: 1000 10000 100000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
flags=${FLAGS-""}
read -r -a paths <<<"${PATHS:-sim replay sdk}"
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
printf '%-7s %-8s %-14s %-10s %-10s %-10s\n' path items "peak RSS (MB)" "wall (s)" "CPU (s)" "items/s"
for n in "${sizes[@]}"; do
  node -e "const fs=require('fs');const o=fs.openSync('$work/d.jsonl','w');for(let i=0;i<$n;i+=10000){let t='';for(let j=i;j<Math.min($n,i+10000);j++)t+=JSON.stringify({id:'s'+j,w:'w'+(j%50),q:'What is '+(j%997)+' + 1?',answer:'The answer is **'+(j%997+1)+'**.',n:j%997+1})+'\n';fs.writeSync(o,t)}"
  for path in "${paths[@]}"; do
    scorer='{ type: equals }'; target=w; prompt='Say {{w}}'
    if [ "$path" = sim ]; then model='sim:claude-haiku-5-5'; elif [ "$path" = replay ]; then model='replay:answer'; scorer='{ type: numeric }'; target=n; prompt='{{q}}'; else model='{ id: anthropic:claude-haiku-5-5, max_tokens: 16 }'; fi
    printf 'name: mem\ndataset: { path: d.jsonl, fields: { target: %s } }\nprompt: { user: "%s" }\nmodels: [ %s ]\nscorers: [ %s ]\nrun: { concurrency: 64 }\n' "$target" "$prompt" "$model" "$scorer" > "$work/s.yaml"
    rm -rf "$work/run-$path-$n"
    # shellcheck disable=SC2086
    out=$( { ANTHROPIC_API_KEY=bench ANTHROPIC_BASE_URL="$url" /usr/bin/time -f '%M %e %U %S' node $flags "$root/dist/cli/main.js" run "$work/s.yaml" --out "$work/run-$path-$n" --quiet --no-cache >/dev/null; } 2>&1 | tail -1)
    read -r kb secs user sys <<<"$out"
    printf '%-7s %-8s %-14s %-10s %-10s %-10s\n' "$path" "$n" "$((kb / 1024))" "$secs" "$(node -e "console.log(($user+$sys).toFixed(1))")" "$(node -e "console.log(Math.round($n/$secs))")"
  done
done
