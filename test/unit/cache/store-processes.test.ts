import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheStore } from '../../../src/cache/store.js';

// Several processes on one cache directory: CI shards on one runner, and a run killed mid-write.

const ROOT = resolve(import.meta.dirname, '../../..');
/** Generous: the children start through tsx on a shared machine. Not a deadline the code has to meet. */
const SLOW = 120_000;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haikubench-cache-procs-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const nodeArgs = (script: string): string[] => ['--import', 'tsx', '--input-type=module', '-e', script];

/** Writes `COUNT` entries `<TAG><i>` of model TAG, and `shared<i>` with a value naming TAG. */
const WRITER = `
  import { openCacheStore } from './src/cache/store.ts';
  const { CACHE_DIR, TAG, COUNT } = process.env;
  const s = openCacheStore(CACHE_DIR, { ttlMs: null });
  for (let i = 0; i < Number(COUNT); i++) {
    s.put(TAG + i, TAG, TAG + ':' + 'x'.repeat(200 + i), i);
    s.put('shared' + (i % 20), 'shared', TAG + ':' + i, i);
  }
  s.close();`;

function runWriter(tag: string, count: number): Promise<void> {
  return new Promise((done, fail) => {
    execFile(process.execPath, nodeArgs(WRITER), {
      cwd: ROOT, env: { ...process.env, CACHE_DIR: dir, TAG: tag, COUNT: String(count) }, timeout: SLOW,
    }, (err, _out, stderr) => (err === null ? done() : fail(new Error(`${err.message}\n${stderr}`))));
  });
}

/** Overwrites keys w0..w9 with ~1 MB values forever; says "ready" on stdout after its first 30 puts. */
const ENDLESS = `
  import { openCacheStore } from './src/cache/store.ts';
  const s = openCacheStore(process.env.CACHE_DIR, { ttlMs: null });
  for (let i = 0; ; i++) {
    s.put('w' + (i % 10), 'm', i + ':' + 'x'.repeat(1_000_000 + i), i);
    if (i === 30) process.stdout.write('ready\\n');
  }`;

function killMidRun(): Promise<NodeJS.Signals | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, nodeArgs(ENDLESS), { cwd: ROOT, env: { ...process.env, CACHE_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.stdout.on('data', (b: Buffer) => { if (b.toString().includes('ready')) child.kill('SIGKILL'); });
    child.on('error', fail);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done(signal) : fail(new Error(`writer exited ${code}\n${stderr}`))));
  });
}

describe('processes sharing one cache directory', () => {
  it('two processes writing 500 entries each at once: all 1000 are readable; a key both wrote holds one whole value', async () => {
    await Promise.all([runWriter('p', 500), runWriter('q', 500)]);
    const s = openCacheStore(dir, { ttlMs: null });
    for (const tag of ['p', 'q']) {
      for (let i = 0; i < 500; i++) expect(s.get(`${tag}${i}`, 1_000)?.value).toBe(`${tag}:${'x'.repeat(200 + i)}`);
    }
    for (let i = 0; i < 20; i++) expect(s.get(`shared${i}`, 1_000)?.value).toMatch(/^[pq]:\d+$/);
    expect(s.stats()).toMatchObject({
      entries: 1020,
      byModel: [{ model: 'p', entries: 500 }, { model: 'q', entries: 500 }, { model: 'shared', entries: 20 }],
    });
    s.close();
  }, SLOW);

  it('a writer killed (SIGKILL) mid-run leaves no entry that reads as valid but is not a whole value', async () => {
    expect(await killMidRun()).toBe('SIGKILL');
    const s = openCacheStore(dir, { ttlMs: null });
    let found = 0;
    for (let k = 0; k < 10; k++) {
      const e = s.get(`w${k}`, 0);
      if (e === undefined) continue;
      found++;
      const [i, pad] = e.value.split(':');
      expect(pad).toBe('x'.repeat(1_000_000 + Number(i)));
      expect(e.createdAt).toBe(Number(i));
      expect(Number(i) % 10).toBe(k);
    }
    expect(found).toBe(10); // "ready" came after 30 puts over 10 keys
    expect(s.stats().entries).toBe(10); // any temp file the kill left is not an entry
    s.close();
  }, SLOW);
});
