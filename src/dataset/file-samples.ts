import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { DatasetError } from '../errors.js';
import type { Json, Sample } from '../types.js';
import { sampleOf, type SampleRule } from './fields.js';
import { delimitedOptions, type Format } from './read.js';
import type { NumberColumn } from '../util/paged-numbers.js';

// The samples of a JSONL, CSV or TSV dataset without holding them: the file was checked once as it
// streamed by, and only each record's byte span and line were kept (two numbers and a line per record,
// in typed-array pages). A sample is rebuilt on demand by reading its bytes again and parsing that one
// record, so memory does not grow with the dataset's text (reads: see bytes()). If the file
// changes under a run (size or modification time), reading stops with a DatasetError rather than
// feeding the run other samples than the ones checked.

/** The samples of a dataset in run order: an array, or a file re-read on demand. */
export interface SampleList extends Iterable<Sample> {
  readonly length: number;
  /** The sample at this position (undefined outside 0..length-1). */
  at(index: number): Sample | undefined;
}

/** Where each record is in the file (record numbers in file order). */
export interface RecordIndex {
  readonly starts: NumberColumn;
  readonly ends: NumberColumn;
  readonly lines: NumberColumn;
}

const WINDOW = 256 * 1024;

/** What identifies the checked file cheaply: a rewrite of the same size within the same mtime tick goes unseen. */
export interface Stamp { readonly size: number; readonly mtimeMs: number }

/** A class, unlike most of the code: the read window is state that every access updates. */
export class FileSamples implements SampleList {
  readonly length: number;
  private window: { start: number; bytes: Buffer } = { start: 0, bytes: Buffer.alloc(0) };
  private readonly stamp: Stamp;
  private header: readonly string[] | undefined;
  private last: { index: number; sample: Sample } | undefined;

  private readonly path: string;
  private readonly file: string;
  private readonly format: Exclude<Format, 'json' | 'parquet'>;
  private readonly delimiter: string | undefined;
  private readonly index: RecordIndex;
  /** Record numbers in run order; undefined: the file's order (record i is the i-th). */
  private readonly order: Uint32Array | undefined;
  private readonly rule: SampleRule;

  /**
   * `file`: the path as shown; `stamp`: the file's size and modification time when it was checked;
   * `order`: record numbers in run order (after shuffle and limit), or how many of the file's first
   * records run, in its order.
   */
  constructor(src: { readonly path: string; readonly file: string; readonly format: Exclude<Format, 'json' | 'parquet'>; readonly delimiter?: string | undefined; readonly stamp: Stamp }, index: RecordIndex, order: Uint32Array | number, rule: SampleRule) {
    this.path = src.path;
    this.file = src.file;
    this.format = src.format;
    this.delimiter = src.delimiter;
    this.index = index;
    this.order = typeof order === 'number' ? undefined : order;
    this.rule = rule;
    this.length = typeof order === 'number' ? order : order.length;
    this.stamp = src.stamp;
  }

  at(i: number): Sample | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    if (this.last?.index === i) return this.last.sample;
    const n = this.order === undefined ? i : this.order[i] as number;
    const bytes = this.bytes(this.index.starts.get(n) as number, this.index.ends.get(n) as number);
    const where = `${this.file}:${this.index.lines.get(n) as number}`;
    const sample = sampleOf(this.parse(bytes, n), where, n, this.rule);
    this.last = { index: i, sample };
    return sample;
  }

  *[Symbol.iterator](): Iterator<Sample> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as Sample;
  }

  /** Record n's fields from its bytes (a CSV/TSV file's first record comes with the header line). */
  private parse(bytes: Buffer, n: number): Readonly<Record<string, Json>> {
    if (this.format === 'jsonl') return JSON.parse(bytes.toString('utf8')) as Record<string, Json>;
    if (n === 0) {
      const values = this.rows(bytes)[1] ?? [];
      return Object.fromEntries(this.columns().map((h, i) => [h, values[i] ?? '']));
    }
    const rows = parseCsvSync(bytes, { ...this.csvOptions(), columns: [...this.columns()], skip_empty_lines: true }) as Record<string, string>[];
    return rows[0] ?? {};
  }

  private rows(bytes: Buffer): string[][] {
    return parseCsvSync(bytes, { ...this.csvOptions(), bom: true, skip_empty_lines: true }) as string[][];
  }

  private csvOptions() {
    return { ...delimitedOptions(this.format === 'csv' ? 'csv' : 'tsv', this.delimiter), relax_column_count: false } as const;
  }

  /** The header row, read once from the bytes before the first record. */
  private columns(): readonly string[] {
    if (this.header === undefined) {
      this.header = (this.rows(this.bytes(0, this.index.ends.get(0) ?? 0))[0] ?? []).map((h) => h.trim());
    }
    return this.header;
  }

  /**
   * The bytes [start, end) of the file. Reading on from the window's end (a run in file order) reads a
   * 256 KiB window ahead, so a walk through the file costs a read per window; any other access (a
   * shuffled dataset) reads just the record, so it costs one small read, not a window per record.
   */
  private bytes(start: number, end: number): Buffer {
    const w = this.window;
    if (start >= w.start && end <= w.start + w.bytes.length) return w.bytes.subarray(start - w.start, end - w.start);
    const ahead = start >= w.start + w.bytes.length && start - (w.start + w.bytes.length) < WINDOW;
    const fd = openSync(this.path, 'r');
    try {
      const st = fstatSync(fd);
      if (st.size !== this.stamp.size || st.mtimeMs !== this.stamp.mtimeMs) throw this.changed(`${this.file} changed while the run was reading it`);
      const size = Math.min(Math.max(ahead ? WINDOW : 0, end - start), this.stamp.size - start);
      const buf = Buffer.allocUnsafe(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, buf, got, size - got, start + got);
        if (n === 0) break;
        got += n;
      }
      this.window = { start, bytes: buf.subarray(0, got) };
    } finally {
      closeSync(fd);
    }
    return this.window.bytes.subarray(0, end - start);
  }

  private changed(message: string): DatasetError {
    return new DatasetError(this.file, [`${message}: samples are re-read from the file during a run; leave the dataset as it was until the run ends, then run again`]);
  }
}
