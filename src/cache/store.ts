import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { HarnessError } from '../errors.js';

export interface CachedEntry {
  /** JSON text of what the provider returned (a Completion without `limits`); opaque to the store. */
  readonly value: string;
  /** Epoch ms when stored. */
  readonly createdAt: number;
}

export interface CacheStats {
  /** Every row, expired or not (stats does not know the clock). */
  readonly entries: number;
  /** Sum of the UTF-8 size of the stored values (not the file size). */
  readonly bytes: number;
  readonly oldest: number | null;
  readonly newest: number | null;
  /** Most entries first, then by model name. */
  readonly byModel: readonly { readonly model: string; readonly entries: number }[];
  readonly path: string;
}

export interface CacheStore {
  /** Undefined when absent or when `now - createdAt >= ttlMs`. Expired rows stay until `put` replaces them or `clear` removes them. */
  get(key: string, now: number): CachedEntry | undefined;
  put(key: string, model: string, value: string, now: number): void;
  stats(): CacheStats;
  /**
   * Delete everything, or only entries with `now - createdAt >= olderThanMs` (exactly the ones a store
   * with that TTL treats as expired), or of one model; both filters combine with AND. Returns rows deleted.
   */
  clear(opts: { readonly olderThanMs?: number; readonly model?: string; readonly now: number }): number;
  close(): void;
}

/** The cache file can't be used. Nothing has been sent to a model yet when opening fails, hence exit 2. */
export class CacheError extends HarnessError {
  readonly path: string;
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super('cache.unusable', `response cache ${path}: ${problem}\n  ${FIX}`, 2, options);
    this.path = path;
  }
}

const FIX = 'fix: delete that file (it only holds cached responses and is rebuilt), or use another cache directory (HAIKUBENCH_CACHE_DIR)';

/** PRAGMA user_version of the files this code writes. 0 means a new, empty file. */
export const CACHE_SCHEMA_VERSION = 1;
const BUSY_TIMEOUT_MS = 5_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY NOT NULL,
    model TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS responses_created_at ON responses (created_at);
  PRAGMA user_version = ${CACHE_SCHEMA_VERSION};
`;

interface Row { readonly value: string; readonly created_at: number }
interface Totals { readonly entries: number; readonly bytes: number; readonly oldest: number | null; readonly newest: number | null }
interface ModelCount { readonly model: string; readonly entries: number }
interface ClearParams { readonly cutoff: number | null; readonly model: string | null }

/** Open (creating the file and its directories if needed) the SQLite response cache at `path`. */
export function openCacheStore(path: string, opts: { readonly ttlMs: number | null }): CacheStore {
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, path);
    return createStore(db, path, opts.ttlMs);
  } catch (err) {
    db?.close();
    throw asCacheError(path, err);
  }
}

function migrate(db: Database.Database, path: string): void {
  if (userVersion(db) === CACHE_SCHEMA_VERSION) return;
  // Re-check under the write lock: another process may be creating the same file right now.
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = userVersion(db);
    if (version === 0) createSchema(db, path);
    else if (version !== CACHE_SCHEMA_VERSION) throw unknownVersion(path, version);
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

function createSchema(db: Database.Database, path: string): void {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
  if (tables.length > 0) {
    const names = tables.map((t) => t.name).join(', ');
    throw new CacheError(path, `this is a SQLite database but not a haikubench response cache (it has tables ${names}; user_version 0)`);
  }
  db.exec(SCHEMA);
}

function unknownVersion(path: string, version: number): CacheError {
  const why = version > CACHE_SCHEMA_VERSION ? 'written by a newer haikubench' : 'not one this haikubench knows';
  return new CacheError(path, `schema version ${version} is ${why} (this one reads version ${CACHE_SCHEMA_VERSION})`);
}

function userVersion(db: Database.Database): number {
  const v = db.pragma('user_version', { simple: true });
  if (typeof v !== 'number') throw new TypeError(`PRAGMA user_version returned ${String(v)}`);
  return v;
}

function createStore(db: Database.Database, path: string, ttlMs: number | null): CacheStore {
  const select = db.prepare<[string], Row>('SELECT value, created_at FROM responses WHERE key = ?');
  const insert = db.prepare<[string, string, string, number, number]>(
    'INSERT OR REPLACE INTO responses (key, model, value, created_at, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  const totals = db.prepare<[], Totals>(
    'SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes, min(created_at) AS oldest, max(created_at) AS newest FROM responses',
  );
  const perModel = db.prepare<[], ModelCount>(
    'SELECT model, count(*) AS entries FROM responses GROUP BY model ORDER BY entries DESC, model',
  );
  const remove = db.prepare<ClearParams>(
    'DELETE FROM responses WHERE (@cutoff IS NULL OR created_at <= @cutoff) AND (@model IS NULL OR model = @model)',
  );
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw asCacheError(path, err);
    }
  };

  return {
    get: (key, now) => guard(() => {
      const row = select.get(key);
      if (row === undefined) return undefined;
      if (ttlMs !== null && now - row.created_at >= ttlMs) return undefined;
      return { value: row.value, createdAt: row.created_at };
    }),
    put: (key, model, value, now) => guard(() => {
      insert.run(key, model, value, now, Buffer.byteLength(value, 'utf8'));
    }),
    stats: () => guard(() => ({ ...totals.get()!, byModel: perModel.all(), path })),
    clear: ({ olderThanMs, model, now }) => {
      if (olderThanMs !== undefined && !(olderThanMs >= 0)) throw new RangeError(`olderThanMs must be >= 0, got ${olderThanMs}`);
      const cutoff = olderThanMs === undefined ? null : now - olderThanMs;
      return guard(() => remove.run({ cutoff, model: model ?? null }).changes);
    },
    close: () => {
      db.close();
    },
  };
}

/** SQLite's own errors become a CacheError naming the file and the fix; anything else passes through. */
function asCacheError(path: string, err: unknown): unknown {
  if (err instanceof CacheError || !(err instanceof Error)) return err;
  if (err instanceof Database.SqliteError) return new CacheError(path, describe(err), { cause: err });
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== undefined && code.startsWith('E')) return new CacheError(path, `cannot create its directory: ${err.message}`, { cause: err });
  return err;
}

type SqliteError = InstanceType<typeof Database.SqliteError>;

function describe(err: SqliteError): string {
  const code = err.code;
  if (code === 'SQLITE_NOTADB') return 'this file is not a SQLite database (or it is encrypted or badly damaged)';
  if (code.startsWith('SQLITE_CORRUPT')) return `the database is corrupted (${err.message})`;
  if (code.startsWith('SQLITE_BUSY')) return `another process held the database locked for more than ${BUSY_TIMEOUT_MS / 1000} s`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `cannot open the file (${err.message}); check that it is readable and writable`;
  if (code.startsWith('SQLITE_READONLY')) return `the file is read-only (${err.message})`;
  if (code === 'SQLITE_FULL') return 'the disk is full';
  return `SQLite error ${code}: ${err.message}`;
}
