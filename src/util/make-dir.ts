import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// mkdir -p without Node's `recursive: true`, which on some file systems never returns: under /proc, a
// mkdir of a missing child fails with ENOENT although its parent exists, and libuv's recursive mkdir
// retries that forever inside one synchronous call, deaf to SIGINT and SIGTERM. Here each missing
// folder is made once, top down, and the first failure is thrown, with its code.

const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

function kindOf(path: string): 'dir' | 'other' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}

const errno = (code: string, text: string, path: string) => Object.assign(new Error(`${code}: ${text}, mkdir '${path}'`), { code, path });

/**
 * Make `path` and any missing parent folders; a folder that is already there is fine. As Node's own:
 * EEXIST when `path` is a file, ENOTDIR when a parent is. `mkdir`: one folder (tests inject a failing one).
 */
export function makeDirSync(path: string, mkdir: (dir: string) => unknown = mkdirSync): void {
  const target = resolve(path);
  const missing: string[] = [];
  for (let p = target; ; p = dirname(p)) {
    const kind = kindOf(p);
    if (kind === 'dir') break;
    if (kind === 'other') throw p === target ? errno('EEXIST', 'file already exists', p) : errno('ENOTDIR', 'not a directory', target);
    missing.push(p);
    if (dirname(p) === p) break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdir(dir);
    } catch (err) {
      if (codeOf(err) === 'EEXIST' && kindOf(dir) === 'dir') continue; // made meanwhile by another process
      throw err; // ENOENT with the parent there: its file system refuses new folders (procfs, sysfs)
    }
  }
}

/** makeDirSync for async callers (the work is a few syscalls). */
export async function makeDir(path: string): Promise<void> {
  makeDirSync(path);
}
