import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/dataset/load.js';
import { samplesChecker } from '../../../src/spec/check-samples.js';
import { InputError } from '../../../src/errors.js';
import type { Sample } from '../../../src/types.js';
import { doc, FILE, load } from './helpers.js';

// The samples of a dataset taken in file order are checked as the file streams by (loadDataset's
// visit), not in a second reading of it. The problems found must be the very ones a pass over the
// loaded samples finds, word for word (counts, first places), whatever the selection; a shuffled
// selection is not visited, and is checked afterwards as before.

const dir = mkdtempSync(join(tmpdir(), 'haikubench-check-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = [
  { id: 'a1', question: 'Where is my refund?', target: 'billing' },
  { id: 'a2', q: 'typo in the field name', target: 'billing' },
  { id: 'a3', question: 'Reset my password', target: '' },
  { id: 'a4', question: 'Parcel lost', target: 'shipping' },
  { id: 'a5', question: 'Cancel the plan', target: 'sales' },
  { id: 'a6', q: 'again the wrong field', target: 'account' },
  { id: 'a7', question: 'Invoice address', target: 'Billing ' },
].map((r) => JSON.stringify(r)).join('\n');
const csv = 'id,question,target\nc1,Where is my refund?,billing\nc2,,billing\nc3,"Two\nlines",weird\nc4,Parcel lost,\n';
writeFileSync(join(dir, 'd.jsonl'), `${jsonl}\n`);
writeFileSync(join(dir, 'd.csv'), csv);

const issuesOf = (run: () => void): readonly string[] => {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  return [];
};

const selections = [
  { name: 'every record', extra: {}, visited: true },
  { name: 'limit 3', extra: { limit: 3 }, visited: true },
  { name: 'limit past the end', extra: { limit: 100 }, visited: true },
  { name: 'shuffled', extra: { shuffle: true, seed: 7 }, visited: false },
  { name: 'shuffled with a limit', extra: { shuffle: true, seed: 3, limit: 4 }, visited: false },
];
const files = ['d.jsonl', 'd.csv'];

describe('checking the samples while the dataset loads', () => {
  it.each(files.flatMap((file) => selections.map((sel) => ({ file, ...sel }))))('$file, $name: the problems of a pass over the loaded samples', async ({ file, extra, visited }) => {
    const spec = load(doc({
      dataset: { path: join(dir, file), fields: { target: 'target' }, ...extra },
      scorers: [{ type: 'label', allowed: ['billing', 'shipping', 'sales', 'account'] }],
    }));
    const streaming = samplesChecker(spec, FILE);
    const seen: Sample[] = [];
    const loaded = await loadDataset(spec.dataset, file, { visit: (s) => { seen.push(s); streaming.add(s); } });
    expect(loaded.visited).toBe(visited);
    if (!loaded.visited) for (const s of loaded.samples) streaming.add(s);
    else expect(seen).toEqual([...loaded.samples]);
    const after = samplesChecker(spec, FILE);
    for (const s of loaded.samples) after.add(s);
    const expected = issuesOf(() => after.finish());
    expect(issuesOf(() => streaming.finish())).toEqual(expected);
    if ([...loaded.samples].length > 0 && file === 'd.jsonl') expect(expected.length).toBeGreaterThan(0);
  });
});
