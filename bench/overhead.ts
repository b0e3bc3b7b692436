// Harness overhead: items/s of a full haikubench run (templating, queue, retries wrapper, scoring,
// records written to disk) against a zero-latency fake Messages API on 127.0.0.1, next to a bare loop
// of SDK calls at the same concurrency against the same server. Prints the ratio (target ≥ 0.8).
//
// 16,000 items by default: a run has fixed costs (run lock, run.json, the summary at the end) that a
// few thousand items do not amortise (at 4,000 the ratio sits ~0.04 lower, and varies more).
//
//   npx tsx bench/overhead.ts [items=16000] [concurrency=16]
import Anthropic from '@anthropic-ai/sdk';
import { startFakeAnthropic, lastUserText } from '../test/support/fake-anthropic.js';
import { runBenchEval } from './bench-eval.js';

const N = Number(process.argv[2] ?? 16_000);
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
  const { summary, seconds } = await runBenchEval({ url, items: N, concurrency: C });
  if (summary.models[0]?.passed !== N) throw new Error(`expected ${N} passes, got ${JSON.stringify(summary.models[0])}`);
  return N / seconds;
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
