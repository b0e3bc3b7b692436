import { readFile } from 'node:fs/promises';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Json } from '../types.js';
import type { ChunkTap, RawRecord } from './read.js';

// Parquet datasets (as Hugging Face, pandas, Polars and DuckDB write them): read whole, like a JSON
// array (a columnar file has no per-row place to re-read from), row group by row group so that the
// decoded columns of the whole file are never held at once. Compressed with snappy, gzip, zstd,
// brotli or lz4. Each row becomes a record of JSON values: 64-bit integers as numbers when they are
// exact, else as text; dates and timestamps as ISO text; binary values as base64 text; NaN and the
// infinities as null; lists and structs as arrays and objects.

/** Rows decoded at a time. */
const BATCH = 10_000;

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
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let rows: number;
  try {
    rows = Number(parquetMetadata(buffer).num_rows);
  } catch (err) {
    issues.push(`${file}: not a readable Parquet file (${(err as Error).message}); check the file, or set dataset.format if it is another format`);
    return;
  }
  for (let start = 0; start < rows; start += BATCH) {
    let batch: Record<string, unknown>[];
    try {
      batch = await parquetReadObjects({ file: buffer, compressors, rowStart: start, rowEnd: Math.min(rows, start + BATCH) });
    } catch (err) {
      issues.push(`${file}: rows ${start}–${Math.min(rows, start + BATCH) - 1} cannot be decoded (${(err as Error).message})`);
      return;
    }
    for (const [i, row] of batch.entries()) yield { record: jsonOf(row) as Record<string, Json>, where: `${file}#/${start + i}` };
  }
}
