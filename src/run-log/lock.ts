import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { outDirError } from './disk.js';
import { LOCK_FILE } from './files.js';

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
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(mine, String(process.pid), { flag: 'wx' });
  } catch (err) {
    removeQuietly(fs, mine);
    throw outDirError(dir, file, err);
  }
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (link(fs, mine, file)) return () => fs.rmSync(file, { force: true });
      const pid = Number(readOr(fs, file, ''));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw lockedBy(dir, pid);
      fs.rmSync(file, { force: true });
    }
  } catch (err) {
    throw err instanceof InputError ? err : outDirError(dir, file, err);
  } finally {
    removeQuietly(fs, mine);
  }
  throw new InputError('run.locked', `${dir}: cannot take the run lock (${file})`, []);
}

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
