// Latency-bound efficiency: N items against a fake Messages API that answers after L ms, with
// concurrency C. The ideal wall time is N·L/C; the harness should finish within 5% of it.
//
//   npx tsx bench/latency.ts [items=5000] [latencyMs=200] [concurrency=50]
import { spawnFakeServer } from './spawn-server.js';
import { runBenchEval } from './bench-eval.js';

const N = Number(process.argv[2] ?? 5000);
const L = Number(process.argv[3] ?? 200);
const C = Number(process.argv[4] ?? 50);

const server = await spawnFakeServer(L); // its own process: its CPU does not slow the harness's event loop
try {
  const { summary, seconds: wall } = await runBenchEval({ url: server.url, items: N, concurrency: C });
  const ideal = (N * L) / C / 1000;
  console.log(`items=${N} latency=${L} ms concurrency=${C}`);
  console.log(`ideal N·L/C : ${ideal.toFixed(2)} s`);
  console.log(`wall        : ${wall.toFixed(2)} s`);
  console.log(`efficiency  : ${(wall / ideal).toFixed(3)} × ideal (target <= 1.05)`);
  console.log(`passed      : ${summary.models[0]?.passed}/${N}, errors ${summary.items.errors}`);
} finally {
  server.stop();
}
