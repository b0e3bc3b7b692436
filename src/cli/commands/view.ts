import type { CommandModule } from 'yargs';
import type { ViewArgs } from '../view.js';

export const viewCommand: CommandModule<object, ViewArgs> = {
  command: 'view [reportsDir]',
  describe: 'Browse the run history on 127.0.0.1: runs per eval, pass-rate trends with intervals, any run\'s report, two runs compared, flaky samples',
  builder: (y) => y
    .positional('reportsDir', { type: 'string', default: 'reports', describe: 'The folder holding run directories' })
    .options({ port: { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (default: a free one)' } }) as never,
  handler: async (args) => {
    const { viewFromCli } = await import('../view.js');
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.exitCode = await viewFromCli(args, { out: process.stdout, cwd: process.cwd(), stop: stop.signal });
  },
};
