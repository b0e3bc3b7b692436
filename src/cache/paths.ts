import { isAbsolute, join } from 'node:path';

/**
 * The store's directory inside a cache directory (one file per entry, see entry-files.ts). The `-v2`
 * is the on-disk format; the SQLite file of earlier versions (`responses.sqlite`) is no longer read.
 */
export const CACHE_STORE_NAME = 'responses-v2';

/**
 * Where the response cache lives: $HAIKUBENCH_CACHE_DIR, else $XDG_CACHE_HOME/haikubench, else
 * ~/.cache/haikubench. Empty variables count as unset, and a relative XDG_CACHE_HOME is ignored, as the
 * XDG base-directory spec asks. `env` and `home` are passed in so that only cli/ reads the process.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv, home: string): string {
  const own = env.HAIKUBENCH_CACHE_DIR;
  if (own !== undefined && own !== '') return own;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'haikubench');
  return join(home, '.cache', 'haikubench');
}

/** Where the store lives in cache directory `dir` (a directory, despite the name kept for callers). */
export const cacheFile = (dir: string): string => join(dir, CACHE_STORE_NAME);
