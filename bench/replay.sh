#!/usr/bin/env bash
# A `replay:` run (no model: the output is each sample's own "answer" field) scored by `numeric`,
# started as `node dist/cli/main.js` with no node flag, over N samples ("What is v + 1?", the answer
# "The answer is **v+1**." with every tenth one wrong). Prints peak RSS, wall, CPU and items/s.
# The questions repeat (997 distinct); DISTINCT=1 makes every one distinct ("Item j: what is v + 1?"),
# so inputs.jsonl keeps an input per item and the run remembers a hash per item.
# Needs /usr/bin/time and a built CLI (npm run build).
#   [DISTINCT=1] bash bench/replay.sh [items=1000000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=${1:-1000000}
prefix=$([ "${DISTINCT:-0}" = 1 ] && echo "'Item '+j+': what is '" || echo "'What is '")
node -e "const fs=require('fs');const o=fs.openSync('$work/d.jsonl','w');for(let i=0;i<$n;i+=10000){let t='';for(let j=i;j<Math.min($n,i+10000);j++){const v=j%997;t+=JSON.stringify({id:'s'+j,q:$prefix+v+' + 1?',answer:'The answer is **'+(j%10?v+1:v+2)+'**.',target:v+1})+'\n'}fs.writeSync(o,t)}"
printf 'name: replaybench\ndataset: { path: d.jsonl, fields: { target: target } }\nprompt: { user: "{{q}}" }\nmodels: [ "replay:answer" ]\nscorers: [{ type: numeric }]\nrun: { concurrency: 64 }\n' > "$work/s.yaml"
out=$( { /usr/bin/time -f '%M %e %U %S' node "$root/dist/cli/main.js" run "$work/s.yaml" --out "$work/run" --quiet >/dev/null; } 2>&1 | tail -1)
read -r kb secs user sys <<<"$out"
node -e "const cpu=$user+$sys;console.log('replay: $n items, peak RSS '+Math.round($kb/1024)+' MB, wall $secs s ('+Math.round($n/$secs)+' items/s), CPU '+cpu.toFixed(1)+' s ('+Math.round($n/cpu)+' items per CPU-second)')"
