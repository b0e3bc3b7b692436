import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { outDirError } from './disk.js';
import { LOCK_FILE } from './files.js';
import { makeDirSync } from '../util/make-dir.js';

/** The file-system calls the lock makes (a test injects a failing one: a full or read-only disk). */
export type LockFs = Pick<typeof nodeFs, 'mkdirSync' | 'writeFileSync' | 'readFileSync' | 'rmSync' | 'linkSync'>;

/**
 * One process per run directory: a second run or resume of the same directory would repeat paid calls
 * and interleave records. A lock left by a process that died is taken over. Returns the unlock.
 *
 * The lock is written whole under a name of this process's own, then linked into place: run.lock
 * never exists half-written (a full disk leaves no empty run.lock behind).
 */
export function lockRunDir(dir: string, fs: LockFs = nodeFs): () => void {
  const file = join(dir, LOCK_FILE);
  const mine = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    makeDirSync(dir, (d) => fs.mkdirSync(d));
    fs.writeFileSync(mine, String(process.pid), { flag: 'wx' });
  } catch (err) {
    removeQuietly(fs, mine);
    throw outDirError(dir, file, err);
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (link(fs, mine, file)) return () => fs.rmSync(file, { force: true });
      const pid = pidIn(fs, file);
      if (live(pid)) throw lockedBy(dir, pid);
      if (takeOver(fs, dir, mine)) return () => fs.rmSync(file, { force: true });
    }
  } catch (err) {
    throw err instanceof InputError ? err : outDirError(dir, file, err);
  } finally {
    removeQuietly(fs, mine);
  }
  throw new InputError('run.locked', `${dir}: cannot take the run lock (${file})`, []);
}

/** The pid of a live process holding the directory's run.lock, if any (a stale lock holds nothing). */
export function lockHolder(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(nodeFs.readFileSync(join(dir, LOCK_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

/**
 * Replace a stale lock. Only the process holding run.lock.takeover (linked into place, so it is never
 * seen empty) may remove the stale lock, and it reads the lock again first: of processes racing on one
 * stale lock exactly one wins, the others see a live lock. False: look again (the lock changed).
 */
function takeOver(fs: LockFs, dir: string, mine: string): boolean {
  const file = join(dir, LOCK_FILE);
  const guard = `${file}.takeover`;
  if (!link(fs, mine, guard)) {
    const holder = pidIn(fs, guard);
    if (live(holder)) throw lockedBy(dir, holder);
    if (holder === 0) return false; // released meanwhile
    throw new InputError('run.locked', `${guard}: left by a process (pid ${holder}) that died while taking over the run lock`, [`Make sure no haikubench process uses ${dir}, remove ${guard}, then run again.`]);
  }
  try {
    const pid = pidIn(fs, file);
    if (live(pid)) throw lockedBy(dir, pid);
    fs.rmSync(file, { force: true });
    return link(fs, mine, file);
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/** The pid a lock file holds; 0 when it is gone or holds none. */
function pidIn(fs: LockFs, file: string): number {
  const pid = Number(readOr(fs, file, ''));
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

/** Another process that is running (this process's own pid in a lock is a leftover: stale). */
const live = (pid: number) => pid > 0 && pid !== process.pid && alive(pid);

/** link(2): false when the target exists. A file system without hard links gets an exclusive create. */
function link(fs: LockFs, from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EPERM') throw err;
  }
  try {
    fs.writeFileSync(to, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Remove a file of ours; where it cannot be there (or removed) there is nothing to do. */
function removeQuietly(fs: LockFs, file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // the error being reported is the one that matters
  }
}

function readOr(fs: LockFs, file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw err;
  }
}

const lockedBy = (dir: string, pid: number) =>
  new InputError('run.locked', `${dir}: another haikubench process (pid ${pid}) is using this run directory`, ['Wait for it to finish, or stop it first.']);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
