import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI, cleanEnv, tempDir, writeFiles } from '../support/cli.js';

// validate and run --dry-run call and write nothing, so they install no signal handler: Ctrl-C ends
// them at once, even in a long synchronous step (a forecast over millions of planned items), where a
// JavaScript handler could not run. The dataset here is a named pipe: the test knows the CLI is at
// work (reading it) when its open for writing returns, with no clock involved.

describe('Ctrl-C during validate or run --dry-run', () => {
  it.each([
    ['run --dry-run', ['run', 'spec.yaml', '--dry-run']],
    ['validate', ['validate', 'spec.yaml']],
  ])('%s quits at once (killed by SIGINT), printing no plan', async (_name, args) => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'data.jsonl')]);
    writeFiles(dir, { 'spec.yaml': 'name: fifo\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "Say {{w}}" }\nmodels: [sim:claude-haiku-5-5]\nscorers: [{ type: equals }]\n' });
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Should the CLI end before it opens the pipe, a reader of our own lets the open below return.
    void exited.then(async () => { await (await open(join(dir, 'data.jsonl'), 'r+')).close(); });
    const writer = await open(join(dir, 'data.jsonl'), 'w'); // returns once the CLI opened the dataset
    child.kill('SIGINT');
    const end = await exited;
    await writer.close();
    expect(end.signal).toBe('SIGINT');
    expect(out).not.toContain('stopping');
  });
});
