import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { openCacheStore } from '../cache/store.js';
import { cachePath } from '../runner/open-run-cache.js';
import { parseDuration } from '../cache/key.js';
import type { Env } from '../providers/create.js';
import type { Output } from '../report/terminal.js';
import { duration } from '../util/format.js';

export interface CacheArgs {
  readonly action: 'stats' | 'clear';
  readonly 'cache-dir'?: string | undefined;
  readonly 'older-than'?: string | undefined;
  readonly model?: string | undefined;
  readonly json: boolean;
}

const age = (now: number, t: number | null) => (t === null ? '—' : `${duration(now - t)} ago (${new Date(t).toISOString()})`);

export function cacheFromCli(args: CacheArgs, io: { out: Output; env: Env }): number {
  const path = cachePath(args['cache-dir'], io.env);
  const now = Date.now();
  if (!existsSync(path)) {
    io.out.write(args.json ? `${JSON.stringify({ path, entries: 0, ...(args.action === 'clear' && { deleted: 0 }) })}\n` : `response cache ${path}: empty (nothing stored yet)\n`);
    return 0;
  }
  const store = openCacheStore(path, { ttlMs: null });
  try {
    if (args.action === 'clear') {
      const olderThanMs = args['older-than'] === undefined ? undefined : parseDuration(args['older-than']);
      if (olderThanMs === null) throw new InputError('cli.flags', 'Invalid command-line flags:', ['--older-than never: no entry is older than "never"; leave the flag out to clear every entry']);
      const deleted = store.clear({ now, ...(olderThanMs !== undefined && { olderThanMs }), ...(args.model !== undefined && { model: args.model }) });
      io.out.write(args.json ? `${JSON.stringify({ path, deleted })}\n` : `response cache ${path}: ${deleted} entr${deleted === 1 ? 'y' : 'ies'} deleted\n`);
      return 0;
    }
    const s = store.stats();
    if (args.json) {
      io.out.write(`${JSON.stringify(s, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `response cache ${s.path}`,
      `  entries: ${s.entries} (${(s.bytes / 1e6).toFixed(2)} MB of answers)`,
      `  oldest:  ${age(now, s.oldest)}`,
      `  newest:  ${age(now, s.newest)}`,
      ...s.byModel.map((m) => `  ${m.model}: ${m.entries}`),
    ];
    io.out.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}
