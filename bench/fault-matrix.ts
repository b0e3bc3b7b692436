// The fault matrix: each injected fault against the fake servers on 127.0.0.1, 600 samples of which a
// fixed 10% are answered wrongly on purpose, run through the built CLI and compared item by item with
// a fault-free run. Per fault it prints the exit code, the lines of records.jsonl, the items scored,
// the errors by kind (final errors; retries by kind beside them), the pass rate against the fault-free
// run, whether every item got the same verdict, the requests the server received and the wall time.
//
//   npm run build && npx tsx bench/fault-matrix.ts [--outage-ms 20000] [--only SUBSTRING]
//
// It exits 1 when a row does not end with every item scored and the fault-free verdict for each.
// --outage-ms shortens the outage row (every connection reset for that long from the first request;
// default 20 s). --only runs the rows whose name contains the text (the fault-free run always runs).
// openai: models do not stream here (the spec refuses stream: for them), so OpenAI is cut mid-body only.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeAnthropic, lastUserText, faultEvery, type Fault, type FaultFn } from '../test/support/fake-anthropic.js';
import { startFakeOpenAI, lastUserContent } from '../test/support/fake-openai.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const N = 600;
const CONCURRENCY = 16;
const DELAY_MS = 10;
const { values: flags } = parseArgs({ options: { 'outage-ms': { type: 'string', default: '20000' }, only: { type: 'string' } } });
const OUTAGE_MS = Number(flags['outage-ms']);

/** Samples whose index ends in 3 are answered wrongly: 60 of 600, the same in every run. */
const answer = (prompt: string): string => {
  const w = prompt.replace('Say ', '').trim();
  return Number(w.slice(1)) % 10 === 3 ? 'wrong' : w;
};

interface Row {
  readonly name: string;
  readonly api: 'anthropic' | 'openai';
  readonly stream?: boolean;
  readonly fault?: () => FaultFn;
  /** Extra lines of the spec's run: block. */
  readonly run?: string;
  readonly kill?: readonly number[];
}

const every = (rate: number, ...faults: Fault[]) => () => faultEvery(rate, 14, faults);
const r429: Fault = { kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 1 };
const r529: Fault = { kind: 'http', status: 529, errorType: 'overloaded_error' };

/** Every request within OUTAGE_MS of the first one is reset (the socket destroyed, no response). */
const outage = (): FaultFn => {
  let start: number | undefined;
  return () => {
    start ??= Date.now();
    return Date.now() - start < OUTAGE_MS ? { kind: 'reset' } : undefined;
  };
};

const ROWS: readonly Row[] = [
  { name: '429 at 10% (retry-after 1 s)', api: 'anthropic', fault: every(0.1, r429) },
  { name: '429 at 30% (retry-after 1 s)', api: 'anthropic', fault: every(0.3, r429) },
  { name: '529 at 10%', api: 'anthropic', fault: every(0.1, r529) },
  { name: '529 at 30%', api: 'anthropic', fault: every(0.3, r529) },
  { name: 'hangs at 5%, timeout_ms 2000', api: 'anthropic', fault: every(0.05, { kind: 'hang' }), run: 'timeout_ms: 2000' },
  { name: 'malformed 200 bodies at 10%', api: 'anthropic', fault: every(0.1, { kind: 'malformed' }) },
  { name: 'mid-stream overloaded_error at 10% (streaming)', api: 'anthropic', stream: true, fault: every(0.1, { kind: 'stream-error', errorType: 'overloaded_error' }) },
  { name: 'resets before the response at 10%', api: 'anthropic', fault: every(0.1, { kind: 'reset' }) },
  { name: 'cut mid-body at 10% (Anthropic)', api: 'anthropic', fault: every(0.1, { kind: 'cut' }) },
  { name: 'cut mid-stream at 10% (Anthropic streaming)', api: 'anthropic', stream: true, fault: every(0.1, { kind: 'cut' }) },
  { name: 'cut mid-body at 10% (OpenAI)', api: 'openai', fault: every(0.1, { kind: 'cut' }) },
  { name: `outage of ${OUTAGE_MS / 1000} s (every connection reset)`, api: 'anthropic', fault: outage },
  { name: 'SIGKILL ×3 + --resume', api: 'anthropic', kill: [150, 300, 450] },
];

interface Rec { sampleId: string; status: string; pass?: boolean; error?: { kind: string }; retries?: { kind: string }[] }

interface Result {
  readonly name: string;
  readonly exit: number | string;
  readonly lines: number;
  readonly scored: number;
  readonly errors: Record<string, number>;
  readonly retries: Record<string, number>;
  readonly passed: number;
  readonly verdicts: Map<string, boolean | string>;
  readonly requests: number;
  readonly wall: number;
}

