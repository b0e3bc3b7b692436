import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockRunDir, type LockFs } from '../../../src/run-log/lock.js';
import { openRunLog } from '../../../src/run-log/writer.js';
import { InputError, RunError } from '../../../src/errors.js';
import type { RunRecord } from '../../../src/types.js';

// A run directory on a full or read-only disk: exit 2 naming the path and the fix before any call;
// a disk that fills mid-run: exit 3 naming the file and the resume command, records kept.

const fail = (code: string, syscall: string) => (): never => {
  throw Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall });
};

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
};

describe('lockRunDir on a disk it cannot write', () => {
  const cases: readonly { name: string; fs: Partial<LockFs>; says: string }[] = [
    { name: 'read-only (mkdir EROFS)', fs: { mkdirSync: fail('EROFS', 'mkdir') }, says: 'EROFS: read-only file system; choose another --out' },
    { name: 'no such place (mkdir ENOENT)', fs: { mkdirSync: fail('ENOENT', 'mkdir') }, says: 'ENOENT: a directory cannot be created there; choose another --out' },
    { name: 'permission denied (EACCES)', fs: { writeFileSync: fail('EACCES', 'open') }, says: 'EACCES: permission denied; choose another --out' },
    { name: 'full disk (ENOSPC writing the pid)', fs: { writeFileSync: fail('ENOSPC', 'write') }, says: 'ENOSPC: no space left on the device; free some space, or choose another --out' },
  ];
  it.each(cases)('$name: InputError naming run.lock and the fix, no run.lock left', ({ fs: broken, says }) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hb-lock-')), 'run');
    const err = thrown(() => lockRunDir(dir, { ...fs, ...broken }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).message).toContain(`${dir}: cannot write the run directory`);
    expect((err as InputError).message).toContain(`${join(dir, 'run.lock')}: ${says}`);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('a full disk while writing the pid leaves no empty run.lock (the real writeFileSync creates the file first)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-lock-'));
    const writeFileSync: LockFs['writeFileSync'] = (file, _data, options) => {
      fs.writeFileSync(file, '', options);
      fail('ENOSPC', 'write')();
    };
    expect(thrown(() => lockRunDir(dir, { ...fs, writeFileSync }))).toBeInstanceOf(InputError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a lock taken on a healthy disk holds the pid and is removed by the unlock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-lock-'));
    const unlock = lockRunDir(dir);
    expect(readdirSync(dir)).toEqual(['run.lock']);
    expect(readFileSync(join(dir, 'run.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    expect(readdirSync(dir)).toEqual([]);
  });
});

const record = (i: number) => ({ runId: 'r', itemIndex: i }) as unknown as RunRecord;

describe('a run log on a disk that fills mid-run', () => {
  it('append: RunError naming records.jsonl and the resume command; earlier records kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-log-'));
    let room = 2;
    const log = openRunLog(dir, {
      writeSync: (fd, text) => (room-- > 0 ? fs.writeSync(fd, text) : fail('ENOSPC', 'write')()),
      writeFile: (file, text) => fs.promises.writeFile(file, text),
    });
    log.append(record(0));
    log.append(record(1));
    const err = thrown(() => log.append(record(2)));
    log.close();
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).exitCode).toBe(3);
    expect((err as RunError).message).toBe(`${join(dir, 'records.jsonl')}: cannot write (ENOSPC: no space left on the device). The records written so far are kept. Free some space, then continue the run with: haikubench run --resume ${dir}`);
    expect(readFileSync(join(dir, 'records.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('summary.json: RunError naming it and the resume command; no temporary file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-log-'));
    const log = openRunLog(dir, { writeSync: (fd, text) => fs.writeSync(fd, text), writeFile: async (file) => { fs.writeFileSync(file, '{'); fail('ENOSPC', 'write')(); } });
    log.append(record(0));
    const err = await log.writeSummary({ ok: true }).then(() => undefined, (e: unknown) => e);
    log.close();
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).message).toContain(`${join(dir, 'summary.json')}: cannot write (ENOSPC: no space left on the device). The records written so far are kept. Free some space, then continue the run with: haikubench run --resume ${dir}`);
    expect(readdirSync(dir)).toEqual(['records.jsonl']);
  });
});
