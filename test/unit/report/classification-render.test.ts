import { describe, expect, it } from 'vitest';
import {
  classificationLines, classificationMarkdown, classificationNotes, classMetricRows, confusionLines, confusionRows,
} from '../../../src/report/render/classification-text.js';
import { classificationReport, type LabelPair } from '../../../src/stats/classification.js';

// The classification section as terminal rows and lines, and as Markdown.

const p = (expected: string, predicted: string | null): LabelPair => ({ expected, predicted });

// billing 2 (1 right, 1 → tech), tech 2 (1 right, 1 named no label), "a|*b*" 1 (→ "Billing", a stray
// wording), refund declared but absent. Accuracy 2/5.
const mixed = classificationReport(
  [p('billing', 'billing'), p('billing', 'tech'), p('tech', null), p('tech', 'tech'), p('a|*b*', 'Billing')],
  { classes: ['billing', 'tech', 'refund'] },
);
const clean = classificationReport([p('x', 'x'), p('x', 'y'), p('y', 'y')]);

describe('terminal rows', () => {
  it('confusion matrix: columns in order, "(none)" and support last', () => {
    expect(confusionRows(mixed)).toEqual([
      ['expected \\ predicted', 'billing', 'tech', 'refund', 'a|*b*', 'Billing', '(none)', 'support'],
      ['billing', '1', '1', '0', '0', '0', '0', '2'],
      ['tech', '0', '1', '0', '0', '0', '1', '2'],
      ['refund', '0', '0', '0', '0', '0', '0', '0'],
      ['a|*b*', '0', '0', '0', '0', '1', '0', '1'],
    ]);
  });

  it('confusion matrix: no "(none)" column when every output named a label', () => {
    expect(confusionRows(clean)[0]).toEqual(['expected \\ predicted', 'x', 'y', 'support']);
  });

  it('per class: 0/0 marked "*", labels outside the averages or the declared set marked', () => {
    expect(classMetricRows(mixed)).toEqual([
      ['class', 'support', 'predicted', 'precision', 'recall', 'F1'],
      ['billing', '2', '1', '1.000', '0.500', '0.667'],
      ['tech', '2', '2', '0.500', '0.500', '0.500'],
      ['refund (not averaged)', '0', '0', '0.000*', '0.000*', '0.000*'],
      ['a|*b* (not declared)', '1', '0', '0.000*', '0.000', '0.000'],
      ['Billing (not averaged)', '0', '1', '0.000', '0.000*', '0.000'],
    ]);
  });

  it.each([
    ['with unlabelled outputs', mixed, [
      'accuracy 40.0% (2/5), 95% CI 11.8% – 76.9%; 1 output(s) named no label, counted wrong (column (none))',
      'macro-F1 0.389 over 3 class(es); weighted-F1 0.467; micro-F1 0.444',
    ]],
    ['empty', classificationReport([]), ['accuracy — (0/0)', 'macro-F1 — over 0 class(es); weighted-F1 —; micro-F1 —']],
  ])('summary lines: %s', (_name, r, want) => {
    // mixed by hand: macro over billing, tech, a|*b* = (2/3 + 1/2 + 0)/3 = .389; weighted (2/3·2 + 1/2·2)/5 = .467;
    // micro 2·2/(2·5 − 1) = .444.
    expect(classificationLines(r)).toEqual(want);
  });

  it('most confused pairs with the share of the expected class', () => {
    expect(confusionLines(mixed)).toEqual([
      'billing → tech: 1 (50.0% of billing)',
      'tech → (none): 1 (50.0% of tech)',
      'a|*b* → Billing: 1 (100.0% of a|*b*)',
    ]);
  });

  it('notes only for what the report shows', () => {
    expect(classificationNotes(mixed).map((n) => n.split(':')[0])).toEqual(['*', '(not averaged)', '(not declared)']);
    expect(classificationNotes(clean)).toEqual([]);
  });

  it('a label with line breaks is one line, a long one is cut', () => {
    const r = classificationReport([p('two\nlines', `${'x'.repeat(60)}`)]);
    const [header] = confusionRows(r);
    expect(header?.[1]).toBe('two lines');
    expect(header?.[2]).toBe(`${'x'.repeat(39)}…`);
  });
});

describe('Markdown', () => {
  it('a small report in full', () => {
    expect(classificationMarkdown(clean)).toBe([
      '- accuracy 66.7% (2/3), 95% CI 20.8% – 93.9%',
      '- macro-F1 0.667 over 2 class(es); weighted-F1 0.667; micro-F1 0.667',
      '',
      '| class | support | predicted | precision | recall | F1 |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| x | 2 | 1 | 1.000 | 0.500 | 0.667 |',
      '| y | 1 | 2 | 0.500 | 1.000 | 0.667 |',
      '',
      '| expected \\\\ predicted | x | y | support |',
      '| --- | ---: | ---: | ---: |',
      '| x | 1 | 1 | 2 |',
      '| y | 0 | 1 | 1 |',
      '',
      'Most confused:',
      '',
      '- x → y: 1 (50.0% of x)',
    ].join('\n'));
  });

  it('labels are escaped, the "*" mark is literal, and no label breaks a table', () => {
    const md = classificationMarkdown(mixed);
    expect(md).toContain('a\\|\\*b\\* (not declared)');
    expect(md).toContain('0.000\\*');
    expect(md).toContain('\\*: 0/0');
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    const tables = md.split('\n\n').filter((b) => b.startsWith('|'));
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      const lines = t.split('\n');
      expect(new Set(lines.map(cells)).size).toBe(1); // every row has the header's cells
    }
  });

  it('an empty report still renders, with no confusions', () => {
    const md = classificationMarkdown(classificationReport([]));
    expect(md).toContain('accuracy — (0/0)');
    expect(md).not.toContain('Most confused');
  });
});
