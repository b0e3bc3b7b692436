import { randomBytes } from 'node:crypto';
import { accessSync, constants, renameSync, statSync, writeFileSync } from 'node:fs';
import { HarnessError } from '../errors.js';
import { makeDirSync } from '../util/make-dir.js';
import {
  checkKey, decodeEntry, encodeEntry, entryFolder, entryPath, isErrno, readIfPresent, removeIfPresent, tempPath, walkStore,
  type EntryFile,
} from './entry-files.js';

export interface CachedEntry {
  /** JSON text of what the provider returned (a Completion without `limits`); opaque to the store. */
  readonly value: string;
  /** Epoch ms when stored. */
  readonly createdAt: number;
}

export interface CacheStats {
  /** Every entry, expired or not (stats does not know the clock); an unreadable (torn) entry file is not one. */
  readonly entries: number;
  /** Sum of the UTF-8 size of the stored values (not the size on disk). */
  readonly bytes: number;
  readonly oldest: number | null;
  readonly newest: number | null;
  /** Most entries first, then by model name. */
  readonly byModel: readonly { readonly model: string; readonly entries: number }[];
  readonly path: string;
}

export interface CacheStore {
  /**
   * Undefined when absent, unreadable (a torn or garbled file: the next put replaces it) or when
   * `now - createdAt >= ttlMs`. Expired entries stay until `put` replaces them or `clear` removes them.
   */
  get(key: string, now: number): CachedEntry | undefined;
  /** Store or replace; when processes write one key at once, the last one wins. */
  put(key: string, model: string, value: string, now: number): void;
  stats(): CacheStats;
  /**
   * Delete everything, or only entries with `now - createdAt >= olderThanMs` (exactly the ones a store
   * with that TTL treats as expired), or of one model; both filters combine with AND. Returns entries
   * deleted. Unreadable entry files and temp files left by a killed writer (an hour old) go too, uncounted.
   */
  clear(opts: { readonly olderThanMs?: number; readonly model?: string; readonly now: number }): number;
  close(): void;
}

/** The cache directory can't be used. Nothing has been sent to a model yet when opening fails, hence exit 2. */
export class CacheError extends HarnessError {
  readonly path: string;
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super('cache.unusable', `response cache ${path}: ${problem}\n  ${FIX}`, 2, options);
    this.path = path;
  }
}

const FIX = 'fix: make that directory writable, or delete it (it only holds cached responses and is rebuilt), or use another cache directory (HAIKUBENCH_CACHE_DIR or --cache-dir)';

/** A temp file this old belongs to a writer that died before its rename; younger ones may be in flight. */
const STALE_TEMP_MS = 3_600_000;

/**
 * Open (creating it and its parents if needed) the response cache directory `path`: one file per
 * entry, written to a temp file and renamed into place, so a killed process never leaves a
 * half-written entry, and processes can share the directory without locks.
 */
