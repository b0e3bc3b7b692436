import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../../src/dataset/read.js';
import type { Format, RawRecord } from '../../../src/dataset/read.js';
import { DatasetError } from '../../../src/errors.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/datasets/${name}`, import.meta.url));

async function readAll(name: string, format: Format, display = `datasets/${name}`): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readRecords(fixture(name), format, display)) out.push(r);
  return out;
}

async function readError(name: string, format: Format, display = `datasets/${name}`): Promise<DatasetError> {
  try {
    await readAll(name, format, display);
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error(`expected ${name} to fail`);
}

describe('readRecords: JSONL', () => {
  it('strips the BOM, skips blank lines, handles CRLF and keeps UTF-8 text intact', async () => {
    const rows = await readAll('multiscript-bom-crlf.jsonl', 'jsonl');
    expect(rows.map((r) => r.record)).toEqual([
      { id: 'fr-1', text: 'Où est la bibliothèque ?', label: 'question' },
      { id: 'ja-1', text: '東京駅はどこですか？', label: 'question' },
      { id: 'ar-1', text: 'شكرا جزيلا', label: 'thanks' },
      { id: 'ru-1', text: 'Спасибо большое', label: 'thanks' },
      { id: 'hi-1', text: 'धन्यवाद 👍🏽', label: 'thanks' },
    ]);
  });

  it('reports the physical line of each record, counting blank lines', async () => {
    const rows = await readAll('multiscript-bom-crlf.jsonl', 'jsonl');
    const base = 'datasets/multiscript-bom-crlf.jsonl';
    expect(rows.map((r) => r.where)).toEqual([`${base}:1`, `${base}:3`, `${base}:4`, `${base}:6`, `${base}:7`]);
  });

  it('a malformed line 3 is a DatasetError naming file:3 and only that line', async () => {
    const e = await readError('malformed-line3.jsonl', 'jsonl');
    expect(e.message).toContain('datasets/malformed-line3.jsonl:3');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toContain('datasets/malformed-line3.jsonl:3');
  });

  it('a line that is JSON but not an object is an error naming its line', async () => {
    const e = await readError('not-object-line2.jsonl', 'jsonl');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toContain('datasets/not-object-line2.jsonl:2');
  });

  it('names the file as displayed, not the absolute path', async () => {
    const e = await readError('malformed-line3.jsonl', 'jsonl', 'evals/data/x.jsonl');
    expect(e.message).toContain('evals/data/x.jsonl:3');
    expect(e.message).not.toContain(fixture('malformed-line3.jsonl'));
  });

  it('a file of blank lines has no records and no error', async () => {
    expect(await readAll('empty.jsonl', 'jsonl')).toEqual([]);
  });

  it('a missing file is a DatasetError naming it', async () => {
    const e = await readError('does-not-exist.jsonl', 'jsonl');
    expect(e.message).toContain('datasets/does-not-exist.jsonl');
  });
});

describe('readRecords: JSON', () => {
  it('reads an array of objects, each located by its index', async () => {
    const rows = await readAll('invoices.json', 'json');
    expect(rows.map((r) => r.record.id)).toEqual(['inv-1', 'inv-2']);
    expect(rows[1]?.record.expected).toEqual({ total: 12.5, invoice_number: null });
    expect(rows[0]?.record.text).toBe('Facture n° 42 — total 1 299,00 €');
    expect(rows.map((r) => r.where)).toEqual(['datasets/invoices.json#/0', 'datasets/invoices.json#/1']);
  });

  it('a top-level object is a DatasetError asking for an array', async () => {
    const e = await readError('not-array.json', 'json');
    expect(e.message).toContain('datasets/not-array.json');
    expect(e.message).toMatch(/array/);
  });

  it('JSONL read as JSON is an error, not silently one record', async () => {
    const e = await readError('malformed-line3.jsonl', 'json');
    expect(e).toBeInstanceOf(DatasetError);
  });
});

describe('readRecords: CSV', () => {
  it('handles a BOM, quoted multi-line fields, embedded commas and doubled quotes', async () => {
    const rows = await readAll('quoted.csv', 'csv');
    expect(rows.map((r) => r.record)).toEqual([
      { id: 'c1', text: 'Hello, world', label: 'greeting' },
      { id: 'c2', text: 'She said "hi"\nand left, quietly', label: 'story' },
      { id: 'c3', text: 'Zürich 東京', label: 'other' },
    ]);
  });

  it('locates each record at the line where it starts', async () => {
    const rows = await readAll('quoted.csv', 'csv');
    const base = 'datasets/quoted.csv';
    expect(rows.map((r) => r.where)).toEqual([`${base}:2`, `${base}:3`, `${base}:5`]);
  });

  it.each([
    ['blank-lines.csv', [2, 4, 8]],
    ['crlf-blank-lines.csv', [2, 4, 7]],
  ] as const)('%s: blank lines are skipped but still counted', async (name, lines) => {
    const rows = await readAll(name, 'csv');
    expect(rows.map((r) => r.record.id)).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => r.where)).toEqual(lines.map((n) => `datasets/${name}:${n}`));
  });

  it.each([
    ['bad-count.csv', 3],
    ['bad-count-after-multiline.csv', 4],
  ] as const)('%s: a row with the wrong number of fields names its line (%i)', async (name, line) => {
    const e = await readError(name, 'csv');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toContain(`datasets/${name}:${line}`);
    expect(e.issues[0]).toMatch(/number of fields/);
  });
});

