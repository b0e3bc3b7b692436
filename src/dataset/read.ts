import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse';
import { DatasetError } from '../errors.js';
import type { Json } from '../types.js';

// Readers turn a file into records with their line numbers. JSONL and CSV/TSV stream; a JSON array is
// read whole (it has to be). TSV has no quoting (IANA text/tab-separated-values), so quote characters
// in the text are kept as they are.

export interface RawRecord {
  readonly record: Readonly<Record<string, Json>>;
  /** "file:line" (JSONL, CSV, TSV) or "file#/index" (JSON array, Parquet row). */
  readonly where: string;
  /** JSONL, CSV, TSV: the record's bytes in the file [start, end) and its (first) line, to re-read it later. */
  readonly span?: RecordSpan;
}

export interface RecordSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export type Format = 'jsonl' | 'json' | 'csv' | 'tsv' | 'parquet';
const MAX_ISSUES = 20;

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

const NEWLINE = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf] as const;
const CHUNK = 256 * 1024;

/** Shown every chunk of the file's bytes as it is read, in order (the dataset's hash is taken from them). */
export type ChunkTap = (chunk: Uint8Array) => void;

/**
 * A file's bytes in chunks read into one buffer that is reused: each chunk is valid until the next is
 * asked for (a caller keeping bytes copies them), so reading a large file allocates nothing per chunk.
 */
async function* chunksOf(path: string, tap: ChunkTap | undefined): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafeSlow(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return;
      const chunk = buf.subarray(0, bytesRead);
      tap?.(chunk);
      yield chunk;
    }
  } finally {
    await file.close();
  }
}

/**
 * Lines of a file with their byte span, ending at "\n", "\r\n" or a lone "\r" (as readline splits
 * them); the span excludes the line end, and a BOM is not part of line 1. A "\r" at the end of a
 * chunk waits for the next chunk, which says whether a "\n" follows it.
 */
async function* linesWithSpans(path: string, tap: ChunkTap | undefined): AsyncGenerator<{ text: string; line: number; start: number; end: number }> {
  // The unfinished line's parts, joined once its end arrives: a line of many chunks (a 50 MB row) is
  // copied once, not once per chunk.
  let carry: Buffer[] = [];
  let base = 0; // byte offset of buf[0]
  let line = 0;
  const emit = (buf: Buffer, from: number, to: number) => {
    const s = line === 1 && base + from === 0 && BOM.every((b, i) => buf[i] === b) ? 3 : from;
    return { text: buf.toString('utf8', s, Math.max(s, to)), line, start: base + s, end: base + Math.max(s, to) };
  };
  for await (const chunk of chunksOf(path, tap)) {
    if (carry.length > 0 && chunk.indexOf(NEWLINE) === -1 && chunk.indexOf(CR) === -1) {
      carry.push(Buffer.from(chunk));
      continue;
    }
    const buf = carry.length === 0 ? chunk : Buffer.concat([...carry, chunk]);
    let from = 0;
    let nl = buf.indexOf(NEWLINE);
    let cr = buf.indexOf(CR);
    while (nl !== -1 || cr !== -1) {
      const atCr = cr !== -1 && (nl === -1 || cr < nl);
      if (atCr && cr === buf.length - 1) break;
      const end = atCr ? cr : nl;
      line += 1;
      yield emit(buf, from, end);
      from = atCr && buf[cr + 1] === NEWLINE ? cr + 2 : end + 1;
      if (nl !== -1 && nl < from) nl = buf.indexOf(NEWLINE, from);
      if (cr !== -1 && cr < from) cr = buf.indexOf(CR, from);
    }
    // The chunk's buffer is read into again: an unfinished line in it is copied out.
    carry = from < buf.length ? [buf === chunk ? Buffer.from(buf.subarray(from)) : buf.subarray(from)] : [];
    base += from;
  }
  if (carry.length > 0) {
    const rest = Buffer.concat(carry);
    line += 1;
    yield emit(rest, 0, rest[rest.length - 1] === CR ? rest.length - 1 : rest.length);
  }
}

async function* readJsonl(path: string, file: string, issues: string[], tap: ChunkTap | undefined): AsyncGenerator<RawRecord> {
  for await (const { text, line, start, end } of linesWithSpans(path, tap)) {
    if (text.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(text);
      if (isObject(v)) yield { record: v, where: `${file}:${line}`, span: { start, end, line } };
      else issues.push(`${file}:${line}: expected a JSON object per line, got ${Array.isArray(v) ? 'an array' : typeof v}`);
    } catch (err) {
      issues.push(`${file}:${line}: invalid JSON (${(err as Error).message}); each line must be one JSON object`);
    }
    if (issues.length >= MAX_ISSUES) return;
  }
}

async function* readJsonArray(path: string, file: string, issues: string[], tap: ChunkTap | undefined): AsyncGenerator<RawRecord> {
  const bytes = await readFile(path);
  tap?.(bytes);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    issues.push(`${file}: invalid JSON (${(err as Error).message}); expected an array of objects`);
    return;
  }
  if (!Array.isArray(data)) {
    issues.push(`${file}: expected a JSON array of objects at the top level`);
    return;
  }
  for (const [i, v] of data.entries()) {
    if (isObject(v)) yield { record: v, where: `${file}#/${i}` };
    else issues.push(`${file}: item ${i} is not an object`);
  }
}

