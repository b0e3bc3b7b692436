// The floor the harness is measured against: a bare loop of SDK calls (no harness) in a pool of C
// workers against bench/fake-server.ts in its own process. Prints calls/s and, run under
// /usr/bin/time -v, gives the SDK's own peak RSS.
//
//   npx tsx bench/bare-loop.ts [calls=100000] [latencyMs=0] [concurrency=64]
//   /usr/bin/time -f '%M KB %e s' node --import tsx bench/bare-loop.ts 100000 0 64
import Anthropic from '@anthropic-ai/sdk';
import { spawnFakeServer } from './spawn-server.js';

const N = Number(process.argv[2] ?? 100_000);
const L = Number(process.argv[3] ?? 0);
const C = Number(process.argv[4] ?? 64);

const server = await spawnFakeServer(L);
try {
  const client = new Anthropic({ apiKey: 'bench', baseURL: server.url, maxRetries: 0 });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: C }, async () => {
    while (next < N) {
      const i = next++;
      await client.messages.create({ model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: `Say w${i}` }] });
    }
  }));
  const wall = (performance.now() - t0) / 1000;
  const ideal = (N * L) / C / 1000;
  console.log(`bare SDK loop: ${N} calls, latency ${L} ms, concurrency ${C}: ${wall.toFixed(2)} s, ${(N / wall).toFixed(0)} calls/s${L > 0 ? `, ${(wall / ideal).toFixed(3)} × ideal` : ''}`);
} finally {
  server.stop();
}