describe('readRecords: TSV', () => {
  it('keeps quotes, guillemets and apostrophes verbatim (TSV has no quoting)', async () => {
    const rows = await readAll('quotes.tsv', 'tsv');
    expect(rows.map((r) => [r.record.id, r.record.text])).toEqual([
      ['t1', 'He said "hello" and left'],
      ['t2', '«Bonjour», dit-il'],
      ['t3', '„Guten Tag“, sagte sie'],
      ['t4', "it's O'Brien's"],
      ['t5', '"fully quoted"'],
    ]);
    expect(rows.map((r) => r.where)).toEqual([2, 3, 4, 5, 6].map((n) => `datasets/quotes.tsv:${n}`));
  });
});

describe('readRecords: file-system errors are dataset errors (exit 2), for every format', () => {
  it.each<readonly [Format, string]>([['csv', 'missing.csv'], ['tsv', 'missing.tsv'], ['jsonl', 'missing.jsonl'], ['json', 'missing.json']])('%s: a missing file', async (format, name) => {
    const e = await readError(name, format);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`datasets/${name}: no such file`);
  });

  it.each<readonly Format[]>([['csv'], ['jsonl'], ['json']])('%s: a directory', async (format) => {
    const out: RawRecord[] = [];
    const run = async () => { for await (const r of readRecords(fileURLToPath(new URL('.', import.meta.url)), format, 'datasets/dir')) out.push(r); };
    await expect(run()).rejects.toThrow('datasets/dir: is a directory');
  });
});

describe('JSONL lines longer than a read chunk', () => {
  it.each<[string, string]>([['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']])('a 3 MB line between short ones keeps its text and byte span (%s)', async (_label, eol) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'hb-read-')), 'long.jsonl');
    const long = JSON.stringify({ id: 'long', q: 'é'.repeat(1_500_000) });
    writeFileSync(path, [JSON.stringify({ id: 'a' }), long, JSON.stringify({ id: 'b' })].join(eol));
    const rows: RawRecord[] = [];
    for await (const r of readRecords(path, 'jsonl', 'long.jsonl')) rows.push(r);
    const first = Buffer.byteLength(JSON.stringify({ id: 'a' })) + eol.length;
    expect(rows.map((r) => r.record['id'])).toEqual(['a', 'long', 'b']);
    expect(rows[1]?.record['q']).toHaveLength(1_500_000);
    expect(rows[1]?.span).toEqual({ start: first, end: first + Buffer.byteLength(long), line: 2 });
    expect(rows[2]?.where).toBe('long.jsonl:3');
  });
});
