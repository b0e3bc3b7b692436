import { homedir } from 'node:os';
import { openCacheStore, type CacheStore } from '../cache/store.js';
import { cacheFile, defaultCacheDir } from '../cache/paths.js';
import { parseDuration } from '../cache/key.js';
import { responseCache, type ResponseCache } from './response-cache.js';
import { realClock } from './clock.js';
import type { Env } from '../providers/create.js';
import type { Output } from '../types.js';

// The response cache as commands open it: `run` (unless --no-cache) and the `cache` command.

export const cachePath = (dir: string | undefined, env: Env): string => cacheFile(dir ?? defaultCacheDir(env, homedir()));

/** Open the cache for a run; a failure later in the run is reported once on err and the run goes on. */
export function openRunCache(o: { dir: string | undefined; ttl: string; env: Env; err: Output }): { cache: ResponseCache; store: CacheStore; path: string } {
  const path = cachePath(o.dir, o.env);
  const store = openCacheStore(path, { ttlMs: parseDuration(o.ttl) });
  const cache = responseCache(store, realClock, (e) => {
    o.err.write(`warning: response cache ${path} failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); the run goes on without it\n`);
  });
  return { cache, store, path };
}
