import { closeSync, openSync, readSync } from 'node:fs';
import type { RunRecord } from '../types.js';
import { RECORDS_FILE, recordsPath } from './files.js';
import { jsonLines, jsonLinesSync, type Corrupt, type JsonLine, type JsonLinesOptions } from './json-lines.js';

// records.jsonl read back: every reader of the file goes through here, so the rules are the same for
// all of them. Lines (json-lines.ts): blank ones skipped, a torn LAST line dropped, a bad line with
// lines after it an error naming file:line. Records: a parsed line is a record when it has what
// identifies a work item (isRunRecord). Items: a later record of the same item (sampleId + model +
// epoch) replaces the earlier one, as a resumed run appends the rerun of an error.

export { RECORDS_FILE };

/** What a bad line in the middle of the file becomes; `what` labels the file in the default message. */
export interface RecordsOptions extends JsonLinesOptions {
  /** The error for a bad line with lines after it (default: an Error naming `<what>:<line>`). */
  readonly corrupt?: Corrupt;
  /** The file as messages name it (default: its path). */
  readonly what?: string;
}

/** The record's work item: sample × model × epoch. */
export const itemKey = (r: { readonly sampleId: string; readonly model: string; readonly epoch: number }): string => `${r.sampleId}\u0000${r.model}\u0000${r.epoch}`;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The line validator: a parsed line is a record when it names its work item and ended ok or in error. */
export function isRunRecord(v: unknown): v is RunRecord {
  return isObj(v) && typeof v['sampleId'] === 'string' && typeof v['model'] === 'string' && typeof v['epoch'] === 'number'
    && (v['status'] === 'ok' || v['status'] === 'error');
}

function corruptOf(dir: string, opts: RecordsOptions): Corrupt {
  if (opts.corrupt !== undefined) return opts.corrupt;
  const what = opts.what ?? recordsPath(dir);
  return (line, message) => new Error(`${what}:${line}: not a JSON record (${message})`);
}

/** The parsed lines of `<dir>/records.jsonl`, streamed (values unchecked: isRunRecord tells records). */
export function recordLines(dir: string, opts: RecordsOptions = {}): AsyncGenerator<JsonLine> {
  return jsonLines(recordsPath(dir), corruptOf(dir, opts), opts);
}

/** recordLines for synchronous callers. */
export function recordLinesSync(dir: string, opts: RecordsOptions = {}): Generator<JsonLine> {
  return jsonLinesSync(recordsPath(dir), corruptOf(dir, opts), opts);
}

/** A record with where its line is in the file. */
export interface RecordAt {
  readonly record: RunRecord;
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
}

/** Every record of the run in file order, streamed; lines that are JSON but not records are skipped. */
export async function* readRecords(dir: string, opts: RecordsOptions = {}): AsyncGenerator<RecordAt> {
  for await (const { value, line, offset, bytes } of recordLines(dir, opts)) {
    if (isRunRecord(value)) yield { record: value, line, offset, bytes };
  }
}

/**
 * The latest record of each work item, by itemKey, reduced to `project(record)` so the caller keeps
 * only what it needs (constant memory per item). An item keeps the place of its first record.
 */
export async function latestPerItem<T>(dir: string, project: (r: RecordAt) => T, opts: RecordsOptions = {}): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for await (const r of readRecords(dir, opts)) out.set(itemKey(r.record), project(r));
  return out;
}

/**
 * latestPerItem for a reader that wants some items only: the latest record of each item, projected,
 * for the items whose latest record projects to non-null. An item whose latest record projects to null
 * holds no entry, so memory follows the items kept (say, a run's failing ones), not the run's size.
 */
export async function latestKept<T>(dir: string, project: (r: RecordAt) => T | null, opts: RecordsOptions = {}): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for await (const r of readRecords(dir, opts)) {
    const v = project(r);
    if (v !== null) out.set(itemKey(r.record), v);
    else if (out.size > 0) out.delete(itemKey(r.record));
  }
  return out;
}

/** Reads single records back by their place (RecordAt.offset/bytes); close() when done. */
export interface RecordReader {
  read(at: { readonly offset: number; readonly bytes: number }): RunRecord;
  close(): void;
}

/** A reader of `<dir>/records.jsonl`, or undefined when the run has none. */
export function openRecordReader(dir: string): RecordReader | undefined {
  let fd: number;
  try {
    fd = openSync(recordsPath(dir), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return {
    read: ({ offset, bytes }) => {
      const buf = Buffer.alloc(bytes);
      readSync(fd, buf, 0, bytes, offset);
      return JSON.parse(buf.toString('utf8')) as RunRecord;
    },
    close: () => closeSync(fd),
  };
}
