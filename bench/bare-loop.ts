// The floors the harness is measured against: a bare loop of calls (no harness) in a pool of C
// workers against bench/fake-server.ts in its own process (or at the URL given in FAKE_URL). Prints
// calls/s and, run under /usr/bin/time -v, gives the loop's own peak RSS. How each call is made:
//   sdk         @anthropic-ai/sdk on Node's fetch (its default)
//   sdk-undici  @anthropic-ai/sdk on haikubench's undici transport (src/providers/transport.ts)
//   sdk-node    @anthropic-ai/sdk on haikubench's node:http transport (src/providers/node-fetch.ts)
//   fetch       Node's fetch, the same JSON body and headers, the answer parsed
//   http        node:http with a keep-alive agent, the same request, the answer parsed
//
//   npx tsx bench/bare-loop.ts [calls=100000] [latencyMs=0] [concurrency=64] [sdk|sdk-undici|sdk-node|fetch|http]
//   /usr/bin/time -f '%M KB %e s' node --import tsx bench/bare-loop.ts 100000 0 64
import Anthropic from '@anthropic-ai/sdk';
import { Agent, request } from 'node:http';
import { spawnFakeServer } from './spawn-server.js';
import { undiciFetch } from '../src/providers/transport.js';
import { nodeFetch } from '../src/providers/node-fetch.js';

const N = Number(process.argv[2] ?? 100_000);
const L = Number(process.argv[3] ?? 0);
const C = Number(process.argv[4] ?? 64);
const MODE = process.argv[5] ?? 'sdk';
const MODES = ['sdk', 'sdk-undici', 'sdk-node', 'fetch', 'http'];
if (!MODES.includes(MODE)) throw new Error(`mode must be one of ${MODES.join(', ')}`);

const headers = { 'content-type': 'application/json', authorization: 'Bearer bench', 'anthropic-version': '2026-10-21', accept: 'application/json' };
const bodyOf = (i: number) => JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: `Say w${i}` }] });

function callWith(url: string): (i: number) => Promise<unknown> {
  if (MODE === 'sdk' || MODE === 'sdk-undici' || MODE === 'sdk-node') {
    const custom = MODE === 'sdk-undici' ? undiciFetch() : MODE === 'sdk-node' ? nodeFetch() : undefined;
    const client = new Anthropic({ apiKey: 'bench', baseURL: url, maxRetries: 0, logLevel: 'off', ...(custom !== undefined && { fetch: custom }) });
    return (i) => client.messages.create({ model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: `Say w${i}` }] });
  }
  if (MODE === 'fetch') {
    return async (i) => {
      const res = await fetch(`${url}/v1/messages`, { method: 'POST', headers, body: bodyOf(i) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json();
    };
  }
  const agent = new Agent({ keepAlive: true, maxSockets: C });
  const { hostname, port } = new URL(url);
  return (i) => new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: '/v1/messages', method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bodyOf(i));
  });
}

const given = process.env['FAKE_URL'];
const server = given === undefined ? await spawnFakeServer(L) : { url: given, stop: () => {} };
try {
  const call = callWith(server.url);
  let next = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: C }, async () => {
    while (next < N) await call(next++);
  }));
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const ideal = (N * L) / C / 1000;
  console.log(`bare ${MODE} loop: ${N} calls, latency ${L} ms, concurrency ${C}: ${wall.toFixed(2)} s, ${(N / wall).toFixed(0)} calls/s, loop CPU ${cpu.toFixed(2)} s${L > 0 ? `, ${(wall / ideal).toFixed(3)} × ideal` : ''}`);
} finally {
  server.stop();
}
