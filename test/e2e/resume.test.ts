import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { CLI, cleanEnv, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import type { RunSummary } from '../../src/summary/run-summary.js';

// A run killed at any moment resumes without repeating a finished call and without losing or
// duplicating a record; --retry-errors reruns only the items that ended in error.

interface Rec { sampleId: string; model: string; epoch: number; status: string; pass?: boolean }

let server: FakeAnthropic | undefined;

/** A summary without what depends on the clock or the run: ids, times, latencies. */
const stable = (s: RunSummary) => ({
  status: s.status, verdict: s.verdict, items: s.items, options: s.options, gates: s.gates, comparisons: s.comparisons, segments: s.segments,
  models: s.models.map(({ latencyMs: _latency, ...rest }) => rest),
});
afterEach(async () => { await server?.close(); server = undefined; });

const N = 30;
const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').length : 0);
const keyOf = (r: Rec) => `${r.sampleId}|${r.model}|${r.epoch}`;

function setup(): { dir: string; spec: string; out: string } {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
    'spec.yaml': 'name: resumable\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\nrun: { concurrency: 3 }\n',
  });
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

/** Start the CLI and SIGKILL it once `records.jsonl` has at least `after` lines. */
async function runAndKill(args: readonly string[], records: string, after: number, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(env), stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (lines(records) < after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  await exited;
}

describe('resume', () => {
  it('survives three SIGKILLs: one record per item, no finished call repeated, the summary of an uninterrupted run', async () => {
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages), delayMs: 60 }) });
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const { spec, out } = setup();
    const records = join(out, 'records.jsonl');
    await runAndKill(['run', spec, '--out', out, '--quiet'], records, 5, env);
    for (const after of [12, 20]) await runAndKill(['run', '--resume', out, '--quiet'], records, after, env);
    const last = await runCli(['run', '--resume', out, '--quiet'], { env });
    expect(last.code).toBe(0);
    const recs = readJsonl<Rec>(records);
    expect(recs).toHaveLength(N);
    expect(new Set(recs.map(keyOf)).size).toBe(N);
    expect(recs.every((r) => r.status === 'ok' && r.pass === true)).toBe(true);
    // Only calls in flight at a kill (at most the concurrency, 3, per kill) may have been made twice.
    expect(server.calls.length).toBeGreaterThanOrEqual(N);
    expect(server.calls.length).toBeLessThanOrEqual(N + 3 * 3);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary).toMatchObject({ status: 'completed', items: { planned: N, finished: N }, models: [{ passed: N }] });
    // The same summary as an uninterrupted run of the same spec, but for what depends on the clock.
    const clean = join(out, '..', 'uninterrupted');
    expect((await runCli(['run', spec, '--out', clean, '--quiet'], { env })).code).toBe(0);
    const uninterrupted = JSON.parse(readFileSync(join(clean, 'summary.json'), 'utf8')) as RunSummary;
    expect(stable(summary)).toEqual(stable(uninterrupted));
  }, 60_000);

  it('after Ctrl-C with no grace, the cancelled calls ("aborted") run again on resume', async () => {
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages), delayMs: 400 }) });
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const { spec, out } = setup();
    const records = join(out, 'records.jsonl');
    const child = spawn(process.execPath, [CLI, 'run', spec, '--out', out, '--quiet', '--grace-ms', '0'], { env: cleanEnv(env), stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    while (lines(records) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    const cut = readJsonl<Rec & { error?: { kind: string } }>(records).filter((r) => r.error?.kind === 'aborted');
    expect(cut.length).toBeGreaterThan(0); // calls in flight at the stop were cancelled and recorded
    const res = await runCli(['run', '--resume', out, '--quiet'], { env });
    expect(res.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { items: { finished: number; errors: number }; models: { passed: number }[] };
    expect(summary.items).toMatchObject({ finished: N, errors: 0 });
    expect(summary.models[0]?.passed).toBe(N);
  }, 30_000);

  it('refuses a second process on the same run directory', async () => {
    // The first run's answers wait until the second process has been refused: the first run is surely
    // alive and holding the lock while the second one starts, however slow the machine.
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    let calledBack!: () => void;
    const firstCall = new Promise<void>((r) => { calledBack = r; });
    server = await startFakeAnthropic({ respond: async (req) => { calledBack(); await gate; return { text: lastUserText(req.messages) }; } });
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const { spec, out } = setup();
    const first = runCli(['run', spec, '--out', out, '--quiet'], { env });
    await firstCall; // the first run holds its lock from before its first call
    const second = await runCli(['run', '--resume', out, '--quiet'], { env });
    release();
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another haikubench process \(pid \d+\) is using this run directory/);
    expect((await first).code).toBe(0);
    expect(existsSync(join(out, 'run.lock'))).toBe(false);
  }, 30_000);

  it('a dry run of a resume changes nothing and forecasts only what is left', async () => {
    const { spec, out } = setup();
    expect((await runCli(['run', spec, '--out', out, '--quiet', '--model', 'sim:perfect'])).code).toBe(0);
    const records = join(out, 'records.jsonl');
    const kept = readJsonl<Rec>(records).slice(0, 10);
    const torn = `${kept.map((r) => JSON.stringify(r)).join('\n')}\n{"runId":"x","sampleId":"s1\n\n`;
    writeFiles(out, { 'records.jsonl': torn });
    const dry = await runCli(['run', '--resume', out, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('= 30 calls (20 left to run)');
    expect(readFileSync(records, 'utf8')).toBe(torn);
    const res = await runCli(['run', '--resume', out, '--quiet']); // the torn line is followed by blank lines
    expect(res.code).toBe(0);
    expect(readJsonl<Rec>(records)).toHaveLength(N);
  });

  it('drops a torn last line, says so, and runs that item again', async () => {
    const { spec, out } = setup();
    expect((await runCli(['run', spec, '--out', out, '--quiet', '--model', 'sim:perfect'])).code).toBe(0);
    const records = join(out, 'records.jsonl');
    const kept = readJsonl<Rec>(records).slice(0, 10);
    writeFiles(out, { 'records.jsonl': `${kept.map((r) => JSON.stringify(r)).join('\n')}\n{"runId":"x","sampleId":"s1` });
    const res = await runCli(['run', '--resume', out, '--quiet']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('the last record was cut off by the interruption');
    const recs = readJsonl<Rec>(records);
    expect(recs).toHaveLength(N);
    expect(new Set(recs.map(keyOf)).size).toBe(N);
  });

  it('--retry-errors reruns only the items that ended in error; the summary counts their new records', async () => {
    let failing = true;
    server = await startFakeAnthropic({
      respond: (req) => ({ text: lastUserText(req.messages) }),
      fault: ({ body }) => (failing && /w[0-4]$/.test(JSON.stringify(body).match(/"content":"(w\d+)"/)?.[1] ?? '') ? { kind: 'http', status: 400, errorType: 'invalid_request_error' } : undefined),
    });
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const { spec, out } = setup();
    const first = await runCli(['run', spec, '--out', out, '--quiet'], { env });
    expect(first.code).toBe(3); // 5 of 30 errors > 10%
    const callsBefore = server.calls.length;
    failing = false;
    const plain = await runCli(['run', '--resume', out, '--quiet'], { env });
    expect(server.calls.length).toBe(callsBefore); // nothing left to run without --retry-errors
    expect(plain.code).toBe(3);
    const retried = await runCli(['run', '--resume', out, '--retry-errors', '--quiet'], { env });
    expect(retried.code).toBe(0);
    expect(server.calls.length).toBe(callsBefore + 5);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { items: { finished: number; errors: number }; models: { passed: number; errors: number }[] };
    expect(summary.items).toMatchObject({ finished: N, errors: 0 });
    expect(summary.models[0]).toMatchObject({ passed: N, errors: 0 });
    expect(readJsonl<Rec>(join(out, 'records.jsonl'))).toHaveLength(N + 5); // the error records stay, as history
  }, 30_000);

  it('refuses to resume when the dataset changed, and refuses plan-changing flags', async () => {
    const { dir, spec, out } = setup();
    expect((await runCli(['run', spec, '--out', out, '--quiet', '--model', 'sim:perfect', '--limit', '5'])).code).toBe(0);
    const flags = await runCli(['run', '--resume', out, '--limit', '10']);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--limit: a resumed run keeps the plan it started with');
    appendFileSync(join(dir, 'data.jsonl'), '\n{"id":"new","w":"x"}');
    const changed = await runCli(['run', '--resume', out]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('changed since the run started');
  });
});
