import type { CommandModule } from 'yargs';
import type { CalibrateArgs } from '../../judge/agreement/calibrate-command.js';

// `haikubench calibrate <runDir> --labels <file>`: agreement of a judge's recorded verdicts with human
// labels (no calls). The handler only parses and delegates to judge/agreement/calibrate-command.ts, loaded on demand.

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <runDir>',
  describe: 'Judge calibration: agreement of a model-graded scorer\'s recorded verdicts with human labels (accuracy, Cohen\'s kappa with CI, confusion matrix, length bias); no model calls',
  builder: (y) => y
    .positional('runDir', { type: 'string', demandOption: true, describe: 'A run directory that `haikubench run` wrote, with a model-graded scorer' })
    .options({
      labels: { type: 'string', demandOption: true, describe: 'Human labels (JSONL, JSON, CSV or TSV): a sample id and a score on the scorer\'s scale per row; for a pairwise scorer, A (this run\'s output), B (the baseline\'s) or tie' },
      scorer: { type: 'string', describe: 'Scorer name to calibrate (default: the run\'s only model-graded scorer)' },
      model: { type: 'string', describe: 'Model whose outputs were labelled (default: the run\'s only model)' },
      criterion: { type: 'string', describe: 'Criteria scorers: the criterion the labels grade' },
      spec: { type: 'string', describe: 'The run\'s spec file, for the scorer\'s scale (default: the one run.json names)' },
      'id-field': { type: 'string', default: 'id', describe: 'Labels column holding the sample id' },
      'label-field': { type: 'string', default: 'human', describe: 'Labels column holding the human score' },
      weighting: { type: 'string', choices: ['quadratic', 'linear', 'unweighted'], default: 'quadratic', describe: 'Kappa weights for the ordinal scale (the unweighted kappa is shown beside it)' },
      'min-kappa': { type: 'number', describe: 'Exit 1 unless the (weighted) kappa reaches this' },
      'min-accuracy': { type: 'number', describe: 'Exit 1 unless the exact accuracy reaches this (0..1)' },
      bound: { type: 'string', choices: ['estimate', 'lower'], default: 'estimate', describe: 'Compare the minimums with the point estimate or the lower end of the 95% CI' },
      json: { type: 'boolean', default: false, describe: 'Print the report object as JSON' },
    }) as never,
  handler: async (args) => {
    const { calibrateFromCli } = await import('../../judge/agreement/calibrate-command.js');
    process.exitCode = await calibrateFromCli(args, { out: process.stdout, cwd: process.cwd() });
  },
};
