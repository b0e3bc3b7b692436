import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { CLI, ROOT, cleanEnv, runCli } from '../support/cli.js';

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
