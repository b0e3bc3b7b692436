import type { CommandModule } from 'yargs';
import type { CompareArgs } from '../compare.js';

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <baseline> <candidate>',
  describe: 'Paired comparison of two runs on the same samples: the change with its interval and test, the flipped samples both ways, and regression gates (exit 1 when one fails)',
  builder: (y) => y
    .positional('baseline', { type: 'string', demandOption: true, describe: 'Run directory of the baseline' })
    .positional('candidate', { type: 'string', demandOption: true, describe: 'Run directory of the candidate' })
    .options({
      json: { type: 'boolean', default: false, describe: 'Print the whole comparison as JSON' },
      'max-drop': { type: 'number', describe: 'Gate: largest allowed drop in pass rate, as a fraction (0.02 = 2 points)' },
      'max-score-drop': { type: 'number', describe: 'Gate: largest allowed drop in mean score (0..1)' },
      judge: { type: 'string', choices: ['interval', 'significance'], default: 'interval', describe: 'interval: fail when the whole interval of the change lies below −max-drop; significance: when the drop passes max-drop and the paired test is significant at 1 − level' },
      level: { type: 'number', default: 0.95, describe: 'Confidence level of the intervals' },
      'must-pass': { type: 'string', array: true, describe: 'Gate: sample ids that may never go from pass to fail (repeatable or comma-separated)' },
      'baseline-model': { type: 'string', describe: 'Model of the baseline run to compare (default: the model both runs share, or each run\'s only model)' },
      'candidate-model': { type: 'string', describe: 'Model of the candidate run to compare' },
      show: { type: 'number', default: 20, describe: 'Flipped samples listed each way, with both outputs' },
    }) as never,
  handler: async (args) => {
    const { compareFromCli } = await import('../compare.js');
    process.exitCode = await compareFromCli(args, { out: process.stdout, cwd: process.cwd() });
  },
};
