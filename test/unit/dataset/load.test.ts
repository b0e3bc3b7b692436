import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/dataset/load.js';
import { DatasetError } from '../../../src/errors.js';
import type { DatasetSpec } from '../../../src/spec/types.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/datasets/${name}`, import.meta.url));

function dataset(name: string, format: DatasetSpec['format'], more: Partial<DatasetSpec> = {}): DatasetSpec {
  return { path: fixture(name), format, fields: { metadata: [] }, shuffle: false, seed: 1, ...more };
}

async function loadError(spec: DatasetSpec, display: string): Promise<DatasetError> {
  try {
    await loadDataset(spec, display);
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error('expected a DatasetError');
}

describe('loadDataset', () => {
  it('loads a JSONL file into samples with ids, targets and sources', async () => {
    const d = await loadDataset(dataset('multiscript-bom-crlf.jsonl', 'jsonl', { fields: { target: 'label', metadata: [] } }), 'datasets/m.jsonl');
    expect(d.total).toBe(5);
    expect([...d.samples].map((s) => [s.id, s.target, s.source])).toEqual([
      ['fr-1', 'question', 'datasets/m.jsonl:1'],
      ['ja-1', 'question', 'datasets/m.jsonl:3'],
      ['ar-1', 'thanks', 'datasets/m.jsonl:4'],
      ['ru-1', 'thanks', 'datasets/m.jsonl:6'],
      ['hi-1', 'thanks', 'datasets/m.jsonl:7'],
    ]);
  });

  it('identifies the dataset by the sha256 of its bytes', async () => {
    const d = await loadDataset(dataset('quoted.csv', 'csv'), 'datasets/quoted.csv');
    expect(d.sha256).toBe(createHash('sha256').update(readFileSync(fixture('quoted.csv'))).digest('hex'));
  });

  it.each<readonly [DatasetSpec['format'], string]>([['jsonl', '\n'], ['jsonl', '\r\n'], ['csv', '\n'], ['tsv', '\r\n']])('%s over many read chunks (lines %j): every record read whole, the sha256 of all the bytes', async (format, eol) => {
    // ~2 MB of rows of varied length with 2-, 3- and 4-byte characters, so lines and characters are
    // cut by the chunk ends at every kind of place.
    const path = join(mkdtempSync(join(tmpdir(), 'hb-load-')), `big.${format}`);
    const texts = Array.from({ length: 6000 }, (_, i) => `${'é東😀'.repeat(i % 97)}#${i}`);
    const rows = format === 'jsonl' ? texts.map((t, i) => JSON.stringify({ id: `r${i}`, q: t })) : [format === 'csv' ? 'id,q' : 'id\tq', ...texts.map((t, i) => `r${i}${format === 'csv' ? ',' : '\t'}${t}`)];
    const bytes = Buffer.from(rows.join(eol) + eol);
    writeFileSync(path, bytes);
    const d = await loadDataset({ path, format, fields: { metadata: [] }, shuffle: false, seed: 1 }, `big.${format}`);
    expect(d.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(d.warnings).toEqual([]);
    expect([...d.samples].map((s) => s.vars['q'])).toEqual(texts);
  });

  it('a file that is not all UTF-8 is still hashed whole, and the line is named', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hb-load-')), 'latin1.jsonl');
    const rows = Array.from({ length: 30000 }, (_, i) => Buffer.from(`{"id":"r${i}","q":"caf${i === 20000 ? '\u00e9' : 'e'}"}\n`));
    rows[25000] = Buffer.concat([Buffer.from('{"id":"r25000","q":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const bytes = Buffer.concat(rows);
    writeFileSync(path, bytes);
    const d = await loadDataset({ path, format: 'jsonl', fields: { metadata: [] }, shuffle: false, seed: 1 }, 'latin1.jsonl');
    expect(d.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(d.warnings).toEqual([expect.stringContaining('latin1.jsonl:25001: bytes that are not UTF-8')]);
    expect(d.total).toBe(30000);
  });

  it('takes a nested target from a JSON array, keeping null targets', async () => {
    const d = await loadDataset(dataset('invoices.json', 'json', { fields: { target: 'expected.invoice_number', metadata: [] } }), 'datasets/invoices.json');
    expect([...d.samples].map((s) => s.target)).toEqual(['42', null]);
  });

  it('maps the id field, keeps metadata, and reads CSV values as text', async () => {
    const d = await loadDataset(dataset('tickets.csv', 'csv', { fields: { id: 'ticket_id', target: 'queue', metadata: ['priority'] } }), 'datasets/tickets.csv');
    expect(d.total).toBe(12);
    expect(d.samples.at(0)).toMatchObject({ id: '1001', target: 'billing', metadata: { priority: 'low' }, source: 'datasets/tickets.csv:2' });
  });

  it('limit applies after a seeded shuffle; total counts the whole file', async () => {
    const spec = dataset('tickets.csv', 'csv', { fields: { id: 'ticket_id', metadata: [] }, shuffle: true, seed: 11 });
    const all = await loadDataset(spec, 'datasets/tickets.csv');
    const some = await loadDataset({ ...spec, limit: 4 }, 'datasets/tickets.csv');
    const again = await loadDataset({ ...spec, limit: 4 }, 'datasets/tickets.csv');
    expect(some.total).toBe(12);
    expect(some.samples).toHaveLength(4);
    expect([...some.samples].map((s) => s.id)).toEqual([...all.samples].slice(0, 4).map((s) => s.id));
    expect([...again.samples].map((s) => s.id)).toEqual([...some.samples].map((s) => s.id));
    expect([...all.samples].map((s) => s.id)).not.toEqual(Array.from({ length: 12 }, (_, i) => String(1001 + i)));
  });

  it('derived ids do not change when rows are reordered', async () => {
    const a = await loadDataset(dataset('no-ids.jsonl', 'jsonl'), 'a.jsonl');
    const b = await loadDataset(dataset('no-ids-reordered.jsonl', 'jsonl'), 'b.jsonl');
    const byQuestion = (d: typeof a) => Object.fromEntries([...d.samples].map((s) => [String(s.vars.question), s.id]));
    expect(byQuestion(b)).toEqual(byQuestion(a));
    for (const s of a.samples) expect(s.id).toMatch(/^s-[0-9a-f]{12}$/);
  });

  it('keeps TSV quotes verbatim through to the sample vars', async () => {
    const d = await loadDataset(dataset('quotes.tsv', 'tsv', { fields: { target: 'label', metadata: [] } }), 'datasets/quotes.tsv');
    expect([...d.samples].find((s) => s.id === 't3')?.vars.text).toBe('„Guten Tag“, sagte sie');
    expect([...d.samples].find((s) => s.id === 't5')?.vars.text).toBe('"fully quoted"');
  });

  it.each<readonly [label: string, spec: DatasetSpec, display: string, needle: string]>([
    ['malformed JSONL line', dataset('malformed-line3.jsonl', 'jsonl'), 'datasets/bad.jsonl', 'datasets/bad.jsonl:3'],
    ['non-array JSON', dataset('not-array.json', 'json'), 'datasets/obj.json', 'datasets/obj.json'],
    ['wrong field count', dataset('bad-count.csv', 'csv'), 'datasets/bad.csv', 'datasets/bad.csv:3'],
    ['no records', dataset('empty.jsonl', 'jsonl'), 'datasets/empty.jsonl', 'no records'],
    ['missing file', dataset('nope.jsonl', 'jsonl'), 'datasets/nope.jsonl', 'datasets/nope.jsonl'],
    ['missing target', dataset('no-ids.jsonl', 'jsonl', { fields: { target: 'solution', metadata: [] } }), 'datasets/n.jsonl', 'datasets/n.jsonl:1'],
    ['metadata in no record', dataset('tickets.csv', 'csv', { fields: { id: 'ticket_id', metadata: ['difficulty'] } }), 'datasets/t.csv', 'difficulty'],
  ])('%s → DatasetError', async (_label, spec, display, needle) => {
    const e = await loadError(spec, display);
    expect(e.message).toContain(needle);
  });
});
