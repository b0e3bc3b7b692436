import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanEnv, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// A built-in scorer that takes long: similarity on long texts (each comparison holds the event loop
// for a fraction of a second). Ctrl-C still stops the run: no new items, the ones in flight are
// scored or recorded as aborted within the grace period, records and a partial summary are written,
// exit 3. The simulated model answers every sample right (max_tokens high enough for the whole text):
// each output is as long as its target.
// A comparison too long to finish in bounded time is a scorer error at once, never a hang.

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').length : 0);

interface Rec { sampleId: string; status: string; error?: { kind: string; stage: string; message: string } }

function files(n: number, chars: (i: number) => number) {
  const text = (i: number) => Array.from({ length: chars(i) }, (_, k) => String.fromCharCode(97 + ((k * 7 + i) % 26))).join('');
  return {
    'data.jsonl': Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, q: `q${i}`, a: text(i) })).join('\n'),
    'spec.yaml': 'name: slow-scorer\ndataset: { path: data.jsonl, fields: { target: a } }\nprompt: { user: "{{q}}" }\nmodels: [{ id: "sim:claude-haiku-5-5", max_tokens: 64000, sim: { accuracy: 1 } }]\nscorers: [{ type: similarity }]\nrun: { concurrency: 2 }\n',
  };
}

describe('a slow built-in scorer', () => {
  it('Ctrl-C during similarity on 50,000-character texts stops the run with its records written', async () => {
    const dir = tempDir();
    writeFiles(dir, files(40, () => 50_000));
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [CLI, 'run', join(dir, 'spec.yaml'), '--out', out, '--grace-ms', '500'], { env: cleanEnv({ COLUMNS: '1000' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const records = join(out, 'records.jsonl');
    while (lines(records) < 2) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(stderr).toContain('stopping. No new calls');
    expect(stdout).toMatch(/^INCOMPLETE: /m);
    const recs = readJsonl<Rec>(records);
    expect(recs.length).toBeGreaterThanOrEqual(2);
    expect(recs.length).toBeLessThan(40);
    // Scored, or cut off by the stop (a resume runs those again): never another error.
    expect(recs.filter((r) => r.status !== 'ok').map((r) => r.error?.kind).filter((k) => k !== 'aborted')).toEqual([]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { status: string; verdict: string; items: { planned: number } };
    expect(summary).toMatchObject({ status: 'aborted', verdict: 'incomplete', items: { planned: 40 } });
  }, 120_000);

  it('texts too long to compare in bounded time: a scorer error naming the sizes, and the run goes on', async () => {
    const dir = tempDir();
    writeFiles(dir, files(3, (i) => (i === 1 ? 100_000 : 10)));
    const res = await runCli(['run', 'spec.yaml', '--out', 'o', '--quiet'], { cwd: dir });
    const recs = readJsonl<Rec>(join(dir, 'o', 'records.jsonl'));
    expect(recs).toHaveLength(3);
    const failed = recs.filter((r) => r.status === 'error');
    expect(failed.map((r) => r.sampleId)).toEqual(['s1']);
    expect(failed[0]?.error).toMatchObject({ kind: 'scorer', stage: 'scorer' });
    expect(failed[0]?.error?.message).toMatch(/^scorer similarity failed: the output \(100,000 characters\) and the expected text \(100,000\) are too long to compare in bounded time/);
    expect(res.code).toBe(3); // 1 of 3 items in error: past the allowed error rate
  }, 60_000);
});
