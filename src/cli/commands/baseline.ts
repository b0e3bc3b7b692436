import type { CommandModule } from 'yargs';
import type { AcceptArgs } from '../../compare/baseline.js';

export const baselineCommand: CommandModule<object, AcceptArgs & { action: string }> = {
  command: 'baseline <action> <run>',
  describe: 'Accept a finished run as the baseline of its eval (copied to <dir>/<evalId>/, to commit); `run --baseline <dir>` then gates on it',
  builder: (y) => y
    .positional('action', { choices: ['accept'] as const, describe: 'accept: make this run the baseline' })
    .positional('run', { type: 'string', demandOption: true, describe: 'Run directory to accept' })
    .options({
      dir: { type: 'string', default: 'baselines', describe: 'Folder of baselines, one sub-folder per eval id' },
      force: { type: 'boolean', default: false, describe: 'Accept an incomplete run or a single shard' },
    }) as never,
  handler: async (args) => {
    const { acceptBaseline } = await import('../../compare/baseline.js');
    process.exitCode = acceptBaseline(args, { out: process.stdout, cwd: process.cwd() });
  },
};
