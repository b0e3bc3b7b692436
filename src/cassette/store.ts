import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { FAILURE_KINDS } from '../types.js';
import type { Attempt, CassetteEntry } from './entry.js';
import { makeDirSync } from '../util/make-dir.js';

// A cassette on disk: one file per eval in the cassette folder, `<eval id>.cassette.jsonl`, one entry
// per line, sorted (by model, sample, epoch, judge draw), so that recording the same run again gives
// the same file and a diff shows what changed. Written whole at the end of a recording (a temporary
// file renamed over the old one); a recording adds to what the file held (a resumed run, another
// eval) and replaces the entries of the calls it made again.

export interface Cassette {
  /** The file, as the user named the folder. */
  readonly file: string;
  readonly size: number;
  get(key: string): CassetteEntry | undefined;
  /**
   * Recording: one attempt of a call. The first attempt of this run for a key replaces what the file
   * held for it; later ones (retries, or the same request made again) are added after it.
   */
  put(entry: Omit<CassetteEntry, 'attempts'>, attempt: Attempt): void;
  /** Recording: write the file (nothing when nothing was recorded). */
  save(): void;
}

export const cassetteFile = (dir: string, evalId: string) => join(dir, `${evalId}.cassette.jsonl`);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isAttempt(x: unknown): x is Attempt {
  if (!isObject(x)) return false;
  if (x['ok'] === true) return typeof x['text'] === 'string' && isObject(x['usage']) && (x['latencyMs'] === null || typeof x['latencyMs'] === 'number');
  return x['ok'] === false && typeof x['message'] === 'string' && (FAILURE_KINDS as readonly unknown[]).includes(x['kind']);
}

function parseEntry(line: string): CassetteEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v) || typeof v['key'] !== 'string' || typeof v['model'] !== 'string' || typeof v['sampleId'] !== 'string' || typeof v['epoch'] !== 'number') return undefined;
  if (!isObject(v['request']) || !Array.isArray(v['attempts']) || !v['attempts'].every(isAttempt)) return undefined;
  return v as unknown as CassetteEntry;
}

function load(file: string): Map<string, CassetteEntry> {
  const out = new Map<string, CassetteEntry>();
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  const bad: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const e = parseEntry(line);
    if (e === undefined) bad.push(`${file}:${i + 1}: not a cassette entry (a line {key, model, sampleId, epoch, request, attempts}); record the cassette again with --record`);
    else out.set(e.key, e);
  });
  if (bad.length > 0) throw new InputError('cassette.invalid', `${file}: ${bad.length} malformed line(s)`, bad.slice(0, 5));
  return out;
}

const order = (e: CassetteEntry) => [e.model, e.sampleId, String(e.epoch).padStart(6, '0'), e.draw ?? '', e.key].join('\u0000');

/** The cassette of one eval; replay: the file must exist. A malformed file is an InputError (exit 2). */
export function openCassette(dir: string, evalId: string, mode: 'record' | 'replay'): Cassette {
  const file = cassetteFile(dir, evalId);
  if (mode === 'replay' && !existsSync(file)) {
    throw new InputError('cassette.missing', `--replay ${dir}: no cassette for eval ${evalId}`, [`${file} does not exist; record it first with --record ${dir}`]);
  }
  const entries = load(file);
  const started = new Set<string>();
  return {
    file,
    get size() { return entries.size; },
    get: (key) => entries.get(key),
    put: (entry, attempt) => {
      const before = started.has(entry.key) ? entries.get(entry.key)?.attempts ?? [] : [];
      started.add(entry.key);
      entries.set(entry.key, { ...entry, attempts: [...before, attempt] });
    },
    save: () => {
      if (started.size === 0) return;
      makeDirSync(dir);
      const sorted = [...entries.values()].filter((e) => e.attempts.length > 0).sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, sorted.map((e) => `${JSON.stringify(e)}\n`).join(''));
      renameSync(tmp, file);
    },
  };
}
