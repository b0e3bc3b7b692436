import type { CommandModule } from 'yargs';
import type { CompareArgs } from '../compare.js';
import { gateOptions } from '../options.js';

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <baseline> <candidate>',
  describe: 'Paired comparison of two runs on the same samples: the change with its interval and test, the flipped samples both ways, and regression gates (exit 1 when one fails)',
  builder: (y) => y
    .positional('baseline', { type: 'string', demandOption: true, describe: 'Run directory of the baseline' })
    .positional('candidate', { type: 'string', demandOption: true, describe: 'Run directory of the candidate' })
    .options({
      json: { type: 'boolean', default: false, describe: 'Print the whole comparison as JSON' },
      ...gateOptions,
      'baseline-model': { type: 'string', describe: 'Model of the baseline run to compare (default: the model both runs share, or each run\'s only model)' },
      'candidate-model': { type: 'string', describe: 'Model of the candidate run to compare' },
      show: { type: 'number', default: 20, describe: 'Flipped samples listed each way, with both outputs' },
    }) as never,
  handler: async (args) => {
    const { compareFromCli } = await import('../compare.js');
    process.exitCode = await compareFromCli(args, { out: process.stdout, cwd: process.cwd() });
  },
};
