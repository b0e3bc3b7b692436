import type { CommandModule } from 'yargs';
import type { RouteArgs } from '../route.js';

// `haikubench route <runDir..>`: the tiering analysis (docs/routing.md). The handler
// only parses and delegates to cli/route.ts, loaded on demand like the other commands.

export const routeCommand: CommandModule<object, RouteArgs> = {
  command: 'route <runDir..>',
  describe: 'Tiering: which requests the small model can take, and what routing (by segment, or a cascade) would save at equal quality, validated on held-out folds; writes route.json, policy.json and front.svg',
  builder: (y) => y
    .positional('runDir', { type: 'string', array: true, demandOption: true, describe: 'Finished run directories: one with two or more models, or one per model, on the same samples' })
    .options({
      small: { type: 'string', describe: 'Small model id (default: the cheapest by mean cost, or the Haiku model when prices are unknown)' },
      large: { type: 'string', describe: 'Large model id (default: the most expensive other model)' },
      segment: { type: 'string', array: true, describe: 'Metadata field to judge and route by (repeatable; default: every field with 2 to 50 values)' },
      cluster: { type: 'string', describe: 'Metadata field whose value groups samples that are not independent (a conversation, a source document): folds never split a group and intervals resample whole groups' },
      tolerance: { type: 'number', default: 0.02, describe: 'Largest quality loss accepted against the large model, per segment and overall, as a fraction (0.02 = 2 points)' },
      level: { type: 'number', default: 0.95, describe: 'Confidence level of every interval' },
      signal: { type: 'string', describe: 'Post-generation signal for a threshold cascade (higher = more confident): scorer:<name>, that scorer\'s value on the small model\'s answer, or output:<regex>, a number read from the answer itself (its first capture group), e.g. output:\'confidence:\\s*([0-9.]+)\'' },
      check: { type: 'string', describe: 'Deterministic check for a gate cascade: scorer:<name>, escalate when it fails on the small model\'s answer' },
      router: { type: 'string', describe: 'Pre-generation signal for a threshold router (known before any call): field:<name>, a numeric metadata field of the samples, or model:<id>, the number answered by another model in the runs (a classifier run on the same samples)' },
      'router-high': { type: 'string', choices: ['small', 'large'], describe: 'Which model high values of the --router signal favour (default small: low values go to the large model)' },
      quality: { type: 'string', choices: ['pass', 'score'], default: 'pass', describe: 'Quality of an answer: its pass/fail verdict, or its combined score in [0, 1]' },
      seed: { type: 'number', default: 1, describe: 'Seed of the folds and the bootstrap' },
      folds: { type: 'number', default: 5, describe: 'K for cross-fitting: rules and thresholds are chosen on K − 1 folds and scored on the held-out one' },
      resamples: { type: 'number', default: 2000, describe: 'Bootstrap resamples for the intervals' },
      out: { type: 'string', describe: 'Folder for route.json, policy.json and front.svg (default: <first runDir>/route)' },
      json: { type: 'boolean', default: false, describe: 'Print route.json on stdout instead of the report' },
      markdown: { type: 'string', describe: 'Also write the report as Markdown to FILE' },
    }) as never,
  handler: async (args) => {
    const { routeFromCli } = await import('../route.js');
    const { columnsOf } = await import('../../util/terminal-env.js');
    process.exitCode = await routeFromCli(args, { out: process.stdout, cwd: process.cwd(), width: columnsOf(process.stdout, process.env) });
  },
};
