// How the run reacts to 429s, against the fake Messages API in its own process:
// - random faults: 5% of calls answered 429 (retry-after 1 s) and 2% 529, no real limit behind them;
//   the wall time should stay within 1.3× of the fault-free run;
// - a real limit: 50 requests per 2-second window, said in anthropic-ratelimit-* headers; fewer than
//   5% of calls should get 429 at concurrency 16, and no item may be lost.
//
//   npx tsx bench/faults-429.ts [items=2000] [latencyMs=200] [concurrency=50] [windowItems=300]
import { spawnFakeServer } from './spawn-server.js';
import { runBenchEval } from './bench-eval.js';

const N = Number(process.argv[2] ?? 2000);
const L = Number(process.argv[3] ?? 200);
const C = Number(process.argv[4] ?? 50);
const W = Number(process.argv[5] ?? 300);

async function once(mode: 'random429' | 'window' | undefined, items: number, concurrency: number) {
  const server = await spawnFakeServer(L, mode);
  try {
    const { summary, seconds } = await runBenchEval({ url: server.url, items, concurrency });
    const m = summary.models[0];
    const statuses = await server.statuses();
    const calls = Object.values(statuses).reduce((a, b) => a + b, 0);
    return { seconds, scored: (m?.passed ?? 0) + (m?.failed ?? 0), errors: m?.errors ?? 0, calls, limited: statuses['429'] ?? 0 };
  } finally {
    server.stop();
  }
}

const clean = await once(undefined, N, C);
const random = await once('random429', N, C);
console.log(`random faults: items=${N} latency=${L} ms concurrency=${C}; 5% 429 (retry-after 1 s) + 2% 529`);
for (const [name, r] of [['fault-free', clean], ['faults', random]] as const) {
  console.log(`  ${name.padEnd(10)}: wall ${r.seconds.toFixed(2)} s, scored ${r.scored}/${N}, errors ${r.errors}, calls ${r.calls}, 429s ${r.limited}`);
}
console.log(`  wall ratio (faults / fault-free): ${(random.seconds / clean.seconds).toFixed(2)} (target <= 1.3)`);

const limited = await once('window', W, 16);
console.log(`real limit: items=${W} concurrency=16 latency=${L} ms; 50 requests per 2 s window`);
console.log(`  wall ${limited.seconds.toFixed(2)} s, scored ${limited.scored}/${W}, errors ${limited.errors}, calls ${limited.calls}, 429s ${limited.limited} (${((100 * limited.limited) / limited.calls).toFixed(1)}% of calls; target < 5%, none lost)`);
