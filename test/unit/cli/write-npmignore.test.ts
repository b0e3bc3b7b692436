import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmignoreOf, reachableTypes } from '../../../src/cli/write-npmignore.js';

// The build's dist/.npmignore: every declaration file the library's types do not reach, found through
// each way a .d.ts names another: import … from, export … from, export * from, import("…") types,
// and paths up a folder.

function dist(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'npmignore-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const TREE = {
  'index.d.ts': "import type { A } from './a.js';\nexport { B } from './b/b.js';\nexport * from './star.js';\nexport declare const x: A;\n",
  'a.d.ts': "export type A = import('./typed.js').T;\n",
  'typed.d.ts': "import type { U } from './b/../up.js';\nexport type T = U;\n",
  'up.d.ts': 'export type U = 1;\n',
  'b/b.d.ts': "import type { C } from '../c.js';\nexport declare class B { c: C }\n",
  'c.d.ts': 'export type C = 2;\n',
  'star.d.ts': 'export declare const s: 3;\n',
  'unused.d.ts': "import type { C } from './c.js';\nexport type Nobody = C;\n",
  'deep/unused.d.ts': 'export type Z = 4;\n',
  'cli/main.d.ts': 'export {};\n',
  'index.js': 'export const x = 1;\n',
};

describe('write-npmignore', () => {
  it('reaches every declaration file index.d.ts names, however it names it', () => {
    expect([...reachableTypes(dist(TREE))].sort()).toEqual(['a.d.ts', 'b/b.d.ts', 'c.d.ts', 'index.d.ts', 'star.d.ts', 'typed.d.ts', 'up.d.ts']);
  });

  it('ignores only the unreached ones, not the CLI folder (left out of the package whole) nor JS', () => {
    expect(npmignoreOf(dist(TREE)).split('\n').filter((l) => l.startsWith('/'))).toEqual(['/deep/unused.d.ts', '/unused.d.ts']);
  });

  it('a missing file named by an import is skipped, not an error', () => {
    expect([...reachableTypes(dist({ 'index.d.ts': "export * from './gone.js';\n" }))]).toEqual(['index.d.ts']);
  });
});
