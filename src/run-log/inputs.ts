import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Json } from '../types.js';
import type { InputLog } from '../runner/input-log.js';
import { outDirError, runWriteError } from './disk.js';
import { jsonLines, jsonLinesSync } from './json-lines.js';

// inputs.jsonl: what each work item was given (runner/input-log.ts), once per distinct content.
// Two kinds of line, a text always before the first input that refers to it:
//   {"text": "<hash>", "value": "<a long string>"}      a string of LONG characters or more, kept once
//   {"hash": "<hash>", "input": {...}}                   an input, its long strings as {"$text": "<hash>"}
// So a system prompt shared by 100,000 items is in the file once, and each item's input is a short
// line. A record refers to its input by `inputHash`. Read back with readInputs (the same torn-last-line
// rule as records.jsonl).

export const INPUTS_FILE = 'inputs.jsonl';
const LONG = 128;

const textHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The input with its long strings replaced by references; `keep` is told each long string once per call. */
function dehydrate(v: Json, keep: (hash: string, text: string) => void): Json {
  if (typeof v === 'string') {
    if (v.length < LONG) return v;
    const h = textHash(v);
    keep(h, v);
    return { $text: h };
  }
  if (Array.isArray(v)) return v.map((x: Json) => dehydrate(x, keep));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dehydrate(x as Json, keep)]));
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

const corrupt = (file: string) => (line: number, message: string) => new Error(`${file}:${line}: not a JSON line (${message})`);

export interface RunInputLog extends InputLog {
  close(): void;
}

/** inputs.jsonl open for appending; the hashes already in it (a resumed run) are not written again. */
export function openInputLog(dir: string): RunInputLog {
  const file = join(dir, INPUTS_FILE);
  const seen = new Set<string>();
  if (existsSync(file)) {
    for (const { value } of jsonLinesSync(file, corrupt(file))) {
      if (isObj(value)) seen.add(String(value['hash'] ?? `t:${String(value['text'])}`));
    }
  }
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (err) {
    throw outDirError(dir, file, err);
  }
  let open = true;
  const write = (line: object) => {
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
    } catch (err) {
      throw runWriteError(dir, file, err);
    }
  };
  return {
    put: (hash, input) => {
      if (!open || seen.has(hash)) return;
      const stored = dehydrate(input, (h, text) => {
        if (seen.has(`t:${h}`)) return;
        seen.add(`t:${h}`);
        write({ text: h, value: text });
      });
      seen.add(hash);
      write({ hash, input: stored });
    },
    close: () => { if (open) { closeSync(fd); open = false; } },
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

/** Copy the inputs of `src` into an input log (a merge of shards). */
export async function copyInputs(src: string, into: InputLog): Promise<void> {
  for (const [h, v] of await readInputs(src)) into.put(h, v);
}
