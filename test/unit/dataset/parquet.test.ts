import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parquetWriteFile, type ColumnSource } from 'hyparquet-writer';
import { jsonOf } from '../../../src/dataset/parquet.js';
import { loadDataset } from '../../../src/dataset/load.js';
import { DatasetError } from '../../../src/errors.js';
import type { DatasetSpec } from '../../../src/spec/types.js';
import type { Sample } from '../../../src/types.js';

// Parquet datasets. The files are written here by hyparquet-writer (a writer apart from the reader
// haikubench uses), compressed by Node's own zlib for gzip, brotli and zstd: the column types public
// benchmark files use (strings, 64-bit integers, lists, structs, nulls, doubles) in several row groups.

const dir = mkdtempSync(join(tmpdir(), 'haikubench-parquet-'));
const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
type Codec = 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI' | 'ZSTD';
const COMPRESS: Partial<Record<Codec, (b: Uint8Array) => Uint8Array>> = {
  GZIP: (b) => u8(zlib.gzipSync(b)),
  BROTLI: (b) => u8(zlib.brotliCompressSync(b)),
  ...(typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function' && { ZSTD: (b: Uint8Array) => u8((zlib as unknown as { zstdCompressSync: (x: Uint8Array) => Buffer }).zstdCompressSync(b)) }),
};

/** MMLU's shape: question, subject, choices (list<string>), answer (int64). */
function mmlu(n: number): ColumnSource[] {
  return [
    { name: 'question', data: Array.from({ length: n }, (_, i) => `Question ${i}: what is ${i} + 1?`), type: 'STRING' },
    { name: 'subject', data: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'math' : 'logic')), type: 'STRING' },
    { name: 'choices', data: Array.from({ length: n }, (_, i) => [String(i), String(i + 1), String(i + 2), 'none']) },
    { name: 'answer', data: Array.from({ length: n }, () => 1n), type: 'INT64' },
  ];
}

function write(name: string, columnData: ColumnSource[], codec: Codec = 'SNAPPY', rowGroupSize?: number): string {
  const filename = join(dir, name);
  const compressors = COMPRESS[codec] === undefined ? undefined : { [codec]: COMPRESS[codec] };
  parquetWriteFile({ filename, columnData, codec, ...(compressors !== undefined && { compressors }), ...(rowGroupSize !== undefined && { rowGroupSize }) });
  return filename;
}

const spec = (path: string, more: Partial<DatasetSpec> = {}): DatasetSpec => ({ path, format: 'parquet', fields: { target: 'answer', metadata: [] }, shuffle: false, seed: 1, ...more });
const all = (d: { samples: Iterable<Sample> }) => [...d.samples];

describe('jsonOf: Parquet values as JSON', () => {
  it.each<readonly [string, unknown, unknown]>([
    ['a safe int64', 42n, 42],
    ['a negative int64', -7n, -7],
    ['an int64 past 2^53 keeps every digit, as text', 9007199254740993n, '9007199254740993'],
    ['NaN', Number.NaN, null],
    ['Infinity', Number.POSITIVE_INFINITY, null],
    ['-0', -0, 0],
    ['a timestamp', new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), '2026-01-02T03:04:05.000Z'],
    ['binary', new Uint8Array([104, 105]), 'aGk='],
    ['a list', ['a', 1n, null], ['a', 1, null]],
    ['a typed array', new Float64Array([0.5, 1.5]), [0.5, 1.5]],
    ['a struct without its undefined fields', { a: 1n, b: undefined, c: { d: 'x' } }, { a: 1, c: { d: 'x' } }],
    ['undefined', undefined, null],
  ])('%s', (_name, value, want) => {
    expect(jsonOf(value)).toEqual(want);
  });
});

