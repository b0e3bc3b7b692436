import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { CLI, cleanEnv, readJsonl, tempDir, writeFiles } from '../support/cli.js';

// Ctrl-C (or a cancelled CI job's SIGTERM): no new calls, calls in flight finish within the grace period, records and a partial summary
// are written, exit code 3.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').length : 0);

describe('Ctrl-C or SIGTERM during a run', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s stops new calls, lets calls in flight finish, and writes records and a partial summary', async (signal) => {
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages), delayMs: 300 }) });
    const dir = tempDir();
    const rows = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` }));
    writeFiles(dir, {
      'data.jsonl': rows.join('\n'),
      'spec.yaml': 'name: interrupt\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\nrun: { concurrency: 2 }\n',
    });
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [CLI, 'run', join(dir, 'spec.yaml'), '--out', out], { env: cleanEnv({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, COLUMNS: '1000' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const records = join(out, 'records.jsonl');
    const deadline = Date.now() + 15_000;
    while (lines(records) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    child.kill(signal);
    const code = await exited;
    expect(code).toBe(3);
    expect(stderr).toContain('stopping. No new calls');
    // The INCOMPLETE line says how to continue.
    expect(stdout).toMatch(new RegExp(`^INCOMPLETE: .*Continue with: haikubench run --resume ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const recs = readJsonl<{ sampleId: string; status: string }>(records);
    expect(recs.length).toBeGreaterThanOrEqual(4);
    expect(recs.length).toBeLessThan(40);
    expect(new Set(recs.map((r) => r.sampleId)).size).toBe(recs.length);
    // Calls in flight at the stop finished inside the grace period: every call made has its record.
    expect(recs.every((r) => r.status === 'ok')).toBe(true);
    expect(server.calls.length).toBe(recs.length);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { status: string; verdict: string; items: { planned: number; finished: number } };
    expect(summary).toMatchObject({ status: 'aborted', verdict: 'incomplete', items: { planned: 40, finished: recs.length } });
  }, 30_000);
});
