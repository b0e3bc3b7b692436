import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_SCHEMA_VERSION, CacheError, openCacheStore, type CacheStore } from '../../../src/cache/store.js';
import { cacheFile, defaultCacheDir } from '../../../src/cache/paths.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const HOUR = 3_600_000;

let dir: string;
let file: string;
let opened: CacheStore[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haikubench-cache-'));
  file = join(dir, 'nested', 'deeper', 'responses.sqlite');
  opened = [];
});

afterEach(() => {
  for (const s of opened) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(ttlMs: number | null = null, path = file): CacheStore {
  const store = openCacheStore(path, { ttlMs });
  opened.push(store);
  return store;
}

/** Opening `path` throws a CacheError naming the file, the problem and the fix. */
function expectUnusable(path: string, problem: RegExp): void {
  let caught: unknown;
  try {
    open(null, path);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(CacheError);
  const message = (caught as CacheError).message;
  expect(message).toContain(path);
  expect(message).toMatch(problem);
  expect(message).toMatch(/delete that file .* or use another cache directory/);
  expect((caught as CacheError).exitCode).toBe(2);
}

describe('openCacheStore: get and put', () => {
  it('creates the parent directories and round-trips a value', () => {
    const s = open();
    expect(s.get('k', 0)).toBeUndefined();
    s.put('k', 'claude-haiku-5-5', '{"text":"héllo"}', 1_000);
    expect(s.get('k', 2_000)).toEqual({ value: '{"text":"héllo"}', createdAt: 1_000 });
  });

  it('replaces the value, model and time of an existing key', () => {
    const s = open();
    s.put('k', 'a', 'first', 1);
    s.put('k', 'b', 'second', 2);
    expect(s.get('k', 3)).toEqual({ value: 'second', createdAt: 2 });
    expect(s.stats()).toMatchObject({ entries: 1, byModel: [{ model: 'b', entries: 1 }] });
  });

  it.each([
    { ttl: HOUR, age: 0, fresh: true },
    { ttl: HOUR, age: HOUR - 1, fresh: true },
    { ttl: HOUR, age: HOUR, fresh: false },
    { ttl: HOUR, age: HOUR + 1, fresh: false },
    { ttl: HOUR, age: -5_000, fresh: true }, // written by a shard whose clock runs ahead
    { ttl: 0, age: 0, fresh: false },
    { ttl: null, age: 0, fresh: true },
    { ttl: null, age: 100 * 365 * 24 * HOUR, fresh: true },
  ])('ttl $ttl ms, age $age ms: fresh=$fresh', ({ ttl, age, fresh }) => {
    const s = open(ttl);
    const createdAt = 1_700_000_000_000;
    s.put('k', 'm', 'v', createdAt);
    expect(s.get('k', createdAt + age)).toEqual(fresh ? { value: 'v', createdAt } : undefined);
  });

  it('keeps expired rows until they are replaced (a later put makes the key fresh again)', () => {
    const s = open(1_000);
    s.put('k', 'm', 'old', 0);
    expect(s.get('k', 5_000)).toBeUndefined();
    expect(s.stats().entries).toBe(1);
    s.put('k', 'm', 'new', 5_000);
    expect(s.get('k', 5_500)).toEqual({ value: 'new', createdAt: 5_000 });
  });
});

describe('clear', () => {
  // a, b: model x; c: model y; d: model x. Created at 0, 1000, 2000, 3000; now = 4000.
  const seed = (s: CacheStore): void => {
    s.put('a', 'x', 'va', 0);
    s.put('b', 'x', 'vb', 1_000);
    s.put('c', 'y', 'vc', 2_000);
    s.put('d', 'x', 'vd', 3_000);
  };

  it.each([
    { opts: {}, deleted: 4, left: [] },
    { opts: { olderThanMs: 2_000 }, deleted: 3, left: ['d'] }, // age >= 2000: a, b, c (c is exactly 2000 old)
    { opts: { olderThanMs: 2_001 }, deleted: 2, left: ['c', 'd'] },
    { opts: { olderThanMs: 10_000 }, deleted: 0, left: ['a', 'b', 'c', 'd'] },
    { opts: { olderThanMs: 0 }, deleted: 4, left: [] },
    { opts: { model: 'x' }, deleted: 3, left: ['c'] },
    { opts: { model: 'y' }, deleted: 1, left: ['a', 'b', 'd'] },
    { opts: { model: 'nobody' }, deleted: 0, left: ['a', 'b', 'c', 'd'] },
    { opts: { model: 'x', olderThanMs: 2_500 }, deleted: 2, left: ['c', 'd'] },
  ])('clear($opts) deletes $deleted', ({ opts, deleted, left }) => {
    const s = open();
    seed(s);
    expect(s.clear({ ...opts, now: 4_000 })).toBe(deleted);
    expect(['a', 'b', 'c', 'd'].filter((k) => s.get(k, 4_000) !== undefined)).toEqual(left);
    expect(s.stats().entries).toBe(left.length);
  });

  it.each([-1, Number.NaN])('rejects olderThanMs %s', (olderThanMs) => {
    expect(() => open().clear({ olderThanMs, now: 0 })).toThrow(RangeError);
  });
});

describe('stats', () => {
  it('is empty for a new file', () => {
    expect(open().stats()).toEqual({ entries: 0, bytes: 0, oldest: null, newest: null, byModel: [], path: file });
  });

  it('counts entries, UTF-8 bytes of values, the time range and entries per model', () => {
    const s = open(1); // stats ignore the TTL: expired rows are still on disk
    s.put('k1', 'haiku', 'abc', 500);
    s.put('k2', 'sonnet', 'é', 100); // 2 bytes in UTF-8
    s.put('k3', 'haiku', '{}', 900);
    s.put('k4', 'opus', 'xyzw', 300);
    s.put('k5', 'sonnet', '', 700);
    expect(s.stats()).toEqual({
      entries: 5,
      bytes: 3 + 2 + 2 + 4 + 0,
      oldest: 100,
      newest: 900,
      byModel: [
        { model: 'haiku', entries: 2 },
        { model: 'sonnet', entries: 2 },
        { model: 'opus', entries: 1 },
      ],
      path: file,
    });
  });
});

describe('sharing one file', () => {
  it('persists across close and reopen', () => {
    const first = openCacheStore(file, { ttlMs: null });
    first.put('k', 'm', 'kept', 42);
    first.close();
    expect(open().get('k', 43)).toEqual({ value: 'kept', createdAt: 42 });
  });

  it('lets two stores open at once write and see each other', () => {
    const a = open(HOUR);
    const b = open(HOUR);
    for (let i = 0; i < 50; i++) {
      a.put(`a${i}`, 'ma', `va${i}`, i);
      b.put(`b${i}`, 'mb', `vb${i}`, i);
    }
    expect(a.get('b49', 100)?.value).toBe('vb49');
    expect(b.get('a49', 100)?.value).toBe('va49');
    expect(a.clear({ model: 'mb', now: 100 })).toBe(50);
    expect(b.stats()).toMatchObject({ entries: 50, byModel: [{ model: 'ma', entries: 50 }] });
  });

  it('takes concurrent writes from several processes (WAL + busy timeout)', async () => {
    const script = `
      import { openCacheStore } from './src/cache/store.ts';
      const s = openCacheStore(process.env.CACHE_FILE, { ttlMs: null });
      for (let i = 0; i < 300; i++) s.put(process.env.TAG + i, process.env.TAG, 'x'.repeat(200), i);
      s.close();`;
    const child = (tag: string): Promise<string> => new Promise((done, fail) => {
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT, env: { ...process.env, CACHE_FILE: file, TAG: tag }, timeout: 15_000,
      }, (err, _out, stderr) => (err === null ? done(stderr) : fail(new Error(`${err.message}\n${stderr}`))));
    });
    open(); // the file exists and is in WAL mode before the children race
    await Promise.all(['p', 'q', 'r'].map(child));
    expect(open().stats()).toMatchObject({
      entries: 900,
      byModel: [{ model: 'p', entries: 300 }, { model: 'q', entries: 300 }, { model: 'r', entries: 300 }],
    });
  });
});

describe('unusable files give a CacheError naming the file and the fix', () => {
  const rawDb = (path: string, sql: string): void => {
    const db = new Database(path);
    db.exec(sql);
    db.close();
  };

  it('schema version written by a newer haikubench', () => {
    open().put('k', 'm', 'v', 1);
    opened.pop()?.close();
    rawDb(file, `PRAGMA user_version = ${CACHE_SCHEMA_VERSION + 1}`);
    expectUnusable(file, new RegExp(`schema version ${CACHE_SCHEMA_VERSION + 1} is written by a newer haikubench`));
  });

  it('a SQLite database that is not a response cache', () => {
    const other = join(dir, 'other.sqlite');
    rawDb(other, 'CREATE TABLE notes (id INTEGER)');
    expectUnusable(other, /not a haikubench response cache \(it has tables notes/);
  });

  it('a file that is not SQLite, which is left untouched', () => {
    const text = join(dir, 'notes.txt');
    const content = 'just some text, certainly not a database\n'.repeat(50);
    writeFileSync(text, content);
    expectUnusable(text, /not a SQLite database/);
    expect(readFileSync(text, 'utf8')).toBe(content);
  });

  it('a corrupted database', () => {
    const s = openCacheStore(file, { ttlMs: null });
    for (let i = 0; i < 200; i++) s.put(`k${i}`, 'm', 'v'.repeat(500), i);
    s.close();
    const bytes = readFileSync(file);
    bytes.fill(0x41, 100, 4096); // scribble over the schema page, keeping the SQLite header
    writeFileSync(file, bytes);
    expectUnusable(file, /the database is corrupted/);
  });

  it('a directory that cannot be created', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    expectUnusable(join(blocker, 'responses.sqlite'), /cannot create its directory/);
  });
});

describe('cache paths', () => {
  it.each([
    { env: { HAIKUBENCH_CACHE_DIR: '/x/hb', XDG_CACHE_HOME: '/xdg' }, want: '/x/hb' },
    { env: { HAIKUBENCH_CACHE_DIR: 'rel/hb' }, want: 'rel/hb' },
    { env: { HAIKUBENCH_CACHE_DIR: '', XDG_CACHE_HOME: '/xdg' }, want: '/xdg/haikubench' },
    { env: { XDG_CACHE_HOME: '/xdg' }, want: '/xdg/haikubench' },
    { env: { XDG_CACHE_HOME: '' }, want: '/home/u/.cache/haikubench' },
    { env: { XDG_CACHE_HOME: 'relative' }, want: '/home/u/.cache/haikubench' }, // XDG: relative paths are invalid
    { env: {}, want: '/home/u/.cache/haikubench' },
  ])('defaultCacheDir($env) = $want', ({ env, want }) => {
    expect(defaultCacheDir(env, '/home/u')).toBe(want);
  });

  it('names the database file', () => {
    expect(cacheFile('/c/hb')).toBe('/c/hb/responses.sqlite');
  });
});
