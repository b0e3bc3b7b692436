// haikubench next to bare loops, in one interleaved series against one fake Messages API (its own
// process, bench/fake-server.ts): each round runs, one after the other, the haikubench CLI as a user
// starts it (`node dist/cli/main.js run …`, response cache off, records on disk, summary), a bare loop
// of @anthropic-ai/sdk calls (Node's fetch under it, the SDK's default), a bare loop of fetch calls
// and a bare loop of node:http calls with keep-alive (bench/bare-loop.ts). Every contender is a whole
// process, measured with /usr/bin/time (wall, CPU, peak RSS).
//
// items/s: haikubench's is N / the whole process's wall time (start-up, spec and dataset checks and the
// summary included); a bare loop's is what it prints: N / its loop's time (its start-up left out). So
// the ratios are, if anything, unfair to haikubench. Medians over the rounds, and the median of the
// per-round ratios haikubench / bare SDK (target ≥ 1.0). The machine may be shared: items per
// CPU-second are printed too (haikubench: the whole process's CPU; a bare loop: its loop's).
//
// With a latency, also prints haikubench's wall against the ideal N·L/C (target ≤ 1.05).
//
//   npx tsx bench/versus.ts [items=5000] [latencyMs=0] [concurrency=50] [rounds=3] [transport=node|undici|fetch]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnFakeServer } from './spawn-server.js';

const N = Number(process.argv[2] ?? 5000);
const L = Number(process.argv[3] ?? 0);
const C = Number(process.argv[4] ?? 50);
const ROUNDS = Number(process.argv[5] ?? 3);
const TRANSPORT = process.argv[6] ?? 'node';
const root = resolve(import.meta.dirname, '..');

interface Measure {
  readonly itemsPerSec: number;
  /** Items per second of CPU time: haikubench's whole process; a bare loop's loop (process.cpuUsage). */
  readonly itemsPerCpuSec: number;
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb: number;
}

/** Run a command under /usr/bin/time; its stdout, and wall, CPU and peak RSS. */
function timed(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): { stdout: string; wall: number; cpu: number; rssMb: number } {
  const tf = join(work, 'time.txt');
  const stdout = execFileSync('/usr/bin/time', ['-o', tf, '-f', '%e %U %S %M', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const [wall, user, sys, kb] = execFileSync('tail', ['-1', tf], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  return { stdout, wall: wall ?? NaN, cpu: (user ?? NaN) + (sys ?? NaN), rssMb: (kb ?? NaN) / 1024 };
}

const work = mkdtempSync(join(tmpdir(), 'hb-versus-'));
writeFileSync(join(work, 'd.jsonl'), `${Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n')}\n`);
writeFileSync(join(work, 's.yaml'), `name: versus\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 16 } ]\nscorers: [ { type: equals } ]\nrun: { concurrency: ${C}, transport: ${TRANSPORT} }\n`);

const server = await spawnFakeServer(L);
const env = { ...process.env, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: server.url, FAKE_URL: server.url };

function haikubench(round: number): Measure {
  const out = join(work, `run-${round}`);
  const t = timed(process.execPath, [join(root, 'dist/cli/main.js'), 'run', join(work, 's.yaml'), '--out', out, '--quiet', '--no-cache', '--json'], env);
  const passed = (JSON.parse(t.stdout) as { models?: { passed?: number }[] }[] | { models?: { passed?: number }[] }) ;
  const first = Array.isArray(passed) ? passed[0] : passed;
  if (first?.models?.[0]?.passed !== N) throw new Error(`haikubench: expected ${N} passes, got ${JSON.stringify(first?.models?.[0])}`);
  rmSync(out, { recursive: true, force: true });
  return { itemsPerSec: N / t.wall, itemsPerCpuSec: N / t.cpu, wall: t.wall, cpu: t.cpu, rssMb: t.rssMb };
}

function bare(mode: string): Measure {
  const t = timed(process.execPath, ['--import', 'tsx', join(root, 'bench/bare-loop.ts'), String(N), String(L), String(C), mode], env);
  const m = /([\d.]+) s, (\d+) calls\/s, loop CPU ([\d.]+) s/.exec(t.stdout);
  if (m === null) throw new Error(`bare ${mode}: unexpected output ${t.stdout}`);
  return { itemsPerSec: Number(m[2]), itemsPerCpuSec: N / Number(m[3]), wall: t.wall, cpu: t.cpu, rssMb: t.rssMb };
}

const contenders: readonly [string, (round: number) => Measure][] = [
  ['haikubench', haikubench],
  ['bare SDK', () => bare('sdk')],
  ['bare fetch', () => bare('fetch')],
  ['bare node:http', () => bare('http')],
];

const med = (xs: readonly number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 === 1 ? s[(s.length - 1) / 2] ?? NaN : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2; };

try {
  const results = new Map<string, Measure[]>(contenders.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of contenders) {
      const m = run(r);
      results.get(name)?.push(m);
      console.log(`round ${r + 1} ${name.padEnd(15)} ${m.itemsPerSec.toFixed(0).padStart(6)} items/s  ${m.itemsPerCpuSec.toFixed(0).padStart(6)} items/CPU-s  wall ${m.wall.toFixed(2)} s  CPU ${m.cpu.toFixed(2)} s  peak RSS ${m.rssMb.toFixed(0)} MB`);
    }
  }
  const hb = results.get('haikubench') ?? [];
  console.log(`\n${N} items, latency ${L} ms, concurrency ${C}, ${ROUNDS} interleaved rounds, haikubench transport ${TRANSPORT}; medians:`);
  console.log('| what | items/s | haikubench ÷ this | items per CPU-second | haikubench ÷ this | process wall (s) | process CPU (s) | peak RSS (MB) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name] of contenders) {
    const ms = results.get(name) ?? [];
    const ratio = (f: (m: Measure) => number) => (name === 'haikubench' ? '' : med(ms.map((m, i) => (hb[i] === undefined ? NaN : f(hb[i]) / f(m)))).toFixed(2));
    console.log(`| ${name} | ${med(ms.map((m) => m.itemsPerSec)).toFixed(0)} | ${ratio((m) => m.itemsPerSec)} | ${med(ms.map((m) => m.itemsPerCpuSec)).toFixed(0)} | ${ratio((m) => m.itemsPerCpuSec)} | ${med(ms.map((m) => m.wall)).toFixed(2)} | ${med(ms.map((m) => m.cpu)).toFixed(2)} | ${med(ms.map((m) => m.rssMb)).toFixed(0)} |`);
  }
  if (L > 0) {
    const ideal = (N * L) / C / 1000;
    console.log(`\nideal N·L/C ${ideal.toFixed(2)} s; haikubench whole-process wall ${med(hb.map((m) => m.wall)).toFixed(2)} s = ${(med(hb.map((m) => m.wall)) / ideal).toFixed(3)} × ideal (target <= 1.05)`);
  }
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}
