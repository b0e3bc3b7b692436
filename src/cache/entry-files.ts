import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join, sep } from 'node:path';

// The on-disk layout of the response cache: one JSON file per entry, `<root>/<first two chars of the
// key>/<key>.json`, holding `{model, createdAt, value}`. A writer writes a temp file in the same folder
// and renames it over the entry, so a reader sees the old file or the new one, never half of one. Temp
// files start with a dot and end in `.tmp`, so nothing that looks for entries takes one for an entry.

/** What one entry file holds. */
export interface EntryFile {
  readonly model: string;
  readonly createdAt: number;
  readonly value: string;
}

/** Keys are sha256 hex; lowercase letters and digits are a safe file name everywhere, case-insensitive file systems included. */
const KEY = /^[0-9a-z]{1,128}$/;
/** The fan-out folders: the first two characters of a key (one for a one-character key). */
const FAN_OUT = /^[0-9a-z]{1,2}$/;
const ENTRY_SUFFIX = '.json';

export function checkKey(key: string): void {
  if (!KEY.test(key)) throw new RangeError(`cache key must be 1 to 128 lowercase letters or digits (a sha256 hex), got ${JSON.stringify(key)}`);
}

export const entryFolder = (root: string, key: string): string => join(root, key.slice(0, 2));
/** The entry's file: built by concatenation (not path.join, which normalises: a cost on every lookup); the same file. */
export const entryPath = (root: string, key: string): string => `${root.endsWith(sep) ? root : root + sep}${key.slice(0, 2)}${sep}${key}${ENTRY_SUFFIX}`;
export const tempPath = (root: string, key: string, tag: string): string => join(entryFolder(root, key), `.${key}.${tag}.tmp`);

export const encodeEntry = (e: EntryFile): string => JSON.stringify({ model: e.model, createdAt: e.createdAt, value: e.value });

/** The entry in `text`, or undefined when it is torn (a truncated write after a power loss), garbled or of another shape. */
export function decodeEntry(text: string): EntryFile | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Partial<Record<keyof EntryFile, unknown>>;
  if (typeof e.model !== 'string' || typeof e.value !== 'string') return undefined;
  if (typeof e.createdAt !== 'number' || !Number.isFinite(e.createdAt)) return undefined;
  return { model: e.model, createdAt: e.createdAt, value: e.value };
}

export const isErrno = (err: unknown, ...codes: readonly string[]): boolean =>
  err instanceof Error && codes.includes((err as NodeJS.ErrnoException).code ?? '');

/** A file's text, or undefined when it is not there (never written, or removed by another process). */
export function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
}

/** Unlink `path`; false when another process removed it first. */
export function removeIfPresent(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

export interface FileRef {
  readonly path: string;
  readonly kind: 'entry' | 'temp';
}

function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
}

/** Every entry file and temp file under `root`, folder by folder; anything else there is left alone. */
export function* walkStore(root: string): Generator<FileRef> {
  for (const folder of namesIn(root)) {
    if (!FAN_OUT.test(folder)) continue;
    const dir = join(root, folder);
    for (const name of namesIn(dir)) {
      if (name.startsWith('.')) {
        if (name.endsWith('.tmp')) yield { path: join(dir, name), kind: 'temp' };
      } else if (name.endsWith(ENTRY_SUFFIX)) {
        yield { path: join(dir, name), kind: 'entry' };
      }
    }
  }
}
