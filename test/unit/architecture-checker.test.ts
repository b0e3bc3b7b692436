import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkArchitecture, formatReport, isClean, readSourceTree, stronglyConnected, unitGraph, unitOf, type Layering } from '../support/architecture.js';
import { scanImports } from '../support/import-scan.js';

// The architecture checker on small made-up trees: what it reports, and what it must not.

const LAYERS: Layering = [
  ['cli', 'index.ts'],
  ['judge/calibration'],
  ['judge', 'scoring'],
  ['stats'],
  ['util'],
  ['types.ts'],
];

/** A violation as `file:line from→to reason kind form`, short enough to read in a table. */
const shortViolations = (files: Record<string, string>, maxLines?: number) => {
  const r = checkArchitecture(new Map(Object.entries(files)), LAYERS, maxLines === undefined ? {} : { maxLines });
  return {
    violations: r.violations.map((v) => `${v.file}:${v.line} ${v.fromUnit}→${v.toUnit} ${v.reason} ${v.kind} ${v.form}`),
    cycles: r.cycles.map((c) => `${c.path.join('→')} via ${c.steps.map((s) => `${s.example.file}:${s.example.line}`).join(', ')}`),
    undeclared: r.undeclared,
    longFiles: r.longFiles.map((f) => `${f.file}:${f.lines}`),
  };
};

