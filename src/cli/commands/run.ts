import type { CommandModule } from 'yargs';
import { runOptions, type RunArgs } from '../options.js';
import { cliIO } from '../io.js';

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [spec..]',
  describe: 'Run eval specs: every sample × model × epoch, scored, with records and a summary per run',
  builder: (y) => y.positional('spec', { type: 'string', array: true, default: [], describe: 'Eval spec files (YAML or JSON); none with --resume' }).options(runOptions) as never,
  handler: async (args) => {
    const { runFromCli } = await import('../run.js');
    process.exitCode = await runFromCli(args, cliIO({ graceful: !args['dry-run'] }));
  },
};
