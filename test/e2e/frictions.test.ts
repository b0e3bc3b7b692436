import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, cleanEnv, runCli, tempDir } from '../support/cli.js';

// Things a new user tripped over, run through the built CLI.

describe('--color and --no-color', () => {
  const cases: readonly (readonly string[])[] = [
    ['validate', '--no-color', 'evals/math-word-problems.yaml'],
    ['validate', '--color', 'evals/math-word-problems.yaml'],
    ['list', '--no-color'],
    ['--no-color', 'schemas'],
  ];
  it.each(cases)('accepts %s', async (...args) => {
    const res = await runCli(args);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});

describe('a closed stdout', () => {
  it('`schemas | head -c 1` ends quietly with exit 0', async () => {
    // A shell pipeline, as the user typed it; bash reports the CLI's own exit code in PIPESTATUS.
    const script = `"$0" "$1" schemas | head -c 1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`;
    const res = await new Promise<{ stdout: string; stderr: string }>((done) => {
      execFile('bash', ['-c', script, process.execPath, CLI], { cwd: ROOT, env: cleanEnv() }, (_err, stdout, stderr) => done({ stdout, stderr }));
    });
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('exit 0\n');
  });
});

describe('each command\'s --help lists its own flags', () => {
  const cases: readonly { command: readonly string[]; has: readonly string[]; hasNot: readonly string[] }[] = [
    { command: ['validate'], has: ['--model', '--limit', '--seed', '--epochs', '--simulate', '--color'], hasNot: ['--concurrency', '--confidence', '--max-cost', '--resume', '--out', '--junit', '--grace-ms', '--baseline'] },
    { command: ['run'], has: ['--concurrency', '--confidence', '--max-cost', '--resume'], hasNot: [] },
    { command: ['schemas'], has: ['--write'], hasNot: ['--model', '--concurrency'] },
  ];
  it.each(cases)('$command', async ({ command, has, hasNot }) => {
    const res = await runCli([...command, '--help']);
    expect(res.code).toBe(0);
    const flags = new Set(res.stdout.match(/^\s+(--[\w-]+)/gm)?.map((f) => f.trim()));
    for (const f of has) expect(flags.has(f), f).toBe(true);
    for (const f of hasNot) expect(flags.has(f), f).toBe(false);
  });
});

describe('quoted globs', () => {
  it('validate expands a glob the shell left alone, sorted', async () => {
    const res = await runCli(['validate', '--simulate', 'always', 'evals/*-*.yaml']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.match(/^ok {3}(\S+):/gm)?.map((l) => l.slice(5, -1))).toEqual([
      'evals/invoice-extraction.yaml', 'evals/math-word-problems.yaml', 'evals/multilingual-intents.yaml', 'evals/policy-qa.yaml', 'evals/routing-demo.yaml', 'evals/science-quiz.yaml', 'evals/support-routing.yaml', 'evals/tool-use.yaml', 'evals/vision-charts.yaml',
    ]);
  });

  it.each([['validate'], ['run', '--dry-run']])('%s: a glob that matches nothing is exit 2 naming it', async (...command) => {
    const res = await runCli([...command, 'evals/*.yml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"evals/*.yml" matches no file');
  });
});

describe('haikubench clean', () => {
  /** A run directory last changed `days` ago (file times set, not waited for). */
  function run(dir: string, days: number, files: Record<string, string> = { 'run.json': '{}' }): void {
    mkdirSync(dir, { recursive: true });
    const t = new Date(Date.now() - days * 86_400_000);
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), t, t);
    }
    utimesSync(dir, t, t);
  }

  it('--dry-run lists the old runs; without it they go, and nothing else does', async () => {
    const cwd = tempDir();
    run(join(cwd, 'reports', 'old'), 20, { 'run.json': '{}', 'records.jsonl': '{}\n' });
    run(join(cwd, 'reports', 'recent'), 1);
    run(join(cwd, 'reports', 'mine'), 30, { 'notes.txt': 'not a run' });
    const dry = await runCli(['clean', '--older-than', '14d', '--dry-run'], { cwd });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would remove reports\/old \(/m);
    expect(dry.stdout).not.toMatch(/recent|mine/);
    expect(existsSync(join(cwd, 'reports', 'old'))).toBe(true);
    const real = await runCli(['clean', 'reports', '--older-than', '14d'], { cwd });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^removed reports\/old /m);
    expect(['old', 'recent', 'mine'].map((d) => existsSync(join(cwd, 'reports', d)))).toEqual([false, true, true]);
  });

  it.each([[['clean']], [['clean', '--older-than', 'soon']]])('%j is exit 2', async (args) => {
    expect((await runCli(args, { cwd: tempDir() })).code).toBe(2);
  });
});
