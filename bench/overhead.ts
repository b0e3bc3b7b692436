// Harness overhead: items/s of a full haikubench run (templating, queue, retries wrapper, scoring,
// records written to disk) against a zero-latency fake Messages API on 127.0.0.1, next to a bare loop
// of SDK calls at the same concurrency against the same server. Prints the ratio (target ≥ 0.8).
//
//   npx tsx bench/overhead.ts [items=4000] [concurrency=16]
import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText } from '../test/support/fake-anthropic.js';
import { prepareEval } from '../src/eval/prepare.js';
import { runEval } from '../src/eval/run-eval.js';
import { createProvider } from '../src/providers/create.js';
import { realClock } from '../src/runner/clock.js';

const N = Number(process.argv[2] ?? 4000);
const C = Number(process.argv[3] ?? 16);

async function pool(n: number, c: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: c }, async () => { while (next < n) await task(next++); }));
}

async function bare(url: string): Promise<number> {
  const client = new Anthropic({ apiKey: 'bench', baseURL: url, maxRetries: 0, logLevel: 'off' });
  const t0 = performance.now();
  await pool(N, C, (i) => client.messages.create({ model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: `Say w${i}` }] }));
  return N / ((performance.now() - t0) / 1000);
}

async function harness(url: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-bench-'));
  writeFileSync(join(dir, 'd.jsonl'), Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'));
  writeFileSync(join(dir, 's.yaml'), `name: bench\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 16 } ]\nscorers: [ { type: equals } ]\nrun: { concurrency: ${C} }\n`);
  const prepared = await prepareEval(join(dir, 's.yaml'), { cwd: dir });
  const model = prepared.spec.models[0];
  if (model === undefined) throw new Error('no model');
  const provider = createProvider(model, { ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: url }, 0);
  const t0 = performance.now();
  const summary = await runEval(prepared, {
    providers: new Map([[model.id, provider]]), clock: realClock, runId: 'bench', runDir: join(dir, 'run'), version: 'bench',
    stopSignal: new AbortController().signal, graceMs: 1000, reporters: [],
  });
  const rate = N / ((performance.now() - t0) / 1000);
  if (summary.models[0]?.passed !== N) throw new Error(`expected ${N} passes, got ${JSON.stringify(summary.models[0])}`);
  return rate;
}

const server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages).replace('Say ', '') }) });
try {
  await bare(server.url); // warm-up
  const rounds: { bare: number; harness: number }[] = [];
  for (let r = 0; r < 3; r++) rounds.push({ bare: await bare(server.url), harness: await harness(server.url) });
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const b = med(rounds.map((x) => x.bare));
  const h = med(rounds.map((x) => x.harness));
  console.log(`items=${N} concurrency=${C} rounds=3 (median)`);
  console.log(`bare SDK loop : ${b.toFixed(0)} calls/s`);
  console.log(`haikubench    : ${h.toFixed(0)} items/s`);
  console.log(`ratio         : ${(h / b).toFixed(3)} (target >= 0.80)`);
  console.log(`peak RSS      : ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process, server included)`);
} finally {
  await server.close();
}