describe('loadDataset: Parquet', () => {
  it.each<Codec>(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', ...(COMPRESS.ZSTD === undefined ? [] : ['ZSTD' as const])])('reads a %s file: rows in order, lists and 64-bit answers as JSON, "file#/row" places', async (codec) => {
    const path = write(`mmlu-${codec}.parquet`, mmlu(5), codec);
    const d = await loadDataset(spec(path, { fields: { target: 'answer', metadata: ['subject'] } }), 'mmlu.parquet');
    const s = all(d);
    expect(d.total).toBe(5);
    expect(s.map((x) => x.source)).toEqual(['mmlu.parquet#/0', 'mmlu.parquet#/1', 'mmlu.parquet#/2', 'mmlu.parquet#/3', 'mmlu.parquet#/4']);
    expect(s[2]).toMatchObject({ target: 1, metadata: { subject: 'logic' }, vars: { question: 'Question 2: what is 2 + 1?', choices: ['2', '3', '4', 'none'] } });
    expect(d.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(d.warnings).toEqual([]);
  });

  it('many row groups, read in batches: every row once, in file order; shuffle and limit apply', async () => {
    const path = write('big.parquet', mmlu(25_003), 'SNAPPY', 4_000);
    const d = await loadDataset(spec(path), 'big.parquet');
    const s = all(d);
    expect(s).toHaveLength(25_003);
    expect(s.map((x) => x.vars['question'])).toEqual(Array.from({ length: 25_003 }, (_, i) => `Question ${i}: what is ${i} + 1?`));
    const some = all(await loadDataset(spec(path, { shuffle: true, seed: 3, limit: 10 }), 'big.parquet'));
    expect(some).toHaveLength(10);
    expect(new Set(some.map((x) => x.id)).size).toBe(10);
  });

  it('multiple choice from Parquet: the list of options and the 0-based answer', async () => {
    const path = write('mc.parquet', mmlu(3));
    const s = all(await loadDataset(spec(path, { fields: { target: 'answer', choices: 'choices', metadata: [] } }), 'mc.parquet'));
    expect(s[0]).toMatchObject({ target: 'B', choices: ['0', '1', '2', 'none'], vars: { letters: 'A, B, C, D' } });
  });

  // A zstd file written once on Node 24 (test/fixtures/datasets/mmlu-zstd.parquet), as Polars writes by default.
  const zstdFixture = join(import.meta.dirname, '../../fixtures/datasets/mmlu-zstd.parquet');
  const hasZstd = typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function';
  it(hasZstd ? 'reads a zstd file with Node\'s zstd' : 'a zstd file on a Node without zstd: a dataset error saying which Node reads it', async () => {
    const got = await loadDataset(spec(zstdFixture, { fields: { target: 'answer', choices: 'choices', metadata: [] } }), 'mmlu-zstd.parquet').then(all, (e: unknown) => e);
    if (hasZstd) expect((got as Sample[]).map((s) => [s.target, s.choices])).toEqual([['B', ['3', '4', '5', '6']], ['B', ['Mars', 'Jupiter', 'Venus']]]);
    else {
      expect(got).toBeInstanceOf(DatasetError);
      expect((got as DatasetError).message).toContain('mmlu-zstd.parquet: rows 0–1 cannot be decoded (zstd pages need Node 22.15 or later');
    }
  });

  it('a file that is not Parquet is a dataset error naming it, with the fix', async () => {
    const path = join(dir, 'not.parquet');
    writeFileSync(path, 'id,question\n1,x\n');
    const err = await loadDataset(spec(path), 'data/not.parquet').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).message).toContain('data/not.parquet: not a readable Parquet file');
    expect((err as DatasetError).message).toContain('set dataset.format');
  });

  it('a row without the target field is reported with its row', async () => {
    const path = write('no-target.parquet', [{ name: 'question', data: ['q'], type: 'STRING' }]);
    const err = await loadDataset(spec(path), 'nt.parquet').catch((e: unknown) => e);
    expect((err as DatasetError).message).toContain('nt.parquet#/0: no target field "answer"');
  });
});
