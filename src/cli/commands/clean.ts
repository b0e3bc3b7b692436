import type { CommandModule } from 'yargs';
import type { CleanArgs } from '../clean.js';

export const cleanCommand: CommandModule<object, CleanArgs> = {
  command: 'clean [reportsDir]',
  describe: 'Remove run directories older than --older-than from a reports folder (only folders holding a run, never one a live process is using)',
  builder: (y) => y
    .positional('reportsDir', { type: 'string', default: 'reports', describe: 'Folder of run directories' })
    .options({
      'older-than': { type: 'string', demandOption: true, describe: 'Remove runs last changed at least this long ago: 30s, 15m, 12h, 14d' },
      'dry-run': { type: 'boolean', default: false, describe: 'List what would be removed, remove nothing' },
    }) as never,
  handler: async (args) => {
    const { cleanFromCli } = await import('../clean.js');
    process.exitCode = cleanFromCli(args, { out: process.stdout, cwd: process.cwd() });
  },
};
