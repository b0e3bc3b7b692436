import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanEnv, readJsonl, tempDir, writeFiles } from '../support/cli.js';

// A plug-in stuck in an endless loop (a module) or a long sleep (a command) does not keep Ctrl-C from
// working: the stop ends them after the grace period, their items are recorded as aborted (a resume
// runs them again), and the run exits 3.

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').length : 0);

describe('Ctrl-C while plug-in scorers are stuck', () => {
  it('stops the run: the stuck calls are ended, recorded as aborted, exit 3', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
      // Past s1: even samples loop forever in the module, odd ones sleep in the command.
      'stuck.mjs': 'export default function score(input) {\n  const n = Number(input.sample.id.slice(1));\n  if (n > 1 && n % 2 === 0) while (true) { /* stuck */ }\n  return true;\n}\n',
      'slow.py': 'import json, sys, time\nd = json.load(sys.stdin)\nn = int(d["sample"]["id"][1:])\nif n > 1: time.sleep(600)\nprint("true")\n',
      'spec.yaml': [
        'name: plugin-interrupt',
        'dataset: { path: data.jsonl, fields: { target: w } }',
        'prompt: { user: "{{w}}" }',
        'models: [sim:claude-haiku-5-5]',
        'scorers:',
        '  - { type: module, path: ./stuck.mjs, timeout_ms: 600000 }',
        '  - { type: exec, command: "python3 ./slow.py", timeout_ms: 600000 }',
        'run: { concurrency: 4 }',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [CLI, 'run', join(dir, 'spec.yaml'), '--out', out, '--grace-ms', '200'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const records = join(out, 'records.jsonl');
    // s0 and s1 finish; the others are stuck in a plug-in.
    while (lines(records) < 2) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(stderr).toContain('stopping. No new calls');
    const recs = readJsonl<{ sampleId: string; status: string; error?: { kind: string; stage: string; message: string } }>(records);
    expect(recs.filter((r) => r.status === 'ok').map((r) => r.sampleId).sort()).toEqual(['s0', 's1']);
    const stopped = recs.filter((r) => r.status === 'error');
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped) expect(r.error).toMatchObject({ kind: 'aborted', stage: 'scorer', message: expect.stringMatching(/the run stopped/) as unknown });
    // Both kinds of stuck plug-in were there, and both were ended.
    expect(stopped.some((r) => r.error?.message.includes('its worker was terminated'))).toBe(true);
    expect(stopped.some((r) => r.error?.message.includes('its process group was killed'))).toBe(true);
  }, 120_000);
});
