// The response cache store (src/cache/store.ts) on 100,000 entries of ~450 bytes (an answer as the
// runner stores it): median latency of a hit, a miss and a put, the time to fill it, stats() and
// clear() over all of it, and its size on disk. Runs `sync` (POSIX) between the phases.
//   npx tsx bench/cache-store.ts [entries] [store module]
// The store module (default src/cache/store.ts) must export openCacheStore(path, { ttlMs }); it is
// given a path that does not exist yet inside a fresh temp folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CacheStore } from '../src/cache/store.js';

type Open = (path: string, opts: { readonly ttlMs: number | null }) => CacheStore;

const n = Number(process.argv[2] ?? 100_000);
const modulePath = resolve(process.argv[3] ?? join(import.meta.dirname, '../src/cache/store.ts'));
const { openCacheStore } = (await import(pathToFileURL(modulePath).href)) as { openCacheStore: Open };

const keyOf = (i: number): string => createHash('sha256').update(`bench ${i}`).digest('hex');
const valueOf = (i: number): string => JSON.stringify({
  text: `Answer ${i}: ${'lorem ipsum dolor sit amet '.repeat(12)}`,
  usage: { inputTokens: 1200 + (i % 300), outputTokens: 80 + (i % 40), thinkingTokens: 0 },
  stopReason: 'end_turn',
  latencyMs: 800 + (i % 500),
});
const MODELS = ['anthropic:claude-haiku-5-5', 'anthropic:claude-sonnet-5', 'openai:gpt-6-mini'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Median µs of `fn(i)` over `calls` calls, each timed on its own. */
function perCall(calls: number, fn: (i: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    fn(i);
    times.push((performance.now() - t) * 1000);
  }
  return median(times);
}

function timed<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

/** Bytes allocated on disk (st_blocks) under `path`, a file or a folder. */
function diskBytes(path: string): number {
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.blocks * 512;
  return readdirSync(path).reduce((sum, name) => sum + diskBytes(join(path, name)), st.blocks * 512);
}

const root = mkdtempSync(join(tmpdir(), 'haikubench-cache-bench-'));
const say = (line: string): void => console.log(line);
try {
  const store = openCacheStore(join(root, 'store'), { ttlMs: null });
  say(`node ${process.version}; ${n} entries of ~${valueOf(0).length} bytes; store ${modulePath}`);
  const fill = timed(() => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      store.put(keyOf(i), MODELS[i % MODELS.length] ?? '', valueOf(i), 1_000 + i);
      times.push((performance.now() - t) * 1000);
    }
    return median(times);
  });
  say(`fill ${n}: ${(fill.ms / 1000).toFixed(2)} s (put: median ${fill.result.toFixed(1)} µs)`);
  // Flush the fill to disk first, so that what follows measures the store, not the write-back of the fill.
  say(`sync after the fill: ${(timed(() => execFileSync('sync')).ms / 1000).toFixed(2)} s`);
  const calls = Math.min(n, 20_000);
  const keys = Array.from({ length: calls }, (_, i) => keyOf((i * 7_919) % n));
  const absent = Array.from({ length: calls }, (_, i) => keyOf(n + i));
  say(`hit: median ${perCall(calls, (i) => { store.get(keys[i] ?? '', 0); }).toFixed(1)} µs over ${calls} gets`);
  say(`miss: median ${perCall(calls, (i) => { store.get(absent[i] ?? '', 0); }).toFixed(1)} µs over ${calls} gets`);
  say(`put (replacing): median ${perCall(calls, (i) => { store.put(keys[i] ?? '', 'anthropic:claude-haiku-5-5', valueOf(i), 2_000_000); }).toFixed(1)} µs over ${calls} puts`);
  const stats = timed(() => store.stats());
  say(`stats(): ${(stats.ms / 1000).toFixed(2)} s (${stats.result.entries} entries, ${(stats.result.bytes / 1e6).toFixed(1)} MB of values)`);
  say(`disk: ${(diskBytes(root) / 1e6).toFixed(1)} MB allocated`);
  const scan = timed(() => store.clear({ model: 'nobody', now: 0 }));
  say(`clear({model: 'nobody'}) (reads everything, deletes nothing): ${(scan.ms / 1000).toFixed(2)} s, ${scan.result} deleted`);
  execFileSync('sync');
  const all = timed(() => store.clear({ now: 0 }));
  say(`clear() (everything): ${(all.ms / 1000).toFixed(2)} s, ${all.result} deleted`);
  store.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
