import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

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
