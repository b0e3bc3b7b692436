import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGlobs } from '../../../src/util/globs.js';
import { InputError } from '../../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'haikubench-glob-'));
mkdirSync(join(root, 'evals'));
mkdirSync(join(root, 'reports', 'run-b'), { recursive: true });
mkdirSync(join(root, 'reports', 'run-a'), { recursive: true });
for (const f of ['b.yaml', 'a.yaml', 'c.json']) writeFileSync(join(root, 'evals', f), '');

describe('expandGlobs', () => {
  const cases: readonly { name: string; args: string[]; directories?: boolean; expected: string[] }[] = [
    { name: 'a plain path is kept, even when missing', args: ['evals/missing.yaml'], expected: ['evals/missing.yaml'] },
    { name: 'a glob gives its matches, sorted', args: ['evals/*.yaml'], expected: ['evals/a.yaml', 'evals/b.yaml'] },
    { name: 'globs and paths keep their order', args: ['x.yaml', 'evals/*.{json,yaml}'], expected: ['x.yaml', 'evals/a.yaml', 'evals/b.yaml', 'evals/c.json'] },
    { name: 'an absolute glob gives absolute paths', args: [join(root, 'evals/a.*')], expected: [join(root, 'evals/a.yaml')] },
    { name: 'directories', args: ['reports/run-*'], directories: true, expected: ['reports/run-a', 'reports/run-b'] },
  ];
  it.each(cases)('$name', ({ args, directories, expected }) => {
    expect(expandGlobs(args, { cwd: root, what: 'spec files', ...(directories !== undefined && { directories }) })).toEqual(expected);
  });

  it('a glob that matches nothing is an input error naming it', () => {
    expect(() => expandGlobs(['evals/*.yml'], { cwd: root, what: 'spec files' })).toThrowError(InputError);
    expect(() => expandGlobs(['evals/*.yml'], { cwd: root, what: 'spec files' })).toThrowError(/"evals\/\*\.yml" matches no file/);
  });
});
