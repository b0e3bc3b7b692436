import { DatasetError } from '../errors.js';
import { utf8Check } from './utf8.js';
import type { Sample } from '../types.js';
import type { DatasetSpec } from '../spec/types.js';
import { readRecords } from './read.js';
import { sampleCollector } from './fields.js';
import { FileSamples, type SampleList, type Stamp } from './file-samples.js';
import { runOrder, selectOrder } from './select.js';
import { pagedOffsets } from '../util/paged-numbers.js';
import { recordSpans } from './record-spans.js';
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

// A dataset is read once, as a stream: each record is checked (ids, target, metadata) and dropped.
// JSONL, CSV and TSV datasets keep only each record's place in the file and are re-read sample by
// sample during the run (dataset/file-samples), so memory does not grow with the dataset's text; a
// JSON array is parsed whole anyway, so its samples are kept.

export interface LoadedDataset {
  readonly samples: SampleList;
  /** Records in the file, before shuffle and limit. */
  readonly total: number;
  /** With opts.ids: every sample id in the file, before shuffle and limit. */
  readonly ids?: ReadonlySet<string>;
  /** sha256 of the file's bytes: the dataset's identity in summary.json. */
  readonly sha256: string;
  /** Worth saying before any call, without refusing the dataset (bytes that are not UTF-8). */
  readonly warnings: readonly string[];
  /** Whether opts.visit saw every sample of `samples`, in their order (else it saw none that count). */
  readonly visited: boolean;
}

/**
 * Whether the run order is the file order cut at a known count, so that a sample can be shown to a
 * visitor as its record streams by: no shuffle, and no limit or one of at least 0. Returns that
 * count (Infinity: every record), or undefined when the order is known only once the file is read.
 */
function streamedOrder(spec: DatasetSpec): number | undefined {
  if (spec.shuffle) return undefined;
  if (spec.limit === undefined) return Number.POSITIVE_INFINITY;
  const limit = Math.trunc(spec.limit);
  return limit >= 0 ? limit : undefined;
}

/** Size and modification time, or undefined when the file cannot be stat'ed (readRecords reports why). */
function stampOf(path: string): Stamp | undefined {
  try {
    const st = statSync(path);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

interface FileHash {
  /** Shown the file's bytes in order. */
  readonly tap: (chunk: Uint8Array) => void;
  /** How many bytes it was shown. */
  readonly bytes: () => number;
  /** The sha256 of the bytes shown and, when they are not all UTF-8, the first line that is not. */
  readonly end: () => { sha256: string; notUtf8Line: number | undefined };
}

function fileHash(): FileHash {
  const h = createHash('sha256');
  const utf8 = utf8Check();
  let bytes = 0;
  let ended = false;
  return {
    // A CSV file's stream may still hand over a chunk after its records stopped being read.
    tap: (chunk) => {
      if (ended) return;
      h.update(chunk);
      utf8.push(chunk);
      bytes += chunk.length;
    },
    bytes: () => bytes,
    end: () => {
      ended = true;
      return { sha256: h.digest('hex'), notUtf8Line: utf8.end() };
    },
  };
}

/** The hash of the whole file, read again (when the records were not read to its end). */
async function rehash(path: string): Promise<FileHash> {
  const hash = fileHash();
  for await (const chunk of createReadStream(path)) hash.tap(chunk as Buffer);
  return hash;
}

/**
 * `ids`: also collect every sample id of the file (before shuffle and limit), e.g. to check a labels
 * file against. `visit`: shown each sample of the run, in run order, as its record streams by, when
 * that order is the file's (`visited` in the result says whether it was), so a check over the samples
 * costs no second reading of the file.
 */
export async function loadDataset(spec: DatasetSpec, displayPath: string, opts: { readonly ids?: boolean; readonly visit?: (s: Sample) => void } = {}): Promise<LoadedDataset> {
  const before = stampOf(spec.path);
  const collector = sampleCollector(spec.fields, displayPath, { base: spec.choiceIndexBase ?? 0, ...(spec.shuffleChoices === true && { shuffleSeed: spec.seed }) });
  // A JSON array and a Parquet file are read whole: their samples are kept, not re-read.
  const inMemory = spec.format === 'json' || spec.format === 'parquet';
  const ids = opts.ids === true ? new Set<string>() : undefined;
  const kept: Sample[] = [];
  // Byte spans and lines of consecutive records: ~4 bytes a record (record-spans.ts; a page of lines
  // one after the other, one-line records, costs nothing).
  const spans = recordSpans();
  const lines = pagedOffsets(16, 1);
  const visitUpTo = opts.visit === undefined ? undefined : streamedOrder(spec);
  // The hash is taken from the bytes the records are read from: the file is read once, not twice.
  const hash = fileHash();
  for await (const r of readRecords(spec.path, spec.format, displayPath, spec.delimiter, hash.tap)) {
    const n = collector.count;
    const s = collector.add(r.record, r.where);
    if (s !== undefined && visitUpTo !== undefined && n < visitUpTo) opts.visit?.(s);
    if (inMemory && s !== undefined) kept.push(s);
    if (ids !== undefined && s !== undefined) ids.add(s.id);
    if (r.span !== undefined) {
      spans.push(r.span.start, r.span.end);
      lines.push(r.span.line);
    }
    if (collector.full) break;
  }
  if (collector.count === 0) throw new DatasetError(displayPath, [`${displayPath}: the dataset has no records`]);
  const rule = collector.finish();
  const whole = hash.bytes() === before?.size ? hash : await rehash(spec.path);
  const { sha256, notUtf8Line } = whole.end();
  const warnings = notUtf8Line === undefined || spec.format === 'parquet' ? [] : [`${displayPath}:${notUtf8Line}: bytes that are not UTF-8 (first on this line); they are read as \uFFFD, so the prompts will not hold the text the file meant. Save the file as UTF-8.`];
  // Checked, hashed and later re-read must all be the same file.
  const stamp = stampOf(spec.path);
  if (before === undefined || stamp === undefined || stamp.size !== before.size || stamp.mtimeMs !== before.mtimeMs) {
    throw new DatasetError(displayPath, [`${displayPath} changed while it was being read; run again once nothing writes to it`]);
  }
  const select = { shuffle: spec.shuffle, seed: spec.seed, ...(spec.limit !== undefined && { limit: spec.limit }) };
  const samples: SampleList = inMemory
    ? Array.from(selectOrder(collector.count, select), (i) => kept[i] as Sample)
    : new FileSamples({ path: spec.path, file: displayPath, format: spec.format, delimiter: spec.delimiter, stamp }, { starts: spans.starts, ends: spans.ends, lines }, runOrder(collector.count, select), rule);
  return { samples, total: collector.count, ...(ids !== undefined && { ids }), sha256, warnings, visited: visitUpTo !== undefined };
}
