// One full haikubench run for the benchmarks: N items "Say w<i>" against the fake Messages API at
// `url`, one anthropic model, an equals scorer, records written to a temporary run directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareEval } from '../src/eval/prepare.js';
import { runEval } from '../src/eval/run-eval.js';
import { createProvider } from '../src/providers/create.js';
import { realClock } from '../src/runner/clock.js';
import type { RunSummary } from '../src/summary/run-summary.js';

export async function runBenchEval(o: { url: string; items: number; concurrency: number }): Promise<{ summary: RunSummary; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-bench-'));
  writeFileSync(join(dir, 'd.jsonl'), Array.from({ length: o.items }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'));
  writeFileSync(join(dir, 's.yaml'), `name: bench\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 16 } ]\nscorers: [ { type: equals } ]\nrun: { concurrency: ${o.concurrency} }\n`);
  const prepared = await prepareEval(join(dir, 's.yaml'), { cwd: dir });
  const model = prepared.spec.models[0];
  if (model === undefined) throw new Error('no model');
  const provider = createProvider(model, { ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: o.url }, 0);
  const t0 = performance.now();
  const summary = await runEval(prepared, {
    providers: new Map([[model.id, provider]]), clock: realClock, runId: 'bench', runDir: join(dir, 'run'), version: 'bench',
    stopSignal: new AbortController().signal, graceMs: 1000, reporters: [],
  });
  return { summary, seconds: (performance.now() - t0) / 1000 };
}
