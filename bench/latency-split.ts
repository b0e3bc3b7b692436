// Where a latency-bound run's time goes, against the ideal N·L/C: the CLI as a user starts it
// (`node dist/cli/main.js run`, response cache off) against a minimal Messages API in this process
// that answers every call after L ms and notes when the first call arrived and the last answer left.
// Prints, per round: start-up (process start → first call), the calls (first call → last answer),
// exit (last answer → process end), the total and the total ÷ ideal. The server here does nothing
// but answer, so the calls phase shows the harness's own overhead per round of C calls; the test
// fake server (bench/versus.ts) does more per call (it validates and keeps every request).
//
//   npx tsx bench/latency-split.ts [items=5000] [latencyMs=200] [concurrency=50] [rounds=3]
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const N = Number(process.argv[2] ?? 5000);
const L = Number(process.argv[3] ?? 200);
const C = Number(process.argv[4] ?? 50);
const ROUNDS = Number(process.argv[5] ?? 3);
const root = resolve(import.meta.dirname, '..');

let first = 0;
let last = 0;
let calls = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (first === 0) first = Date.now();
    calls += 1;
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; messages: { content: unknown }[] };
    const text = String(body.messages.at(-1)?.content ?? '').replace(/^Say /, '');
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'msg_bench', type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } }));
      last = Date.now();
    }, L);
  });
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const work = mkdtempSync(join(tmpdir(), 'hb-latency-'));
writeFileSync(join(work, 'd.jsonl'), `${Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n')}\n`);
writeFileSync(join(work, 's.yaml'), `name: latency\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 16 } ]\nscorers: [ { type: equals } ]\nrun: { concurrency: ${C} }\n`);
const ideal = (N * L) / C;
try {
  const totals: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    first = 0;
    last = 0;
    calls = 0;
    const t0 = Date.now();
    await promisify(execFile)(process.execPath, [join(root, 'dist/cli/main.js'), 'run', join(work, 's.yaml'), '--out', join(work, `run-${r}`), '--quiet', '--no-cache'], {
      env: { ...process.env, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: url },
    });
    const t1 = Date.now();
    if (calls !== N) throw new Error(`expected ${N} calls, the server saw ${calls}`);
    totals.push(t1 - t0);
    console.log(`round ${r + 1}: start-up ${first - t0} ms, calls ${last - first} ms (${((last - first - ideal) / (N / C)).toFixed(1)} ms a round over ${L}), exit ${t1 - last} ms; total ${t1 - t0} ms = ${((t1 - t0) / ideal).toFixed(3)} × ideal ${ideal} ms`);
  }
  const sorted = [...totals].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  console.log(`\n${N} items × ${L} ms at concurrency ${C}, ${ROUNDS} rounds: median total ${median} ms = ${(median / ideal).toFixed(3)} × ideal (target <= 1.05)`);
} finally {
  server.close();
  server.closeAllConnections();
  rmSync(work, { recursive: true, force: true });
}
