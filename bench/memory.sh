#!/usr/bin/env bash
# Peak RSS of a full run (sim:claude-haiku-5-5, records written to disk) as the dataset grows.
# Needs /usr/bin/time (Debian package "time") and a built CLI (npm run build).
#   bash bench/memory.sh [sizes...]     default: 1000 10000 100000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
printf '%-8s %-14s %-10s\n' items "peak RSS (MB)" "wall (s)"
for n in "${sizes[@]}"; do
  node -e "const fs=require('fs');fs.writeFileSync('$work/d.jsonl',Array.from({length:$n},(_,i)=>JSON.stringify({id:'s'+i,w:'w'+(i%50)})).join('\n'))"
  printf 'name: mem\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [sim:claude-haiku-5-5]\nscorers: [{ type: label }]\nrun: { concurrency: 64 }\n' > "$work/s.yaml"
  out=$( { /usr/bin/time -f '%M %e' node "$root/dist/cli/main.js" run "$work/s.yaml" --out "$work/run-$n" --quiet >/dev/null; } 2>&1 | tail -1)
  read -r kb secs <<<"$out"
  printf '%-8s %-14s %-10s\n' "$n" "$((kb / 1024))" "$secs"
done
