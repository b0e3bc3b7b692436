import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/dataset/load.js';
import type { DatasetSpec } from '../../../src/spec/types.js';
import { datasetFile, loadProblems } from './load-problems.js';

// A CSV/TSV header that names a column twice is refused (csv-parse would keep the last one silently),
// whatever dataset.fields says: the message names the file, the column and its positions.

const file = (text: string): string => datasetFile('d.csv', text);

const spec = (path: string, format: DatasetSpec['format'], fields: DatasetSpec['fields'] = { target: 'answer', metadata: [] }, delimiter?: string): DatasetSpec =>
  ({ path, format, fields, shuffle: false, seed: 1, ...(delimiter !== undefined && { delimiter }) });

const problems = loadProblems;

const cases: readonly { name: string; text: string; format: DatasetSpec['format']; delimiter?: string; column: string; at: string }[] = [
  { name: 'CSV', text: 'id,question,answer,answer\na,q,1,2\n', format: 'csv', column: 'answer', at: 'columns 3 and 4' },
  { name: 'CSV, quoted headers', text: '"id","question","answer","answer"\na,q,1,2\n', format: 'csv', column: 'answer', at: 'columns 3 and 4' },
  { name: 'CSV with a BOM', text: '\uFEFFid,answer,question,answer\na,1,q,2\n', format: 'csv', column: 'answer', at: 'columns 2 and 4' },
  { name: 'CSV, same name after trimming', text: 'id, answer ,answer\na,1,2\n', format: 'csv', column: 'answer', at: 'columns 2 and 3' },
  { name: 'CSV, a duplicate of the id', text: 'id,id,answer\na,b,1\n', format: 'csv', column: 'id', at: 'columns 1 and 2' },
  { name: 'CSV, three times', text: 'x,answer,x,x\n1,2,3,4\n', format: 'csv', column: 'x', at: 'columns 1, 3 and 4' },
  { name: 'TSV', text: 'id\tquestion\tanswer\tanswer\na\tq\t1\t2\n', format: 'tsv', column: 'answer', at: 'columns 3 and 4' },
  { name: 'TSV with a BOM', text: '\uFEFFanswer\tid\tanswer\n1\ta\t2\n', format: 'tsv', column: 'answer', at: 'columns 1 and 3' },
  { name: 'semicolon CSV', text: 'id;answer;answer\na;1;2\n', format: 'csv', delimiter: ';', column: 'answer', at: 'columns 2 and 3' },
];

describe('a CSV/TSV header with a repeated column name', () => {
  it.each(cases)('is refused, naming the column and its positions ($name)', async ({ text, format, delimiter, column, at }) => {
    const message = await problems(spec(file(text), format, undefined, delimiter));
    expect(message).toContain(`data.csv:1: column "${column}" appears ${at.includes(',') ? '3 times' : 'twice'} (${at}); rename one, or pick one with dataset.fields`);
  });

  it('is refused even when dataset.fields does not use the repeated column', async () => {
    const message = await problems(spec(file('id,q,answer,extra,extra\na,q,1,x,y\n'), 'csv', { target: 'answer', metadata: [] }));
    expect(message).toContain('column "extra" appears twice (columns 4 and 5)');
  });

  it('a header without repeats still reads', async () => {
    const d = await loadDataset(spec(file('"id","answer","Answer"\na,1,2\n'), 'csv'), 'data.csv');
    expect([...d.samples].map((s) => [s.id, s.target, s.vars['Answer']])).toEqual([['a', '1', '2']]);
  });
});
