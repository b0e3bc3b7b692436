import { isAbsolute, join } from 'node:path';

/** The database file inside a cache directory. */
export const CACHE_FILE_NAME = 'responses.sqlite';

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

export const cacheFile = (dir: string): string => join(dir, CACHE_FILE_NAME);