export function openCacheStore(path: string, opts: { readonly ttlMs: number | null }): CacheStore {
  try {
    makeDirSync(path);
  } catch (err) {
    throw new CacheError(path, `cannot create its directory: ${messageOf(err)}`, { cause: err });
  }
  try {
    if (!statSync(path).isDirectory()) throw new CacheError(path, 'this is not a directory');
    accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (err) {
    throw asCacheError(path, err);
  }
  return createStore(path, opts.ttlMs);
}

function createStore(root: string, ttlMs: number | null): CacheStore {
  let closed = false;
  const guard = <T>(fn: () => T): T => {
    if (closed) throw new Error(`response cache ${root} is closed`);
    try {
      return fn();
    } catch (err) {
      throw asCacheError(root, err);
    }
  };
  const write = writer(root);
  return {
    get: (key, now) => {
      checkKey(key);
      const entry = guard(() => readEntry(entryPath(root, key)));
      if (entry === undefined) return undefined;
      if (ttlMs !== null && now - entry.createdAt >= ttlMs) return undefined;
      return { value: entry.value, createdAt: entry.createdAt };
    },
    put: (key, model, value, now) => {
      checkKey(key);
      guard(() => write(key, encodeEntry({ model, createdAt: now, value })));
    },
    stats: () => guard(() => stats(root)),
    clear: ({ olderThanMs, model, now }) => {
      if (olderThanMs !== undefined && !(olderThanMs >= 0)) throw new RangeError(`olderThanMs must be >= 0, got ${olderThanMs}`);
      const cutoff = olderThanMs === undefined ? null : now - olderThanMs;
      const matches = (e: EntryFile): boolean => (cutoff === null || e.createdAt <= cutoff) && (model === undefined || e.model === model);
      return guard(() => clear(root, matches, now));
    },
    close: () => {
      closed = true;
    },
  };
}

function readEntry(path: string): EntryFile | undefined {
  const text = readIfPresent(path);
  return text === undefined ? undefined : decodeEntry(text);
}

/** put's file work: the temp file's name is unique to this store (pid, a random tag, a counter). */
function writer(root: string): (key: string, text: string) => void {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}-`;
  const made = new Set<string>();
  let n = 0;
  return (key, text) => {
    const folder = entryFolder(root, key);
    const temp = tempPath(root, key, `${tag}${n++}`);
    if (!made.has(folder)) {
      makeDirSync(folder);
      made.add(folder);
    }
    try {
      writeFileSync(temp, text, { flag: 'wx' });
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
      makeDirSync(folder); // the folder was removed under us (rm -rf of the cache)
      writeFileSync(temp, text, { flag: 'wx' });
    }
    try {
      renameSync(temp, entryPath(root, key));
    } catch (err) {
      removeIfPresent(temp);
      throw err;
    }
  };
}

function stats(root: string): CacheStats {
  let entries = 0;
  let bytes = 0;
  let oldest: number | null = null;
  let newest: number | null = null;
  const perModel = new Map<string, number>();
  for (const file of walkStore(root)) {
    if (file.kind !== 'entry') continue;
    const e = readEntry(file.path);
    if (e === undefined) continue;
    entries++;
    bytes += Buffer.byteLength(e.value, 'utf8');
    if (oldest === null || e.createdAt < oldest) oldest = e.createdAt;
    if (newest === null || e.createdAt > newest) newest = e.createdAt;
    perModel.set(e.model, (perModel.get(e.model) ?? 0) + 1);
  }
  const byModel = [...perModel].map(([model, n]) => ({ model, entries: n }))
    .sort((a, b) => b.entries - a.entries || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return { entries, bytes, oldest, newest, byModel, path: root };
}

/**
 * A writer may replace an entry between our read and our unlink; the new entry then goes too (a later
 * miss, never a wrong answer).
 */
function clear(root: string, matches: (e: EntryFile) => boolean, now: number): number {
  let deleted = 0;
  for (const file of walkStore(root)) {
    if (file.kind === 'temp') {
      if (now - mtimeOf(file.path) >= STALE_TEMP_MS) removeIfPresent(file.path);
      continue;
    }
    const text = readIfPresent(file.path);
    if (text === undefined) continue;
    const e = decodeEntry(text);
    if (e === undefined) removeIfPresent(file.path);
    else if (matches(e) && removeIfPresent(file.path)) deleted++;
  }
  return deleted;
}

const mtimeOf = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return Number.POSITIVE_INFINITY; // renamed or removed meanwhile: leave it
    throw err;
  }
};

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** File-system errors become a CacheError naming the directory, what went wrong and the fix; anything else passes through. */
function asCacheError(path: string, err: unknown): unknown {
  if (err instanceof CacheError || !(err instanceof Error)) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === undefined || !code.startsWith('E')) return err;
  return new CacheError(path, describe(code, err.message), { cause: err });
}

function describe(code: string, message: string): string {
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${message})`;
  if (code === 'EROFS') return `the file system is read-only (${message})`;
  if (code === 'ENOSPC') return `the disk is full (${message})`;
  if (code === 'EDQUOT') return `the disk quota is exhausted (${message})`;
  if (code === 'ENOTDIR' || code === 'EISDIR') return `the directory holds something that is not an entry (${message})`;
  return `file system error ${code}: ${message}`;
}
