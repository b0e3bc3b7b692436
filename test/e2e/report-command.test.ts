import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

// `haikubench report --html` as a command: what it refuses (exit 2, nothing written) and what it
// writes: one file holding its libraries and data, no address to load anything from.

describe('haikubench report --html', () => {
  it('refuses a directory that is not a finished run, and a folder as the file, before writing anything', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const r = await runCli(['report', join(dir, 'empty'), '--html', join(dir, 'out.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'empty')}: not a finished run directory (it needs summary.json and records.jsonl)`);
    expect(existsSync(join(dir, 'out.html'))).toBe(false);
  });

  it('writes one self-contained file of a run', async () => {
    const dir = tempDir();
    const run = await runCli(['run', 'evals/math-word-problems.yaml', '--simulate', 'auto', '--out', join(dir, 'run'), '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const bad = await runCli(['report', join(dir, 'run'), '--html', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--html: give a file to write, not a folder');
    // A path that cannot be written (a file stands where a folder should be): exit 2 with the reason, no stack.
    writeFileSync(join(dir, 'blocker'), '');
    const unwritable = await runCli(['report', join(dir, 'run'), '--html', join(dir, 'blocker', 'r.html')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain(`--html ${join(dir, 'blocker', 'r.html')}: EEXIST`);
    expect(unwritable.stderr).not.toContain('internal error');
    const r = await runCli(['report', join(dir, 'run'), '--html', join(dir, 'r.html')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*r\.html \(\d+ KiB, 1 run\); open it in a browser\n$/);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain("connect-src 'none'");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import/);
    expect(html).toContain('"mode":"report"');
    expect(existsSync(join(dir, 'run', 'inputs.jsonl'))).toBe(true);
  });

  it('a run whose inputs.jsonl was edited in the middle: exit 2 naming the file and line, not blamed on the --html path', async () => {
    const dir = tempDir();
    const run = await runCli(['run', 'evals/math-word-problems.yaml', '--simulate', 'auto', '--out', join(dir, 'run'), '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const inputs = join(dir, 'run', 'inputs.jsonl');
    const at = readFileSync(inputs, 'utf8').split('\n').length; // the line the bad one lands on
    appendFileSync(inputs, '{"hash":"edited\n{"hash":"0123456789abcdef","input":{}}\n');
    const r = await runCli(['report', join(dir, 'run'), '--html', join(dir, 'r.html')], { env: { COLUMNS: '1000' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${inputs}:${at}: not a JSON line, in the middle of the file`);
    expect(r.stderr).not.toContain('choose a path you can write');
    expect(r.stderr).not.toContain('internal error');
  });
});
