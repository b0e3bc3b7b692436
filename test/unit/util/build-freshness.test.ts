import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBundleOutput, mtimeOf, newestModule, notAnInput } from '../../../src/util/build-freshness.js';

describe('isBundleOutput', () => {
  it.each([
    ['main.js', true],
    ['chunk-2WJYIOZ6.js', true],
    ['chunk-A.js', true],
    ['entry.js', false],
    ['heap.js', false],
    ['chunk-abc.js', false],
    ['chunk-.js', false],
    ['main.js.map', false],
    ['chunk-2WJYIOZ6.d.ts', false],
    ['xmain.js', false],
  ])('%s → %s', (name, expected) => {
    expect(isBundleOutput(name)).toBe(expected);
  });
});

describe('newestModule and mtimeOf', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

  function tree(files: Record<string, number>): string {
    const root = mkdtempSync(join(tmpdir(), 'freshness-'));
    dirs.push(root);
    for (const [rel, seconds] of Object.entries(files)) {
      const p = join(root, rel);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, '');
      utimesSync(p, seconds, seconds);
    }
    return root;
  }

  it('takes the newest .js file in every folder below, other files aside', () => {
    const root = tree({ 'a.js': 1000, 'x/b.js': 3000, 'x/y/c.js': 2000, 'x/d.d.ts': 9000, 'e.cjs': 8000 });
    expect(newestModule(root, () => false)).toBe(3000 * 1000);
  });

  it('leaves out the files and whole folders the skip names', () => {
    const root = tree({ 'a.js': 1000, 'cli/main.js': 5000, 'cli/chunk-Q.js': 6000, 'cli/entry.js': 2000, 'assets/app.js': 7000 });
    const skip = (path: string, name: string) => path === join(root, 'assets') || isBundleOutput(name);
    expect(newestModule(root, skip)).toBe(2000 * 1000);
  });

  it('is 0 for a folder with no module, and mtimeOf is -1 for a missing file', () => {
    const root = tree({ 'notes.txt': 1000 });
    expect(newestModule(root, () => false)).toBe(0);
    expect(mtimeOf(join(root, 'missing.js'))).toBe(-1);
    expect(mtimeOf(join(root, 'notes.txt'))).toBe(1000 * 1000);
  });
});

describe('notAnInput', () => {
  const dist = join('/x', 'dist');
  const skip = notAnInput(dist);
  it.each([
    [join(dist, 'report', 'html', 'assets'), 'assets', true],
    [join(dist, 'cli', 'main.js'), 'main.js', true],
    [join(dist, 'cli', 'chunk-ABC2.js'), 'chunk-ABC2.js', true],
    [join(dist, 'cli', 'entry.js'), 'entry.js', false],
    [join(dist, 'cli', 'heap.js'), 'heap.js', false],
    [join(dist, 'report', 'main.js'), 'main.js', false],
    [join(dist, 'report', 'html'), 'html', false],
  ])('%s → %s', (path, name, expected) => {
    expect(skip(path, name)).toBe(expected);
  });
});
