import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/dataset/load.js';
import type { DatasetSpec } from '../../../src/spec/types.js';
import { datasetFile, loadProblems } from './load-problems.js';

// dataset.delimiter: a semicolon-separated CSV (as spreadsheets write it in many locales) reads with
// `delimiter: ";"`, and without it the error says so.

const SEMI = 'id;q;answer\na;"Two; or three?";2\nb;x;3\n';

const file = datasetFile;

const spec = (path: string, format: DatasetSpec['format'], delimiter?: string): DatasetSpec =>
  ({ path, format, fields: { target: 'answer', metadata: [] }, shuffle: false, seed: 1, ...(delimiter !== undefined && { delimiter }) });

const problems = loadProblems;

describe('dataset.delimiter', () => {
  it('reads a semicolon-separated CSV, quotes included, record by record', async () => {
    const d = await loadDataset(spec(file('d.csv', SEMI), 'csv', ';'), 'data.csv');
    expect([...d.samples].map((s) => [s.id, s.vars['q'], s.target])).toEqual([['a', 'Two; or three?', '2'], ['b', 'x', '3']]);
  });

  const hints: readonly { name: string; text: string; format: DatasetSpec['format']; hint: string }[] = [
    { name: 'semicolons in a .csv', text: SEMI, format: 'csv', hint: 'dataset.delimiter: ";"' },
    { name: 'tabs in a .csv', text: SEMI.replace(/;/g, '\t').replace(/"/g, ''), format: 'csv', hint: 'dataset.delimiter: "\\t"' },
    { name: 'semicolons in a .tsv', text: 'id;q;answer\na;x;2\n', format: 'tsv', hint: 'dataset.delimiter: ";"' },
  ];
  it.each(hints)('one column whose header holds another separator ($name) gets the hint', async ({ text, format, hint }) => {
    const message = await problems(spec(file('d.csv', text), format));
    expect(message).toContain('data.csv:1');
    expect(message).toContain(hint);
  });
});
