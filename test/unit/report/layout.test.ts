import { describe, expect, it } from 'vitest';
import { displayWidth, fitWidth, wrap } from '../../../src/report/render/width.js';
import { layoutTable } from '../../../src/report/render/layout.js';
import { coloured, plain } from '../../../src/report/render/style.js';
import { renderSummary } from '../../../src/report/render/summary.js';
import { renderFindings } from '../../../src/report/render/findings-text.js';
import { quotas } from '../../../src/report/run-findings.js';
import { columnsOf } from '../../../src/util/terminal-env.js';
import { gpt, simHaiku, summaryOf } from './ci-fixtures.js';

// The terminal's layout: widths in columns, wrapping, tables that fit or turn vertical, colour that
// changes no width.

describe('displayWidth', () => {
  it.each([
    ['ascii', 'abc', 3],
    ['accents (precomposed and combining)', 'é e\u0301', 3],
    ['CJK is two columns each', 'デンキ', 6],
    ['an emoji is two columns', '✅ ok', 4],
    ['colour escapes take none', '\x1b[31mred\x1b[39m', 3],
    ['box drawing and dashes', '─ — –', 5],
  ])('%s', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('fitWidth and wrap', () => {
  it.each([
    ['fits', 'hello', 10, 'hello'],
    ['cut with an ellipsis', 'hello world', 8, 'hello w…'],
    ['wide characters are not split', 'デンキランド', 7, 'デンキ…'],
  ])('fitWidth: %s', (_name, text, width, expected) => {
    expect(fitWidth(text, width)).toBe(expected);
    expect(displayWidth(fitWidth(text, width))).toBeLessThanOrEqual(width);
  });

  it.each([
    ['a line that fits is kept as it is (spaces too)', 'a   b', 20, '', ['a   b']],
    ['wraps at spaces with a hanging indent', 'one two three four five', 10, '  ', ['one two', '  three', '  four', '  five']],
    ['a word longer than the line is cut into pieces', 'https://example.com/a/very/long/path', 12, '', ['https://exam', 'ple.com/a/ve', 'ry/long/path']],
    ['a leading indent stays on every line', '  alpha beta gamma', 12, '', ['  alpha beta', '  gamma']],
  ])('wrap: %s', (_name, text, width, indent, expected) => {
    expect(wrap(text, width, indent)).toEqual(expected);
  });
});

const rows = [
  ['model', 'pass rate', '95% CI', 'cost'],
  ['claude-haiku-5-5 [SIMULATED]', '80.0% (8/10)', '49.0–94.3%', '$0.0042 (simulated)'],
  ['GPT X', '71.4% (5/7)', '35.9–91.8%', 'unknown'],
];

describe('layoutTable', () => {
  it('a table with a rule under the header while it fits', () => {
    expect(layoutTable(rows, { width: 120, align: ['left', 'right', 'right', 'left'] })).toEqual([
      'model                            pass rate      95% CI  cost',
      '────────────────────────────  ────────────  ──────────  ───────────────────',
      'claude-haiku-5-5 [SIMULATED]  80.0% (8/10)  49.0–94.3%  $0.0042 (simulated)',
      'GPT X                          71.4% (5/7)  35.9–91.8%  unknown',
    ]);
  });

  it('too wide at 80 columns or more: cells wrap at spaces, the table stays', () => {
    const lines = layoutTable(rows, { width: 80 });
    expect(lines[0]).toMatch(/^model +pass rate +95% CI +cost$/);
    expect(lines).toContain('claude-haiku-5-5 [SIMULATED]  80.0% (8/10)  49.0–94.3%  $0.0042 (simulated)');
    const narrow = layoutTable(rows, { width: 80 }).concat(layoutTable([rows[0] ?? [], ['a very long model name that has to wrap over lines', '1', '2', 'a cost with many words in it as well']], { width: 80 }));
    for (const l of narrow) expect(displayWidth(l)).toBeLessThanOrEqual(80);
  });

  it('below 80 columns: one block per row, the first cell as its title', () => {
    expect(layoutTable(rows, { width: 60 })).toEqual([
      'claude-haiku-5-5 [SIMULATED]',
      '  pass rate  80.0% (8/10)',
      '  95% CI     49.0–94.3%',
      '  cost       $0.0042 (simulated)',
      'GPT X',
      '  pass rate  71.4% (5/7)',
      '  95% CI     35.9–91.8%',
      '  cost       unknown',
    ]);
  });

  it('a label too long to sit beside its value goes on its own line', () => {
    const lines = layoutTable([['v', 'change: claude-sonnet-5-5 [SIMULATED]'], ['hard', '+13.6 pts [−1.1 pts, +28.3 pts]']], { width: 40 });
    expect(lines).toEqual(['hard', '  change: claude-sonnet-5-5 [SIMULATED]', '    +13.6 pts [−1.1 pts, +28.3 pts]']);
  });

  it('colour changes no width: the same lines once escapes are removed', () => {
    const strip = (ls: string[]) => ls.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
    for (const width of [60, 100]) expect(strip(layoutTable(rows, { width, style: coloured }))).toEqual(layoutTable(rows, { width, style: plain }));
    expect(layoutTable(rows, { width: 100, style: coloured }).join('\n')).toContain('\x1b[1m');
  });
});

describe('renderSummary at any width', () => {
  const s = summaryOf({ models: [simHaiku, { ...gpt, label: 'openai:a-model-with-a-rather-long-name-for-a-narrow-terminal' }] });
  it.each([40, 60, 79, 80, 100, 120])('no line is wider than %i columns', (width) => {
    const text = renderSummary(s, 'reports/a/rather/long/path/to/the/run-directory-of-this-eval', { width, style: coloured, details: true });
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });
});

describe('renderFindings', () => {
  const findings = {
    failures: [{
      model: 'sim:claude-haiku-5-5', total: 2, ids: ['t1', 't2'],
      shown: [{ model: 'sim:claude-haiku-5-5', sampleId: 't1', epoch: 1, output: '```json\n{"total":\n  12}\n```', scores: [{ name: 'total', reason: 'total: got 12, expected 13' }], expected: { total: 13 } }],
    }],
    errors: [{ model: 'anthropic:claude-haiku-5-5', kind: 'connection' as const, stage: 'provider', count: 3, message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9', endpoint: '127.0.0.1:9' }],
  };
  const lines = renderFindings(findings, { width: 60, show: 1, name: (id) => id, epochs: 1 });

  it('lists each failing sample: id and model, output on one line, expected, the reason', () => {
    expect(lines.slice(0, 6)).toEqual([
      'failing samples: sim:claude-haiku-5-5 2 (the first 1, by',
      '  sample id; all of them: --show-failures)',
      '  ✗ t1 · sim:claude-haiku-5-5',
      '    output    ```json {"total": 12} ```',
      '    expected  {"total":13}',
      '    reason    total: got 12, expected 13',
    ]);
  });

  it('lists errors by model and kind, with where the calls went and the first message', () => {
    expect(lines.join('\n')).toContain('errors: 3 item(s) ended in error (not failures)');
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('anthropic:claude-haiku-5-5: connection 3 at 127.0.0.1:9; first: Connection error: connect ECONNREFUSED 127.0.0.1:9');
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
  });
});

describe('quotas: the first N failing samples dealt over the models', () => {
  it.each([
    [[10, 10], 5, [3, 2]],
    [[1, 10], 5, [1, 4]],
    [[2, 0, 2], 5, [2, 0, 2]],
    [[7, 3], Number.POSITIVE_INFINITY, [7, 3]],
  ])('%j, show %d → %j', (sizes, show, expected) => {
    expect(quotas(sizes, show)).toEqual(expected);
  });
});

describe('columnsOf', () => {
  it.each([
    ['a terminal: its columns', { isTTY: true, columns: 60 }, { COLUMNS: '200' }, 60],
    ['a pipe: $COLUMNS', { isTTY: false }, { COLUMNS: '132' }, 132],
    ['a pipe without $COLUMNS: 100', { isTTY: false }, {}, 100],
    ['a bad $COLUMNS is ignored', { isTTY: false }, { COLUMNS: 'wide' }, 100],
  ])('%s', (_name, out, env, expected) => {
    expect(columnsOf(out, env)).toBe(expected);
  });
});
