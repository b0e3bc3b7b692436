import { readFile } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { parquetMetadata, parquetReadObjects, type Compressors, type FileMetaData } from 'hyparquet';
import type { Json } from '../types.js';
import type { ChunkTap, RawRecord } from './read.js';

// Parquet datasets (as Hugging Face, pandas, Polars and DuckDB write them): read whole, like a JSON
// array (a columnar file has no per-row place to re-read from), one row group at a time (the unit a
// Parquet file is compressed and decoded in), so the decoded columns of the whole file are never held
// at once. Snappy (hyparquet's own decoder), gzip, brotli and zstd (Node's zlib; zstd from Node
// 22.15); LZ4 is not read. Each row becomes a record of JSON values: 64-bit integers as numbers when
// they are exact, else as text; dates and timestamps as ISO text; binary values as base64 text; NaN
// and the infinities as null; lists and structs as arrays and objects.

const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const zstd = (zlib as { zstdDecompressSync?: (input: Uint8Array) => Buffer }).zstdDecompressSync;

/** The codecs beyond snappy, decompressed by Node's zlib (native, and no package to install). */
const COMPRESSORS: Compressors = {
  GZIP: (input) => asBytes(zlib.gunzipSync(input)),
  BROTLI: (input) => asBytes(zlib.brotliDecompressSync(input)),
  ZSTD: (input) => {
    if (zstd === undefined) throw new Error(`zstd pages need Node 22.15 or later (this is Node ${process.versions.node}); run on a newer Node, or write the file with snappy`);
    return asBytes(zstd(input));
  },
};

/** A Parquet value as JSON. */
export function jsonOf(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, jsonOf);
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = jsonOf(x);
    return out;
  }
  return String(v);
}

export async function* readParquet(path: string, file: string, issues: string[], tap: ChunkTap | undefined): AsyncGenerator<RawRecord> {
  const bytes = await readFile(path);
  tap?.(bytes);
  // The file's own ArrayBuffer when it holds just the file (no copy of a large file), else a copy.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = whole ? (bytes.buffer as ArrayBuffer) : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    issues.push(`${file}: not a readable Parquet file (${(err as Error).message}); check the file, or set dataset.format if it is another format`);
    return;
  }
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file: buffer, metadata, compressors: COMPRESSORS, rowStart: start, rowEnd: end });
    } catch (err) {
      issues.push(`${file}: rows ${start}–${end - 1} cannot be decoded (${(err as Error).message})`);
      return;
    }
    for (const [i, row] of rows.entries()) yield { record: jsonOf(row) as Record<string, Json>, where: `${file}#/${start + i}` };
    start = end;
  }
}