const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const x${i} = ${i};\n`).join('');

const CLEAN = {
  'cli/main.ts': "import { run } from '../judge/run.js';\nimport type { T } from '../types.js';\nimport { helper } from './helper.js';\n",
  'cli/helper.ts': "export const helper = 1;\n",
  'index.ts': "export { run } from './judge/run.js';\n",
  'judge/run.ts': "import { mean } from '../stats/mean.js';\nexport const run = mean;\n",
  'judge/calibration.ts': "import { run } from './run.js';\nexport const calibrate = run;\n",
  'stats/mean.ts': "import { sum } from '../util/sum.js';\nexport const mean = sum;\n",
  'util/sum.ts': "export const sum = 0;\n",
  'scoring/s.ts': 'export const s = 1;\n',
  'types.ts': "export type T = string;\n",
};

const none = { violations: [], cycles: [], undeclared: [], longFiles: [] };

const CASES: { name: string; files: Record<string, string>; maxLines?: number; expected: ReturnType<typeof shortViolations> }[] = [
  { name: 'a clean tree', files: CLEAN, expected: none },
  {
    name: 'an upward import',
    files: { 'stats/a.ts': "import { run } from '../judge/run.js';\n", 'judge/run.ts': 'export const run = 1;\n' },
    expected: { ...none, violations: ['stats/a.ts:1 stats→judge upward value import'] },
  },
  {
    name: 'a sibling import (same layer, another unit)',
    files: { 'judge/a.ts': "\n\nimport { s } from '../scoring/s.js';\n", 'scoring/s.ts': 'export const s = 1;\n' },
    expected: { ...none, violations: ['judge/a.ts:3 judge→scoring sibling value import'] },
  },
  {
    name: 'cli and index.ts are siblings: cli must not import the public API',
    files: { 'cli/main.ts': "import { run } from '../index.js';\n", 'index.ts': 'export const run = 1;\n' },
    expected: { ...none, violations: ['cli/main.ts:1 cli→index.ts sibling value import'] },
  },
  {
    name: 'a type-only upward import: a layering violation, never a cycle',
    files: {
      'stats/a.ts': "import type { Run } from '../judge/run.js';\nimport { type Other, type More } from '../judge/run.js';\nexport const a = 1;\n",
      'judge/run.ts': "import { a } from '../stats/a.js';\nexport type Run = typeof a;\nexport type Other = 1;\nexport type More = 2;\n",
    },
    expected: { ...none, violations: ['stats/a.ts:1 stats→judge upward type import', 'stats/a.ts:2 stats→judge upward type import'] },
  },
  {
    name: 'one value member among type members makes a value import',
    files: { 'stats/a.ts': "import { type Run, run } from '../judge/run.js';\n", 'judge/run.ts': "import '../stats/a.js';\nexport const run = 1;\n" },
    expected: {
      ...none,
      violations: ['stats/a.ts:1 stats→judge upward value import'],
      cycles: ['judge→stats→judge via judge/run.ts:1, stats/a.ts:1'],
    },
  },
  {
    name: 'a value cycle a → b → a, with its path and one file edge per step',
    files: {
      'util/u.ts': "import { s } from '../stats/s.js';\nexport const u = s;\n",
      'stats/s.ts': "// the way back\nimport { u } from '../util/u.js';\nexport const s = 1;\nexport const t = u;\n",
    },
    expected: {
      ...none,
      violations: ['util/u.ts:1 util→stats upward value import'],
      cycles: ['stats→util→stats via stats/s.ts:2, util/u.ts:1'],
    },
  },
  {
    name: 'a cycle through three units',
    files: {
      'stats/s.ts': "import { j } from '../judge/j.js';\nexport const s = j;\n",
      'judge/j.ts': "import { c } from '../cli/c.js';\nexport const j = c;\n",
      'cli/c.ts': "import { s } from '../stats/s.js';\nexport const c = s;\n",
    },
    expected: {
      ...none,
      violations: ['stats/s.ts:1 stats→judge upward value import', 'judge/j.ts:1 judge→cli upward value import'],
      cycles: ['cli→stats→judge→cli via cli/c.ts:1, stats/s.ts:1, judge/j.ts:1'],
    },
  },
  {
    name: 'the longest prefix decides the unit: judge/calibration above judge',
    files: {
      'judge/calibration.ts': "import { run } from './run.js';\nexport const cal = run;\n",
      'judge/calibration/extra.ts': "import { run } from '../run.js';\n",
      'judge/run.ts': "import { cal } from './calibration.js';\nexport const run = 1;\n",
      'judge/other.ts': "import { x } from './calibration/extra.js';\n",
    },
    expected: {
      ...none,
      violations: ['judge/run.ts:1 judge→judge/calibration upward value import', 'judge/other.ts:1 judge→judge/calibration upward value import'],
      cycles: ['judge→judge/calibration→judge via judge/run.ts:1, judge/calibration.ts:1'],
    },
  },
  {
    name: 'export * from, export { } from and export type from count',
    files: {
      'util/a.ts': "export * from '../stats/s.js';\nexport { s as t } from '../stats/s.js';\nexport type { S } from '../stats/s.js';\nexport * as all from '../stats/s.js';\n",
      'stats/s.ts': 'export const s = 1;\nexport type S = 1;\n',
    },
    expected: {
      ...none,
      violations: [
        'util/a.ts:1 util→stats upward value export', 'util/a.ts:2 util→stats upward value export',
        'util/a.ts:3 util→stats upward type export', 'util/a.ts:4 util→stats upward value export',
      ],
    },
  },
  {
    name: 'a dynamic import with a string literal counts (and makes cycles)',
    files: {
      'stats/s.ts': "export async function load() {\n  const { j } = await import('../judge/j.js');\n  return j;\n}\n",
      'judge/j.ts': "import { load } from '../stats/s.js';\nexport const j = load;\n",
    },
    expected: {
      ...none,
      violations: ['stats/s.ts:2 stats→judge upward value dynamic'],
      cycles: ['judge→stats→judge via judge/j.ts:1, stats/s.ts:2'],
    },
  },
  {
    name: 'imports in comments, strings, templates and regexes do not count',
    files: {
      'util/u.ts': [
        "// import x from '../cli/c.js';",
        "/* import y from '../cli/c.js';",
        "   export * from '../cli/c.js'; */",
        "const s = \"import z from '../cli/c.js'\";",
        "const t = `import w from '../cli/c.js' ${s}`;",
        "const r = /import v from '..\\/cli\\/c.js'/;",
        "const d = 'await import(\"../cli/c.js\")';",
        "export const all = [s, t, r, d]; // import('../cli/c.js')",
        '',
      ].join('\n'),
      'cli/c.ts': 'export const c = 1;\n',
    },
    expected: none,
  },
  {
    name: 'package and node: imports are not ours to judge',
    files: { 'util/u.ts': "import { readFileSync } from 'node:fs';\nimport YAML from 'yaml';\nexport const u = [readFileSync, YAML];\n" },
    expected: none,
  },
  {
    name: 'files in no declared unit, and imports into one',
    files: { 'misc/m.ts': "import { j } from '../judge/j.js';\n", 'judge/j.ts': "import { m } from '../misc/m.js';\nexport const j = m;\n" },
    expected: { ...none, violations: ['judge/j.ts:1 judge→null undeclared value import'], undeclared: ['misc/m.ts'] },
  },
  {
    name: 'a file over the line limit (and one exactly at it)',
    files: { 'util/long.ts': lines(301), 'util/full.ts': lines(300), 'util/short.ts': lines(12) },
    expected: { ...none, longFiles: ['util/long.ts:301'] },
  },
  {
    name: 'a lower line limit',
    files: { 'util/a.ts': lines(11), 'util/b.ts': lines(10).trimEnd() },
    maxLines: 10,
    expected: { ...none, longFiles: ['util/a.ts:11'] },
  },
];

describe('checkArchitecture', () => {
  it.each(CASES)('$name', ({ files, maxLines, expected }) => {
    expect(shortViolations(files, maxLines)).toEqual(expected);
  });

  it('a clean tree is clean, and the formatter says so', () => {
    const r = checkArchitecture(new Map(Object.entries(CLEAN)), LAYERS);
    expect(isClean(r)).toBe(true);
    expect(formatReport(r)).toBe(`Architecture clean: ${r.edges.length} relative imports checked.`);
  });

  it('names the declared units no file belongs to, without calling the tree unclean', () => {
    const r = checkArchitecture(new Map(Object.entries({ 'util/u.ts': '', 'types.ts': '' })), LAYERS);
    expect(r.emptyUnits).toEqual(['cli', 'index.ts', 'judge/calibration', 'judge', 'scoring', 'stats']);
    expect(isClean(r)).toBe(true);
    expect(formatReport(r)).toBe('Declared units with no file (not a violation): cli, index.ts, judge/calibration, judge, scoring, stats\nArchitecture clean: 0 relative imports checked.');
  });

  it('the formatter names every finding with its file and line', () => {
    const files = { ...CLEAN, 'util/sum.ts': "import { mean } from '../stats/mean.js';\nexport const sum = 0;\n", 'misc/x.ts': lines(3) };
    const text = formatReport(checkArchitecture(new Map(Object.entries(files)), LAYERS, { maxLines: 2 }));
    for (const part of [
      'Imports against the layering (1):', "util/sum.ts:1  util → stats  upward, value import of '../stats/mean.js'",
      'Runtime import cycles between units (1):', 'stats → util → stats', "stats → util: stats/mean.ts:1 imports '../util/sum.js'",
      'Files in no declared unit (1):', '  misc/x.ts', 'Files over 2 lines (2):', 'misc/x.ts: 3 lines',
      '1 layering violation(s), 1 cycle(s), 1 undeclared file(s), 2 long file(s)',
    ]) expect(text).toContain(part);
  });

  it('counts imports per unit pair by kind', () => {
    const r = checkArchitecture(new Map(Object.entries(CLEAN)), LAYERS);
    expect(unitGraph(r.edges)).toEqual([
      { from: 'cli', to: 'judge', value: 1, type: 0 },
      { from: 'cli', to: 'types.ts', value: 0, type: 1 },
      { from: 'index.ts', to: 'judge', value: 1, type: 0 },
      { from: 'judge', to: 'stats', value: 1, type: 0 },
      { from: 'judge/calibration', to: 'judge', value: 1, type: 0 },
      { from: 'stats', to: 'util', value: 1, type: 0 },
    ]);
  });

  it('reads a tree from disk with / paths, skipping declaration files', () => {
    const root = mkdtempSync(join(tmpdir(), 'arch-'));
    const files = { 'stats/s.ts': "import { u } from '../util/u.js';\n", 'util/u.ts': "import { s } from '../stats/s.js';\n", 'util/u.d.ts': 'export {};\n', 'README.md': '' };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    const tree = readSourceTree(root);
    expect([...tree.keys()]).toEqual(['stats/s.ts', 'util/u.ts']);
    expect(checkArchitecture(tree, LAYERS).cycles.map((c) => c.path.join('→'))).toEqual(['stats→util→stats']);
  });
});

describe('unitOf', () => {
  it.each([
    ['judge/calibration.ts', 'judge/calibration'],
    ['judge/calibration/x.ts', 'judge/calibration'],
    ['judge/calibration-gate.ts', 'judge'],
    ['judge/run.ts', 'judge'],
    ['judge-types.ts', null],
    ['types.ts', 'types.ts'],
    ['types/x.ts', null],
  ])('%s → %s', (path, unit) => {
    expect(unitOf(path, LAYERS.flat())).toBe(unit);
  });
});

describe('stronglyConnected', () => {
  it.each([
    ['a chain', { a: ['b'], b: ['c'], c: [] }, [['c'], ['b'], ['a']]],
    ['two cycles joined one way', { a: ['b'], b: ['a', 'c'], c: ['d'], d: ['c'] }, [['c', 'd'], ['a', 'b']]],
    ['one big cycle', { a: ['b'], b: ['c'], c: ['a'] }, [['a', 'b', 'c']]],
  ])('%s', (_name, graph: Record<string, string[]>, expected) => {
    expect(stronglyConnected(Object.keys(graph), (n) => graph[n] ?? [])).toEqual(expected);
  });
});

describe('scanImports', () => {
  it.each([
    ['import { a,\n  b } from "./x.js";', [{ specifier: './x.js', line: 1, form: 'import', typeOnly: false }]],
    ["import './side-effect.js';", [{ specifier: './side-effect.js', line: 1, form: 'import', typeOnly: false }]],
    ["import type, { a } from './x.js';", [{ specifier: './x.js', line: 1, form: 'import', typeOnly: false }]],
    ["const a = b / 2; import x from './x.js'; const c = d / 3;", [{ specifier: './x.js', line: 1, form: 'import', typeOnly: false }]],
    ["const q = x.replace(/'/g, '');\nimport { y } from './y.js';", [{ specifier: './y.js', line: 2, form: 'import', typeOnly: false }]],
    ['export const from = 1;\nexport default "./not-an-import.js";', []],
    ["const m = import.meta.dirname;\nconst n = imports('./z.js');", []],
  ])('%j', (src, expected) => {
    expect(scanImports(src)).toEqual(expected);
  });
});
