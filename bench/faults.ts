// Behaviour under 10% injected 429/529: completion, retries, and wall time against the fault-free run,
// over the real SDK path against the fake Messages API (in its own process is not needed here: the
// faults, not the CPU, decide the wall time).
//
//   npx tsx bench/faults.ts [items=2000] [concurrency=16] [latencyMs=20]
import { startFakeAnthropic, lastUserText, faultEvery } from '../test/support/fake-anthropic.js';
import { runBenchEval } from './bench-eval.js';

const N = Number(process.argv[2] ?? 2000);
const C = Number(process.argv[3] ?? 16);
const L = Number(process.argv[4] ?? 20);

async function once(faulty: boolean): Promise<{ wall: number; scored: number; errors: number; calls: number; retried: number }> {
  const server = await startFakeAnthropic({
    respond: (req) => ({ text: lastUserText(req.messages).replace('Say ', ''), delayMs: L }),
    ...(faulty && { fault: faultEvery(0.1, 7, [{ kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 0.05 }, { kind: 'http', status: 529, errorType: 'overloaded_error' }]) }),
  });
  try {
    const { summary: s, seconds } = await runBenchEval({ url: server.url, items: N, concurrency: C });
    const m = s.models[0];
    return { wall: seconds, scored: (m?.passed ?? 0) + (m?.failed ?? 0), errors: m?.errors ?? 0, calls: server.calls.length, retried: (m?.attempts ?? 0) - N };
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
