import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDirSync } from '../../../src/util/make-dir.js';

const base = () => mkdtempSync(join(tmpdir(), 'make-dir-'));
const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code;
  }
};

describe('makeDirSync', () => {
  it.each([
    ['one new folder', ['a']],
    ['a chain of new folders', ['a', 'b', 'c', 'd']],
    ['a name with spaces and unicode', ['run dir', 'été']],
  ])('%s', (_name, parts) => {
    const dir = join(base(), ...parts);
    makeDirSync(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('a folder that is already there is fine, twice', () => {
    const dir = base();
    makeDirSync(dir);
    makeDirSync(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('a file in the way is an error with its code', () => {
    const dir = base();
    writeFileSync(join(dir, 'f'), 'x');
    expect(codeOf(() => makeDirSync(join(dir, 'f')))).toBe('EEXIST');
    expect(codeOf(() => makeDirSync(join(dir, 'f', 'g')))).toBe('ENOTDIR');
  });

  it('the injected mkdir is used, and its failure thrown as is', () => {
    const dir = join(base(), 'x', 'y');
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    expect(codeOf(() => makeDirSync(dir, () => { throw full; }))).toBe('ENOSPC');
    expect(existsSync(dir)).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))('under /proc it returns with an error (Node\'s recursive mkdir never does)', () => {
    expect(codeOf(() => makeDirSync('/proc/haikubench-test/run'))).toBe('ENOENT');
  });
});
