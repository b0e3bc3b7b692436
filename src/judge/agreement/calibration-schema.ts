import { arrayOf, bool, numOrNull, obj, oneOf, orNull, pair, str, text, textOrNull, whole, type Static } from '../../util/json-schema.js';

// summary.json's `judgeCalibration` (built by run-calibration.ts), as JSON Schema (assembled by
// summary/schema.ts) and, through Static<>, as the type of its entries.

const entrySchema = obj({
  scorer: text(),
  criterion: textOrNull(),
  model: text(),
  labels: str('The labels file, as the spec names it.'),
  inVerdict: bool('The scorer has weight > 0: its scores take part in the pass verdict and mean score.'),
  n: whole('Labelled samples with a judge verdict.'),
  accuracy: obj({ x: whole(), n: whole(), rate: numOrNull(), ci95: pair('Wilson 95% interval.') }),
  kappa: obj({
    weighting: oneOf(['quadratic', 'linear', 'unweighted']),
    value: numOrNull(),
    se: numOrNull('Fleiss–Cohen–Everitt (1969) SE.'),
    ci95: orNull(pair('kappa ± 1.96 SE.')),
    undefinedBecause: textOrNull(),
  }),
  minimum: obj({ kappa: numOrNull(), accuracy: numOrNull(), bound: oneOf(['estimate', 'lower']) }),
  met: oneOf([true, false, 'insufficient'], 'insufficient: no labelled sample has a verdict, or kappa is undefined.'),
  reason: text(),
  leftOut: obj({ judgeErrors: whole(), modelErrors: whole(), notInRun: whole(), unlabelled: whole() }),
});

/** summary.json's `judgeCalibration`; present only when a judge requires one. */
export const judgeCalibrationSchema = arrayOf(
  'Per scorer whose judge requires an agreement with human labels (judge.calibration), per model: the judge\'s verdicts on the labelled samples against the labels, as `haikubench calibrate` computes them.',
  entrySchema,
);

/** One scorer × model entry of summary.json's `judgeCalibration`. */
export type JudgeCalibrationEntry = Static<typeof entrySchema>;
