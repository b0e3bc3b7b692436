# Sourced by bench/cached-rerun.sh and bench/cached-pair.sh, with $root and $n set: a work directory
# (removed on exit), the fake Messages API in its own process (stopped on exit, its URL in $url), and
# in the work directory an N-item dataset ("Say w<i>") with its spec (s.yaml, equals scorer, C=64).
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkfifo "$work/url"
node --import tsx "$root/bench/fake-server.ts" 0 3600 > "$work/url" &
server_pid=$!
read -r url < "$work/url"
node -e "const fs=require('fs');const o=fs.openSync('$work/d.jsonl','w');for(let i=0;i<$n;i+=10000){let t='';for(let j=i;j<Math.min($n,i+10000);j++)t+=JSON.stringify({id:'s'+j,w:'w'+j})+'\n';fs.writeSync(o,t)}"
printf 'name: cached\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: anthropic:claude-haiku-5-5, max_tokens: 16 } ]\nscorers: [{ type: equals }]\nrun: { concurrency: 64 }\n' > "$work/s.yaml"