function writeSpec(dir: string, row: Row, url: string): string {
  const rows = Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` }));
  writeFileSync(join(dir, 'd.jsonl'), `${rows.join('\n')}\n`);
  const stream = row.stream === true ? ', stream: true' : '';
  const model = row.api === 'anthropic' ? `{ id: "anthropic:claude-haiku-5-5", max_tokens: 16${stream} }` : `{ id: "openai:fake-model", base_url: "${url}", max_tokens: 16${stream} }`;
  const run = [`concurrency: ${CONCURRENCY}`, ...(row.run === undefined ? [] : [row.run])].join(', ');
  writeFileSync(join(dir, 's.yaml'), `name: faults\ndataset: { path: d.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [ ${model} ]\nscorers: [ { type: equals } ]\nrun: { ${run} }\n`);
  return join(dir, 's.yaml');
}

const lineCount = (path: string): number => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length : 0);

/** One CLI process; with killAt, SIGKILLed once records.jsonl holds that many lines. */
function cli(args: readonly string[], env: Record<string, string>, killAt?: { file: string; lines: number }): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), NO_COLOR: '1', CI: 'true', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    const watch = killAt === undefined ? undefined : setInterval(() => {
      if (lineCount(killAt.file) >= killAt.lines) child.kill('SIGKILL');
    }, 5);
    child.on('exit', (code, signal) => {
      if (watch !== undefined) clearInterval(watch);
      resolve(code ?? signal ?? 'unknown');
    });
  });
}

async function runRow(row: Row): Promise<Result> {
  const fault = row.fault?.();
  const server = row.api === 'anthropic'
    ? await startFakeAnthropic({ respond: (req) => ({ text: answer(lastUserText(req.messages)), delayMs: DELAY_MS }), ...(fault !== undefined && { fault }) })
    : await startFakeOpenAI({ respond: (req) => ({ text: answer(lastUserContent(req.messages)), delayMs: DELAY_MS }), ...(fault !== undefined && { fault }) });
  const dir = mkdtempSync(join(tmpdir(), 'hb-faults-'));
  const out = join(dir, 'out');
  const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, OPENAI_API_KEY: 'k', HAIKUBENCH_CACHE_DIR: join(dir, 'cache') };
  const t0 = performance.now();
  try {
    const spec = writeSpec(dir, row, server.url);
    const records = join(out, 'records.jsonl');
    let exit = await cli(['run', spec, '--out', out, '--quiet', '--no-cache'], env, row.kill?.[0] === undefined ? undefined : { file: records, lines: row.kill[0] });
    for (const at of row.kill?.slice(1) ?? []) exit = await cli(['run', '--resume', out, '--quiet', '--no-cache'], env, { file: records, lines: at });
    if (row.kill !== undefined) exit = await cli(['run', '--resume', out, '--quiet', '--no-cache'], env);
    return tally(row.name, exit, records, server.calls.length, (performance.now() - t0) / 1000);
  } finally {
    await server.close();
  }
}

function tally(name: string, exit: number | string, file: string, requests: number, wall: number): Result {
  const recs = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').flatMap((l) => { try { return [JSON.parse(l) as Rec]; } catch { return []; } }) : [];
  const latest = new Map<string, Rec>();
  for (const r of recs) latest.set(r.sampleId, r); // the later record of an item wins (a resume, a retried error)
  const errors: Record<string, number> = {};
  const retries: Record<string, number> = {};
  const verdicts = new Map<string, boolean | string>();
  for (const r of latest.values()) {
    if (r.status === 'error') errors[r.error?.kind ?? 'unknown'] = (errors[r.error?.kind ?? 'unknown'] ?? 0) + 1;
    verdicts.set(r.sampleId, r.status === 'ok' ? r.pass === true : `error:${r.error?.kind ?? 'unknown'}`);
  }
  for (const r of recs) for (const x of r.retries ?? []) retries[x.kind] = (retries[x.kind] ?? 0) + 1;
  const scored = [...latest.values()].filter((r) => r.status === 'ok').length;
  const passed = [...latest.values()].filter((r) => r.status === 'ok' && r.pass === true).length;
  return { name, exit, lines: recs.length, scored, errors, retries, passed, verdicts, requests, wall };
}

const kinds = (o: Record<string, number>) => (Object.keys(o).length === 0 ? '—' : Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', '));
const pct = (n: number) => `${((n / N) * 100).toFixed(1)}%`;

const sameVerdicts = (r: Result, base: Result) => [...base.verdicts].filter(([id, v]) => r.verdicts.get(id) === v).length;
/** What every row must end with: all items scored, each with the fault-free run's verdict. */
const absorbed = (r: Result, base: Result) => r.scored === N && sameVerdicts(r, base) === N;

function rowText(r: Result, base: Result): string {
  const same = sameVerdicts(r, base);
  const cells = [r.name, String(r.exit), String(r.lines), `${r.scored}/${N}`, kinds(r.errors), kinds(r.retries), `${pct(r.passed)} vs ${pct(base.passed)}`, `${same}/${N}`, String(r.requests), r.wall.toFixed(1)];
  return `| ${cells.join(' | ')} |`;
}

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
const started = performance.now();
const base = await runRow({ name: 'fault-free', api: 'anthropic' });
const rows = ROWS.filter((r) => flags.only === undefined || r.name.includes(flags.only));
console.log(`fault matrix: ${N} samples (10% answered wrongly on purpose), concurrency ${CONCURRENCY}, server latency ${DELAY_MS} ms, ${new Date().toISOString().slice(0, 10)}`);
console.log('| fault | exit | records | scored | errors by kind | retries by kind | pass rate vs fault-free | same verdicts | requests | wall s |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(rowText(base, base));
const results: Result[] = [];
for (const row of rows) {
  const r = await runRow(row);
  results.push(r);
  console.log(rowText(r, base));
}
const short = results.filter((r) => !absorbed(r, base));
console.log(`${results.length - short.length} of ${results.length} faults absorbed (every item scored, the fault-free verdict for each)${short.length === 0 ? '' : `; not: ${short.map((r) => r.name).join('; ')}`}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
// Exit 1 when a fault was not absorbed (or the fault-free run itself was not clean), so CI can run it.
if (short.length > 0 || !absorbed(base, base)) process.exitCode = 1;
