import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

// The lines of a JSON-lines file (records.jsonl) as parsed values, streamed in byte chunks: constant
// memory whatever the file's size. Lines split on "\n" (a "\r" before it is dropped), so a multi-byte
// character cut by a chunk boundary is decoded whole. Blank lines are skipped. A line that does not
// parse is forgiven when it is the last one (the torn write of a killed run: that item never
// finished); one with lines after it means the file was edited or is not what it should be, and
// `corrupt` says what to throw (with the line and the parser's message). A missing file has no lines.

export interface JsonLine {
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line's start, and its length in bytes (without the "\n"). */
  readonly offset: number;
  readonly bytes: number;
  readonly value: unknown;
}

export type Corrupt = (line: number, message: string) => Error;

/** How the file ended: a torn last line (where it starts), and whether the last byte is a "\n". */
export interface JsonLinesEnd {
  readonly torn: { readonly line: number; readonly offset: number } | undefined;
  readonly size: number;
  readonly endsWithNewline: boolean;
}

export interface JsonLinesOptions {
  /** Called once the whole file was read (not when reading stopped early or threw). */
  readonly onEnd?: (end: JsonLinesEnd) => void;
  /** Bytes per read (tests use small ones to cut lines and characters across reads). */
  readonly chunkBytes?: number;
}

const CHUNK = 1 << 16;
const NL = 0x0a;

interface RawLine {
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
  readonly text: string;
}

/** Bytes in, whole lines out; what follows the last "\n" waits for the next chunk (or the end). */
function lineSplitter() {
  let rest: Buffer = Buffer.alloc(0);
  let restOffset = 0;
  let n = 0;
  let size = 0;
  let lastByte = -1;
  const make = (buf: Buffer, start: number, end: number): RawLine => {
    n += 1;
    const stop = end > start && buf[end - 1] === 0x0d ? end - 1 : end;
    return { line: n, offset: restOffset + start, bytes: end - start, text: buf.toString('utf8', start, stop) };
  };
  return {
    push(chunk: Buffer): RawLine[] {
      if (chunk.length === 0) return [];
      size += chunk.length;
      lastByte = chunk[chunk.length - 1] ?? -1;
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const out: RawLine[] = [];
      let start = 0;
      for (let i = buf.indexOf(NL); i >= 0; i = buf.indexOf(NL, start)) {
        out.push(make(buf, start, i));
        start = i + 1;
      }
      rest = Buffer.from(buf.subarray(start)); // a copy: the reader may reuse its chunk buffer
      restOffset += start;
      return out;
    },
    end(): { lines: RawLine[]; size: number; endsWithNewline: boolean } {
      const lines = rest.length > 0 ? [make(rest, 0, rest.length)] : [];
      rest = Buffer.alloc(0);
      return { lines, size, endsWithNewline: lastByte === NL };
    },
  };
}

/** The torn-last-line rule: a bad line is held back until a later filled line proves it was not the last. */
function lineJudge(corrupt: Corrupt) {
  let pending: { line: number; offset: number; message: string } | undefined;
  return {
    take(raw: RawLine): JsonLine | undefined {
      if (raw.text.trim() === '') return undefined;
      if (pending !== undefined) throw corrupt(pending.line, pending.message);
      try {
        return { line: raw.line, offset: raw.offset, bytes: raw.bytes, value: JSON.parse(raw.text) as unknown };
      } catch (err) {
        pending = { line: raw.line, offset: raw.offset, message: (err as Error).message };
        return undefined;
      }
    },
    torn: () => (pending === undefined ? undefined : { line: pending.line, offset: pending.offset }),
  };
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

interface Step { readonly lines: JsonLine[]; readonly done: boolean; readonly error?: unknown }

/**
 * One chunk of the file in (null at its end): the whole lines it completes, whether the file is done,
 * and the error of a corrupt line, which the caller throws after yielding the good lines before it.
 */
function chunkReader(corrupt: Corrupt, opts: JsonLinesOptions): (chunk: Buffer | null) => Step {
  const split = lineSplitter();
  const judge = lineJudge(corrupt);
  return (chunk) => {
    const got = chunk === null ? split.end() : { lines: split.push(chunk) };
    const lines: JsonLine[] = [];
    for (const raw of got.lines) {
      try {
        const line = judge.take(raw);
        if (line !== undefined) lines.push(line);
      } catch (error) {
        return { lines, done: true, error };
      }
    }
    if (!('size' in got)) return { lines, done: false };
    opts.onEnd?.({ torn: judge.torn(), size: got.size, endsWithNewline: got.endsWithNewline });
    return { lines, done: true };
  };
}

export async function* jsonLines(file: string, corrupt: Corrupt, opts: JsonLinesOptions = {}): AsyncGenerator<JsonLine> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (missing(err)) return;
    throw err;
  }
  try {
    const step = chunkReader(corrupt, opts);
    const buf = Buffer.alloc(opts.chunkBytes ?? CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      const { lines, done, error } = step(bytesRead === 0 ? null : buf.subarray(0, bytesRead));
      yield* lines;
      if (error !== undefined) throw error;
      if (done) return;
    }
  } finally {
    await handle.close();
  }
}

/** jsonLines for synchronous callers (the same rules, read with blocking calls). */
export function* jsonLinesSync(file: string, corrupt: Corrupt, opts: JsonLinesOptions = {}): Generator<JsonLine> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if (missing(err)) return;
    throw err;
  }
  try {
    const step = chunkReader(corrupt, opts);
    const buf = Buffer.alloc(opts.chunkBytes ?? CHUNK);
    for (;;) {
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      const { lines, done, error } = step(bytesRead === 0 ? null : buf.subarray(0, bytesRead));
      yield* lines;
      if (error !== undefined) throw error;
      if (done) return;
    }
  } finally {
    closeSync(fd);
  }
}
