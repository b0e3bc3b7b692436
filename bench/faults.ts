// Behaviour under 10% injected 429/529: completion, retries, and wall time against the fault-free run,
// over the real SDK path against the fake Messages API (in its own process is not needed here: the
// faults, not the CPU, decide the wall time).
//
//   npx tsx bench/faults.ts [items=2000] [concurrency=16] [latencyMs=20]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, faultEvery } from '../test/support/fake-anthropic.js';
import { prepareEval } from '../src/eval/prepare.js';
import { runEval } from '../src/eval/run-eval.js';
import { createProvider } from '../src/providers/create.js';
import { realClock } from '../src/runner/clock.js';

const N = Number(process.argv[2] ?? 2000);
const C = Number(process.argv[3] ?? 16);
const L = Number(process.argv[4] ?? 20);

async function once(faulty: boolean): Promise<{ wall: number; scored: number; errors: number; calls: number; retried: number }> {
  const server = await startFakeAnthropic({
    respond: (req) => ({ text: lastUserText(req.messages).replace('Say ', ''), delayMs: L }),
    ...(faulty && { fault: faultEvery(0.1, 7, [{ kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 0.05 }, { kind: 'http', status: 529, errorType: 'overloaded_error' }]) }),
  });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'hb-faults-'));
    writeFileSync(join(dir, 'd.jsonl'), Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'));
    writeFileSync(join(dir, 's.yaml'), `name: faults\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 16 } ]\nscorers: [ { type: equals } ]\nrun: { concurrency: ${C} }\n`);
    const prepared = await prepareEval(join(dir, 's.yaml'), { cwd: dir });
    const model = prepared.spec.models[0];
    if (model === undefined) throw new Error('no model');
    const provider = createProvider(model, { ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: server.url }, 0);
    const t0 = performance.now();
    const s = await runEval(prepared, {
      providers: new Map([[model.id, provider]]), clock: realClock, runId: 'faults', runDir: join(dir, 'run'), version: 'bench',
      stopSignal: new AbortController().signal, graceMs: 1000, reporters: [],
    });
    const m = s.models[0];
    return { wall: (performance.now() - t0) / 1000, scored: (m?.passed ?? 0) + (m?.failed ?? 0), errors: m?.errors ?? 0, calls: server.calls.length, retried: (m?.attempts ?? 0) - N };
  } finally {
    await server.close();
  }
}

const clean = await once(false);
const faulty = await once(true);
console.log(`items=${N} concurrency=${C} latency=${L} ms; faults: 10% of calls answered 429 (retry-after 50 ms) or 529`);
for (const [name, r] of [['fault-free', clean], ['10% faults', faulty]] as const) {
  console.log(`${name.padEnd(11)}: scored ${r.scored}/${N}, errors ${r.errors}, calls ${r.calls}, retries ${r.retried}, wall ${r.wall.toFixed(2)} s`);
}
console.log(`wall time ratio (faults / fault-free): ${(faulty.wall / clean.wall).toFixed(2)}`);
