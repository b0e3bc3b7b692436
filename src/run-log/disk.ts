import { InputError, RunError } from '../errors.js';

// A run directory that cannot be written: before any call it is bad input (exit 2, choose another
// --out); during a run it ends the run (exit 3) with the records written so far kept and the command
// that continues it.

const WHY: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'a directory cannot be created there',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'a directory of that name is in the way',
  EIO: 'input/output error',
};

/** The errno code of a file-system error haikubench explains, else undefined (a bug: left as it is). */
export function diskCode(err: unknown): string | undefined {
  const code = err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;
  return code !== undefined && Object.hasOwn(WHY, code) ? code : undefined;
}

const reason = (code: string) => `${code}: ${WHY[code] ?? code}`;

const isFull = (code: string) => code === 'ENOSPC' || code === 'EDQUOT';

/** The run directory cannot be created or written before the run starts: exit 2, nothing was sent. */
export function outDirError(dir: string, file: string, err: unknown): Error {
  const code = diskCode(err);
  if (code === undefined) return err instanceof Error ? err : new Error(String(err));
  const fix = isFull(code) ? 'free some space, or choose another --out on a disk with room' : 'choose another --out (a directory you can write)';
  return new InputError('run.out_dir', `${dir}: cannot write the run directory`, [`${file}: ${reason(code)}; ${fix}. Nothing was sent to a model.`]);
}

/** A file of a started run cannot be written: exit 3, the records already written are kept. */
export function runWriteError(dir: string, file: string, err: unknown): Error {
  const code = diskCode(err);
  if (code === undefined) return err instanceof Error ? err : new Error(String(err));
  const fix = isFull(code) ? 'Free some space' : 'Make the directory writable';
  return new RunError(`${file}: cannot write (${reason(code)}). The records written so far are kept. ${fix}, then continue the run with: haikubench run --resume ${dir}`, { cause: err });
}
