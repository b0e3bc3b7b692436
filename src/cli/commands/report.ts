import type { CommandModule } from 'yargs';
import type { ReportArgs } from '../report.js';

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <runs..>',
  describe: 'Write one self-contained HTML report of finished runs: verdict, models with intervals, charts, and every sample with its input and outputs',
  builder: (y) => y
    .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'Run directories (reports/<runId>); globs allowed' })
    .options({
      html: { type: 'string', demandOption: true, describe: 'The HTML file to write' },
      baseline: { type: 'string', describe: 'A run directory to mark flipped samples against (default: the baseline each run was run with)' },
    }) as never,
  handler: async (args) => {
    const { reportFromCli } = await import('../report.js');
    process.exitCode = await reportFromCli(args, { out: process.stdout, cwd: process.cwd() });
  },
};
