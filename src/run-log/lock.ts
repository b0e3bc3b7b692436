import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { LOCK_FILE } from './files.js';

/**
 * One process per run directory: a second run or resume of the same directory would repeat paid calls
 * and interleave records. A lock left by a process that died is taken over. Returns the unlock.
 */
export function lockRunDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new InputError('run.locked', `${dir}: another haikubench process (pid ${pid}) is using this run directory`, ['Wait for it to finish, or stop it first.']);
      }
      rmSync(file, { force: true });
    }
  }
  throw new InputError('run.locked', `${dir}: cannot take the run lock (${file})`, []);
}

/** The pid of a live process holding the directory's run.lock, if any (a stale lock holds nothing). */
export function lockHolder(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, LOCK_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
