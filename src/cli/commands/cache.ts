import type { CommandModule } from 'yargs';
import type { CacheArgs } from '../cache.js';

export const cacheCommand: CommandModule<object, CacheArgs> = {
  command: 'cache <action>',
  describe: 'Inspect or clear the response cache: stats, clear [--older-than 7d] [--model ID]',
  builder: (y) => y
    .positional('action', { choices: ['stats', 'clear'] as const, describe: 'stats: entries, size, age, per model; clear: delete entries' })
    .options({
      'cache-dir': { type: 'string', describe: 'Cache directory (default $HAIKUBENCH_CACHE_DIR, else $XDG_CACHE_HOME/haikubench, else ~/.cache/haikubench)' },
      'older-than': { type: 'string', describe: 'clear: only entries at least this old (30s, 15m, 12h, 14d)' },
      model: { type: 'string', describe: 'clear: only entries of this model id, e.g. anthropic:claude-haiku-5-5' },
      json: { type: 'boolean', default: false, describe: 'Print JSON' },
    }) as never,
  handler: async (args) => {
    const { cacheFromCli } = await import('../cache.js');
    process.exitCode = cacheFromCli(args, { out: process.stdout, env: process.env });
  },
};