/** How a CSV/TSV file is split: dataset.delimiter, else `,` (CSV) or a tab (TSV); TSV has no quoting. */
export function delimitedOptions(format: 'csv' | 'tsv', delimiter?: string): { readonly delimiter: string; readonly quote: '"' | false } {
  return { delimiter: delimiter ?? (format === 'csv' ? ',' : '\t'), quote: format === 'csv' ? '"' : false };
}

/** A header that cannot be read as columns: one column holding another usual separator, or a repeated name. */
class HeaderProblem extends Error {}

const positions = (at: readonly number[]): string => `${at.slice(0, -1).join(', ')} and ${at[at.length - 1] ?? ''}`;

/**
 * A column named twice (after trimming) is refused, whatever dataset.fields says: csv-parse would keep
 * the last one's values without a word, and which one was meant is for the author to say.
 */
function checkRepeats(header: readonly string[], file: string): void {
  const seen = new Map<string, number[]>();
  header.forEach((h, i) => seen.set(h, [...(seen.get(h) ?? []), i + 1]));
  for (const [name, at] of seen) {
    if (at.length < 2) continue;
    const times = at.length === 2 ? 'twice' : `${at.length} times`;
    throw new HeaderProblem(`${file}:1: column "${name}" appears ${times} (columns ${positions(at)}); rename one, or pick one with dataset.fields`);
  }
}

function checkHeader(header: readonly string[], file: string, delimiter: string): void {
  checkRepeats(header.map((h) => h.trim()), file);
  const only = header.length === 1 ? header[0] ?? '' : '';
  const other = [';', '\t', ',', '|'].find((d) => d !== delimiter && only.includes(d));
  if (other === undefined) return;
  const shown = other === '\t' ? '\\t' : other;
  throw new HeaderProblem(`${file}:1: the header is one column "${only.slice(0, 60)}" that contains "${shown}": the fields look ${other === '\t' ? 'tab' : `"${other}"`}-separated; set dataset.delimiter: "${shown}" in the spec`);
}

async function* readDelimited(path: string, file: string, format: 'csv' | 'tsv', given: string | undefined, issues: string[], tap: ChunkTap | undefined): AsyncGenerator<RawRecord> {
  const { delimiter, quote } = delimitedOptions(format, given);
  // pipe() does not forward the file stream's errors (ENOENT, EISDIR): hand them to the parser.
  const input = createReadStream(path);
  if (tap !== undefined) input.on('data', (chunk) => tap(chunk as Buffer));
  const parser = input.pipe(
    parseCsv({
      columns: (header: string[]) => {
        checkHeader(header, file, delimiter);
        return header.map((h) => h.trim());
      },
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      quote,
      relax_column_count: false,
    }),
  );
  input.on('error', (err) => parser.destroy(err));
  // info.lines is where a record ends; a quoted multi-line record starts just after the previous one
  // and the empty lines skipped since (info.empty_lines counts them).
  let previousEnd = 1;
  let previousEmpty = 0;
  try {
    // info.bytes is where a record ends (after its newline): the next one's bytes start there (with the
    // empty lines skipped before it); the first record's start at 0, the header included.
    let previousBytes = 0;
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; empty_lines: number; bytes: number } }>) {
      const line = previousEnd + 1 + row.info.empty_lines - previousEmpty;
      yield { record: row.record, where: `${file}:${line}`, span: { start: previousBytes, end: row.info.bytes, line } };
      previousBytes = row.info.bytes;
      previousEnd = row.info.lines;
      previousEmpty = row.info.empty_lines;
    }
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).syscall === 'string') throw err; // a file-system error, not a CSV one
    if (err instanceof HeaderProblem) {
      issues.push(err.message);
      return;
    }
    const e = err as Error & { lines?: number };
    const where = e.lines !== undefined ? `${file}:${e.lines}` : file;
    const hint = quote !== false ? 'quote fields that contain commas, quotes or newlines ("..."), doubling inner quotes' : `every row needs the same number of ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}-separated fields`;
    issues.push(`${where}: ${e.message.replace(/^Invalid Record Length: /, 'wrong number of fields: ')} (${hint})`);
  }
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file (dataset.path is relative to the spec file)',
  EISDIR: 'is a directory; dataset.path must name a file',
  EACCES: 'permission denied; make the file readable',
};

/**
 * Stream the records of a dataset. Throws DatasetError (with file and line) once the file is read.
 * `tap` is shown the bytes read, in order: the whole file when the records are read to the end.
 */
export async function* readRecords(path: string, format: Format, file = path, delimiter?: string, tap?: ChunkTap): AsyncGenerator<RawRecord> {
  const issues: string[] = [];
  try {
    const source = format === 'jsonl' ? readJsonl(path, file, issues, tap)
      : format === 'json' ? readJsonArray(path, file, issues, tap)
      // Loaded only for a Parquet file: its decoders are most of the reading code.
      : format === 'parquet' ? (await import('./parquet.js')).readParquet(path, file, issues, tap)
      : readDelimited(path, file, format, delimiter, issues, tap);
    for await (const r of source) yield r;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === undefined ? undefined : FS_ERRORS[code];
    if (why !== undefined) throw new DatasetError(file, [`${file}: ${why}`]);
    throw err;
  }
  if (issues.length > 0) throw new DatasetError(file, issues);
}
