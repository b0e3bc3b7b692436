import type { CommandModule } from 'yargs';
import type { PlanSizeArgs } from '../plan-size.js';

export const planSizeCommand: CommandModule<object, PlanSizeArgs> = {
  command: 'plan-size',
  describe: 'How many samples to detect a drop in pass rate (or, with --samples, the smallest drop a set can detect), paired and unpaired',
  builder: (y) => y.options({
    rate: { type: 'number', demandOption: true, describe: 'Expected pass rate of the baseline, e.g. 0.85' },
    drop: { type: 'number', describe: 'Drop to detect, as a fraction (0.03 = 3 points)' },
    samples: { type: 'number', describe: 'Instead of --drop: the number of samples you have' },
    power: { type: 'number', default: 0.8, describe: 'Chance of detecting a real drop of that size' },
    alpha: { type: 'number', default: 0.05, describe: 'Two-sided significance level' },
    discordance: { type: 'number', describe: 'Paired: share of samples on which the two runs disagree (from an earlier compare)' },
    json: { type: 'boolean', default: false, describe: 'Print JSON' },
  }) as never,
  handler: async (args) => {
    const { planSizeFromCli } = await import('../plan-size.js');
    process.exitCode = planSizeFromCli(args, { out: process.stdout });
  },
};
