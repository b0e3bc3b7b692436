import { appendFileSync, closeSync, existsSync, openSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from 'node:crypto';
import type { Json } from '../types.js';
import { InputError } from '../errors.js';
import type { InputLog } from '../runner/input-log.js';
import { outDirError, runWriteError } from './disk.js';
import { jsonLines, jsonLinesSync, type JsonLinesEnd } from './json-lines.js';
import { hexSet } from '../util/hex-set.js';

// inputs.jsonl: what each work item was given (runner/input-log.ts), once per distinct content.
// Two kinds of line, a text always before the first input that refers to it:
//   {"text": "<hash>", "value": "<a long string>"}      a string of LONG characters or more, kept once
//   {"hash": "<hash>", "input": {...}}                   an input, its long strings as {"$text": "<hash>"}
// So a system prompt shared by 100,000 items is in the file once, and each item's input is a short
// line. A record refers to its input by `inputHash`. Read back with readInputs (the same torn-last-line
// rule as records.jsonl).

export const INPUTS_FILE = 'inputs.jsonl';
const LONG = 128;

// The one-shot hash: the same digest as createHash().update().digest(), a fraction of its cost per call.
const textHash = (s: string) => hash('sha256', s, 'hex').slice(0, 16);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a string of LONG characters or more is anywhere in the value (no allocation). */
function hasLong(v: Json): boolean {
  if (typeof v === 'string') return v.length >= LONG;
  if (Array.isArray(v)) {
    for (const x of v as readonly Json[]) if (hasLong(x)) return true;
    return false;
  }
  if (isObj(v)) {
    for (const k in v) if (hasLong(v[k] as Json)) return true;
  }
  return false;
}

/** The input with its long strings replaced by references; `ref` gives a long string's hash. */
function dehydrate(v: Json, ref: (text: string) => string): Json {
  if (typeof v === 'string') return v.length < LONG ? v : { $text: ref(v) };
  if (Array.isArray(v)) return v.map((x: Json) => dehydrate(x, ref));
  if (isObj(v)) {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = dehydrate(v[k] as Json, ref);
    return out;
  }
  return v;
}

function hydrate(v: unknown, texts: ReadonlyMap<string, string>): Json {
  if (Array.isArray(v)) return v.map((x) => hydrate(x, texts));
  if (isObj(v)) {
    const ref = v['$text'];
    if (typeof ref === 'string' && Object.keys(v).length === 1) return texts.get(ref) ?? `[text ${ref} missing from ${INPUTS_FILE}]`;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hydrate(x, texts)]));
  }
  return v as Json;
}

/** A line in the middle of the file that is not JSON: the file was edited, or written by two runs at once. */
const corrupt = (file: string) => (line: number, message: string) =>
  new InputError('inputs.bad_line', `${file}:${line}: not a JSON line, in the middle of the file (${message})`, [`The file was edited or written by two runs at once; start a new run (the records of this one are intact, and compare, route and calibrate still read them).`]);

export interface RunInputLog extends InputLog {
  /** Write the lines kept since the last write (one write call); the records writer calls it before each of its writes. */
  flush(): void;
  /** Flush, then close the file. */
  close(): void;
}

/** Lines kept waiting past this many characters are written at once. */
const BUFFER_CHARS = 256 * 1024;

/** Long strings whose hash is remembered (a system prompt is hashed once per this many new strings, not once per item). */
const TEXT_MEMO = 256;

/**
 * inputs.jsonl open for appending. An input's hash is that of its JSON with long strings as their
 * references, so a shared system prompt is hashed once, not once per item. What is already in the
 * file (a resumed run) is not written again. New lines wait in memory until flush(), which the run's
 * records writer calls before every write of records (so an input is in the file before any record
 * that refers to it, whatever kills the process), or until 256 KiB wait: one write per batch of
 * records instead of one per item.
 */
export function openInputLog(dir: string): RunInputLog {
  const file = join(dir, INPUTS_FILE);
  // What the file holds already, by hash: inputs and long texts apart (compact sets: a run of a
  // million distinct inputs remembers a million hashes).
  const seenInputs = hexSet();
  const seenTexts = hexSet();
  if (existsSync(file)) {
    let end: JsonLinesEnd | undefined;
    for (const { value } of jsonLinesSync(file, corrupt(file), { onEnd: (e) => { end = e; } })) {
      if (!isObj(value)) continue;
      if (value['hash'] !== undefined) seenInputs.add(String(value['hash']));
      else if (value['text'] !== undefined) seenTexts.add(String(value['text']));
    }
    // A run killed mid-write leaves a torn last line: cut it off (what it held is written again when
    // needed), or end a whole last line with its newline, so that new lines are not glued to it.
    try {
      if (end?.torn !== undefined) truncateSync(file, end.torn.offset);
      else if (end !== undefined && end.size > 0 && !end.endsWithNewline) appendFileSync(file, '\n');
    } catch (err) {
      throw outDirError(dir, file, err);
    }
  }
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (err) {
    throw outDirError(dir, file, err);
  }
  let open = true;
  const memo = new Map<string, string>();
  let waiting = '';
  const flush = () => {
    if (!open || waiting === '') return;
    const text = waiting;
    waiting = '';
    try {
      writeSync(fd, text);
    } catch (err) {
      throw runWriteError(dir, file, err);
    }
  };
  return {
    keep: (input) => {
      let lines = '';
      // Most inputs have no long string: written as they are, without building a copy.
      const stored = !hasLong(input) ? JSON.stringify(input) : JSON.stringify(dehydrate(input, (text) => {
        let h = memo.get(text);
        if (h === undefined) {
          if (memo.size >= TEXT_MEMO) memo.clear();
          memo.set(text, (h = textHash(text)));
        }
        if (seenTexts.add(h)) lines += `${JSON.stringify({ text: h, value: text })}\n`;
        return h;
      }));
      const hash = textHash(stored);
      if (seenInputs.add(hash)) lines += `{"hash":"${hash}","input":${stored}}\n`;
      if (open && lines !== '') {
        waiting += lines;
        if (waiting.length >= BUFFER_CHARS) flush();
      }
      return hash;
    },
    flush,
    close: () => {
      if (!open) return;
      try {
        flush();
      } finally {
        closeSync(fd);
        open = false;
      }
    },
  };
}

/** Every input of the run by hash (long strings put back), or only those in `wanted`. Empty when the run kept none. */
export async function readInputs(dir: string, wanted?: ReadonlySet<string>): Promise<Map<string, Json>> {
  const file = join(dir, INPUTS_FILE);
  const texts = new Map<string, string>();
  const raw = new Map<string, unknown>();
  for await (const { value } of jsonLines(file, corrupt(file))) {
    if (!isObj(value)) continue;
    if (typeof value['text'] === 'string' && typeof value['value'] === 'string') texts.set(value['text'], value['value']);
    else if (typeof value['hash'] === 'string' && (wanted === undefined || wanted.has(value['hash']))) raw.set(value['hash'], value['input']);
  }
  const out = new Map<string, Json>();
  for (const [h, v] of raw) out.set(h, hydrate(v, texts));
  return out;
}

/** Copy the inputs of `src` into an input log (a merge of shards: the same content keeps its hash). */
export async function copyInputs(src: string, into: InputLog): Promise<void> {
  for (const v of (await readInputs(src)).values()) into.keep(v);
}
