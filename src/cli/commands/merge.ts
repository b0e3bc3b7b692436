import type { CommandModule } from 'yargs';
import type { MergeArgs } from '../merge.js';

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <runs..>',
  describe: 'Join the run directories of --shard 1/n … n/n into one run, with the summary an unsharded run would have',
  builder: (y) => y
    .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'The shards\' run directories, every slice once' })
    .options({
      out: { type: 'string', describe: 'Directory of the merged run (default reports/<evalId>-<time>-merged)' },
      json: { type: 'boolean', default: false, describe: 'Print the merged summary as JSON' },
    }) as never,
  handler: async (args) => {
    const { mergeFromCli } = await import('../merge.js');
    process.exitCode = await mergeFromCli(args, { out: process.stdout, cwd: process.cwd() });
  },
};
