import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheError, openCacheStore, type CacheStore } from '../../../src/cache/store.js';
import { cacheFile, defaultCacheDir } from '../../../src/cache/paths.js';

const HOUR = 3_600_000;

let dir: string;
let file: string;
let opened: CacheStore[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haikubench-cache-'));
  file = join(dir, 'nested', 'deeper', 'responses-v2');
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

/** Opening `path` throws a CacheError naming the directory, the problem and the fix. */
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
  expect(message).toMatch(/fix: make that directory writable, or delete it .* or use another cache directory/);
  expect((caught as CacheError).exitCode).toBe(2);
}

describe('openCacheStore: get and put', () => {
  it('creates the parent directories and round-trips a value', () => {
    const s = open();
    expect(s.get('k', 0)).toBeUndefined();
    s.put('k', 'claude-haiku-5-5', '{"text":"héllo"}', 1_000);
    expect(s.get('k', 2_000)).toEqual({ value: '{"text":"héllo"}', createdAt: 1_000 });
  });

  it.each([
    ['with a trailing slash', (f: string) => `${f}/`],
    ['with dot segments', (f: string) => join(f, '..', 'responses-v2', '.', '') + '/./'],
    ['relative to the working directory', (f: string) => relative(process.cwd(), f)],
  ])('finds the same entries when its directory is named %s', (_label, name) => {
    open().put('ab12', 'm', '"v"', 1_000);
    const other = open(null, name(file));
    expect(other.get('ab12', 2_000)).toEqual({ value: '"v"', createdAt: 1_000 });
    other.put('cd34', 'm', '"w"', 1_000);
    expect(open().get('cd34', 2_000)).toEqual({ value: '"w"', createdAt: 1_000 });
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

  it('keeps expired entries until they are replaced (a later put makes the key fresh again)', () => {
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
  it('is empty for a new directory', () => {
    expect(open().stats()).toEqual({ entries: 0, bytes: 0, oldest: null, newest: null, byModel: [], path: file });
  });

  it('counts entries, UTF-8 bytes of values, the time range and entries per model', () => {
    const s = open(1); // stats ignore the TTL: expired entries are still on disk
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

/** The one entry file of `key` (keys here are short: the fan-out folder is the key's first two chars). */
const entryFile = (key: string): string => join(file, key.slice(0, 2), `${key}.json`);

describe('sharing one directory', () => {
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

  it('writes one file per entry, fanned out by the first two characters of the key, and no temp file', () => {
    const s = open();
    const key = 'ab'.padEnd(64, '0');
    s.put(key, 'm', 'v', 7);
    expect(readdirSync(file)).toEqual(['ab']);
    expect(readdirSync(join(file, 'ab'))).toEqual([`${key}.json`]);
    expect(JSON.parse(readFileSync(join(file, 'ab', `${key}.json`), 'utf8'))).toEqual({ model: 'm', createdAt: 7, value: 'v' });
  });

  it('rebuilds a fan-out folder removed under an open store', () => {
    const s = open();
    s.put('k1', 'm', 'v', 1);
    rmSync(join(file, 'k1'), { recursive: true });
    s.put('k1', 'm', 'again', 2);
    expect(s.get('k1', 3)).toEqual({ value: 'again', createdAt: 2 });
  });

  it.each(['', 'K', 'a/b', '../x', 'a.json', 'x'.repeat(129)])('refuses key %j (not a safe file name)', (key) => {
    const s = open();
    expect(() => s.put(key, 'm', 'v', 1)).toThrow(RangeError);
    expect(() => s.get(key, 1)).toThrow(RangeError);
  });
});

describe('damaged and stray files', () => {
  it.each([
    { name: 'truncated JSON (a torn write)', text: '{"model":"m","createdAt":5,"value":"hal' },
    { name: 'an empty file', text: '' },
    { name: 'JSON of another shape', text: '{"model":"m","createdAt":"5","value":"v"}' },
    { name: 'a JSON string', text: '"v"' },
    { name: 'binary junk', text: '\u0000\u0001\uFFFD' },
  ])('$name is a miss, is not counted, and the next put replaces it', ({ text }) => {
    const s = open();
    s.put('ok', 'm', 'fine', 1);
    mkdirSync(join(file, 'k1'), { recursive: true });
    writeFileSync(entryFile('k1'), text);
    expect(s.get('k1', 10)).toBeUndefined();
    expect(s.stats()).toMatchObject({ entries: 1, bytes: 4 });
    s.put('k1', 'm', 'new', 10);
    expect(s.get('k1', 11)).toEqual({ value: 'new', createdAt: 10 });
  });

  it('a torn entry and a stray temp file are ignored by stats; clear removes the torn one and a stale temp file', () => {
    const s = open();
    s.put('k1', 'm', 'v1', 1);
    s.put('k2', 'm', 'v2', 2);
    writeFileSync(entryFile('k2'), readFileSync(entryFile('k2'), 'utf8').slice(0, 20));
    const fresh = join(file, 'k1', '.k1.123-ab-0.tmp');
    const stale = join(file, 'k1', '.k1.123-ab-1.tmp');
    writeFileSync(fresh, '{"model":"m","created');
    writeFileSync(stale, '{"model":"m","created');
    const t = 1_800_000_000_000;
    utimesSync(fresh, new Date(t), new Date(t));
    utimesSync(stale, new Date(t - HOUR), new Date(t - HOUR));
    writeFileSync(join(file, 'README'), 'not ours');
    expect(s.stats()).toMatchObject({ entries: 1, bytes: 2, oldest: 1, newest: 1 });
    expect(s.clear({ model: 'nobody', now: t })).toBe(0);
    expect(readdirSync(join(file, 'k1')).sort()).toEqual(['.k1.123-ab-0.tmp', 'k1.json']);
    expect(readdirSync(join(file, 'k2'))).toEqual([]);
    expect(readFileSync(join(file, 'README'), 'utf8')).toBe('not ours');
    expect(s.get('k1', t)?.value).toBe('v1');
  });
});

describe('unusable directories give a CacheError naming the path and the fix', () => {
  it('a directory that cannot be created', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    expectUnusable(join(blocker, 'responses-v2'), /cannot create its directory/);
  });

  it('a path that is a file (say, an old cache file), which is left untouched', () => {
    const old = join(dir, 'responses.sqlite');
    writeFileSync(old, 'SQLite format 3\u0000');
    expectUnusable(old, /cannot create its directory|not a directory/);
    expect(readFileSync(old, 'utf8')).toBe('SQLite format 3\u0000');
  });

  it.skipIf(process.getuid?.() === 0)('a directory that is not writable', () => {
    mkdirSync(file, { recursive: true, mode: 0o500 });
    expectUnusable(file, /permission denied/);
  });

  it('an error during a run (here, an entry path taken by a folder) names the directory and the cause', () => {
    const s = open();
    mkdirSync(entryFile('k1'), { recursive: true });
    expect(() => s.get('k1', 1)).toThrow(CacheError);
    expect(() => s.get('k1', 1)).toThrow(new RegExp(`response cache ${file}: .*EISDIR`));
    expect(() => s.put('k1', 'm', 'v', 1)).toThrow(CacheError);
    expect(readdirSync(join(file, 'k1'))).toEqual(['k1.json']); // the temp file of the failed put is gone
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

  it('names the store directory (the old responses.sqlite beside it is not read)', () => {
    expect(cacheFile('/c/hb')).toBe('/c/hb/responses-v2');
  });
});
