// Latency-bound efficiency: N items against a fake Messages API that answers after L ms, with
// concurrency C. The ideal wall time is N·L/C; the harness should finish within 5% of it.
//
//   npx tsx bench/latency.ts [items=5000] [latencyMs=200] [concurrency=50]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnFakeServer } from './spawn-server.js';
import { prepareEval } from '../src/eval/prepare.js';
import { runEval } from '../src/eval/run-eval.js';
import { createProvider } from '../src/providers/create.js';
import { realClock } from '../src/runner/clock.js';

const N = Number(process.argv[2] ?? 5000);
const L = Number(process.argv[3] ?? 200);
const C = Number(process.argv[4] ?? 50);

const server = await spawnFakeServer(L); // its own process: its CPU does not slow the harness's event loop
try {
  const dir = mkdtempSync(join(tmpdir(), 'hb-latency-'));
  writeFileSync(join(dir, 'd.jsonl'), Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'));
  writeFileSync(join(dir, 's.yaml'), `name: latency\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 16 } ]\nscorers: [ { type: equals } ]\nrun: { concurrency: ${C} }\n`);
  const prepared = await prepareEval(join(dir, 's.yaml'), { cwd: dir });
  const model = prepared.spec.models[0];
  if (model === undefined) throw new Error('no model');
  const provider = createProvider(model, { ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: server.url }, 0);
  const t0 = performance.now();
  const summary = await runEval(prepared, {
    providers: new Map([[model.id, provider]]), clock: realClock, runId: 'latency', runDir: join(dir, 'run'), version: 'bench',
    stopSignal: new AbortController().signal, graceMs: 1000, reporters: [],
  });
  const wall = (performance.now() - t0) / 1000;
  const ideal = (N * L) / C / 1000;
  console.log(`items=${N} latency=${L} ms concurrency=${C}`);
  console.log(`ideal N·L/C : ${ideal.toFixed(2)} s`);
  console.log(`wall        : ${wall.toFixed(2)} s`);
  console.log(`efficiency  : ${(wall / ideal).toFixed(3)} × ideal (target <= 1.05)`);
  console.log(`passed      : ${summary.models[0]?.passed}/${N}, errors ${summary.items.errors}`);
} finally {
  server.stop();
}
