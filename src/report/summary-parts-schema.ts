import type { Json } from '../types.js';

// JSON Schemas of a model summary's `classification` entries (src/stats/label-tally.ts,
// src/stats/classification.ts) and of its `clustered` figures; parts of summary.schema.json (src/report/schemas.ts).

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const strings = { type: 'array', items: str } as const;
const object = (properties: Record<string, Json>, description?: string): Json => ({
  type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...(description !== undefined && { description }),
});

const classMetrics = object({
  label: str, declared: { type: 'boolean' }, support: int, predicted: int, correct: int, precision: num, recall: num, f1: num,
  zeroDivision: { type: 'array', items: { enum: ['precision', 'recall', 'f1'] }, description: 'Metrics that were 0/0, reported as 0 (scikit-learn).' },
});

const report = object({
  n: int, correct: int,
  unlabelled: { type: 'integer', description: 'Items whose output named no label (or several): wrong, and no class\'s prediction.' },
  accuracy: nullableNum,
  ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'Wilson interval of the accuracy at options.confidence.' },
  matrix: object({
    classes: { ...strings, description: 'Rows: expected labels.' },
    columns: { ...strings, description: 'Columns: the classes, then labels only ever predicted.' },
    counts: { type: 'array', items: { type: 'array', items: int } },
    unlabelled: { type: 'array', items: int, description: 'Per row: outputs that named no label.' },
  }),
  perClass: { type: 'array', items: classMetrics },
  macroClasses: { ...strings, description: 'The classes macro- and weighted-F1 average over.' },
  macroF1: nullableNum, weightedF1: nullableNum,
  micro: object({ precision: nullableNum, recall: nullableNum, f1: nullableNum }),
  confusions: { type: 'array', items: object({ expected: str, predicted: { type: ['string', 'null'] }, count: int, share: num }), description: 'Most confused pairs, most items first.' },
});

export const classificationSchema: Json = {
  type: 'array',
  description: 'Per label scorer: classification metrics over the scored items.',
  items: object({
    scorer: str,
    report,
    folded: { type: 'integer', description: 'Distinct labels only ever predicted, folded into "(other label)" beyond the 10 most frequent.' },
  }),
};

const clusteredFigure = object({
  mean: num, se: num,
  ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 't interval with df degrees of freedom at options.confidence; null with one cluster.' },
});

/** A model summary's `clustered` (src/stats/clustered-summary.ts). */
export const clusteredSchema: Json = {
  anyOf: [object({ field: str, clusters: int, df: int, passRate: clusteredFigure, meanScore: clusteredFigure }), { type: 'null' }],
  description: 'With dataset.fields.group: pass rate and mean score over samples with the Inspect-compatible clustered SE and a t interval (clusters − 1 df); null otherwise.',
};

/** A model summary's `meanScoreCi` (src/summary/per-sample.ts). */
export const scoreIntervalSchema: Json = {
  anyOf: [object({
    method: { enum: ['wilson', 'bootstrap', 'clt'], description: 'wilson: every per-sample score is 0 or 1; bootstrap: seeded percentile bootstrap over samples (the run seed); clt: above 20,000 samples.' },
    ci: { type: 'array', items: num, minItems: 2, maxItems: 2 },
    resamples: int,
  }), { type: 'null' }],
  description: 'Interval of the mean score over samples at options.confidence; null when nothing was scored.',
};

/** A scorer summary's `epochs` (src/stats/scorer-epochs.ts). */
export const scorerEpochsSchema: Json = {
  anyOf: [object({
    reducer: { type: 'string', description: 'mean, majority, pass@k, pass^k or "at least m of k".' },
    k: int, samples: int, incomplete: int, value: nullableNum,
    ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'Wilson (pass-type reducers) or CLT (mean) interval at options.confidence.' },
  }), { type: 'null' }],
  description: 'With epochs > 1: this scorer\'s verdicts of a sample reduced as the spec says (reducer), over samples with all k epochs scored; null with one epoch.',
};

const pairRate = (what: string): Json => object({
  x: int, n: int, rate: nullableNum,
  ci: { type: 'array', items: num, minItems: 2, maxItems: 2, description: 'Wilson 95% interval.' },
}, what);

const pairwiseItem = object({
  scorer: str,
  against: { type: 'string', description: 'What the candidate was compared with: a model of this run (against_model), or "run <dir>" (against).' },
  n: { type: 'integer', description: 'Items with a verdict in both orders.' },
  incomplete: { type: 'integer', description: 'Items missing a verdict in an order: left out of the rates.' },
  wins: pairRate('The candidate won in both orders.'),
  ties: pairRate('A tie in both orders, or a verdict that flipped with the order.'),
  losses: pairRate('The baseline won in both orders.'),
  flips: pairRate('Position-flip rate: items whose outcome changed with the order.'),
  firstPositionWins: pairRate('Share of the 2n order verdicts won by the output shown first (about (1 - ties)/2 for an unbiased judge).'),
  winRate: { type: ['number', 'null'], description: '(wins + ties / 2) / n: 0.5 when the two are level.' },
  winner: { enum: ['candidate', 'baseline', null], description: 'Declared only when the Wilson 95% interval of wins / (wins + losses) excludes 1/2; null otherwise.' },
}) as { required: string[] } & Record<string, Json>;

/** A model summary's `pairwise` (src/summary/pairwise-summary.ts); present only with a pairwise scorer. */
export const pairwiseSchema: Json = {
  type: 'array',
  description: 'Per pairwise scorer, over the items it scored: a verdict that flips with the order is a tie.',
  // `against` is named whenever the run's spec is known (summary/pairwise-roles).
  items: { ...pairwiseItem, required: pairwiseItem.required.filter((k) => k !== 'against') },
};

const interval95 = (description: string): Json => ({ type: 'array', items: num, minItems: 2, maxItems: 2, description });

/** summary.json's `judgeCalibration` (src/judge/agreement/run-calibration.ts); present only when a judge requires one. */
export const judgeCalibrationSchema: Json = {
  type: 'array',
  description: 'Per scorer whose judge requires an agreement with human labels (judge.calibration), per model: the judge\'s verdicts on the labelled samples against the labels, as `haikubench calibrate` computes them.',
  items: object({
    scorer: str,
    criterion: { type: ['string', 'null'] },
    model: str,
    labels: { type: 'string', description: 'The labels file, as the spec names it.' },
    inVerdict: { type: 'boolean', description: 'The scorer has weight > 0: its scores take part in the pass verdict and mean score.' },
    n: { type: 'integer', description: 'Labelled samples with a judge verdict.' },
    accuracy: object({ x: int, n: int, rate: nullableNum, ci95: interval95('Wilson 95% interval.') }),
    kappa: object({
      weighting: { enum: ['quadratic', 'linear', 'unweighted'] },
      value: nullableNum,
      se: { type: ['number', 'null'], description: 'Fleiss–Cohen–Everitt (1969) SE.' },
      ci95: { anyOf: [interval95('kappa ± 1.96 SE.'), { type: 'null' }] },
      undefinedBecause: { type: ['string', 'null'] },
    }),
    minimum: object({ kappa: nullableNum, accuracy: nullableNum, bound: { enum: ['estimate', 'lower'] } }),
    met: { enum: [true, false, 'insufficient'], description: 'insufficient: no labelled sample has a verdict, or kappa is undefined.' },
    reason: str,
    leftOut: object({ judgeErrors: int, modelErrors: int, notInRun: int, unlabelled: int }),
  }),
};

/** summary.json's `baseline` (src/compare/baseline.ts); present only in a run --baseline that finished. */
export const baselineSchema: Json = object({
  dir: { type: 'string', description: 'The baseline run directory the run was compared with.' },
  problem: { type: ['string', 'null'], description: 'Why the runs could not be compared: no gate was applied, and the run fails. Null when they were compared.' },
  gates: {
    type: 'array',
    description: 'The regression gates (--max-drop, --max-score-drop, --must-pass, the spec\'s regression block), per model of this run against its baseline; a failed one fails the run.',
    items: object({ model: str, gate: str, pass: { type: 'boolean' }, reason: str }),
  },
}, 'run --baseline: this run compared with the baseline run of its eval. Absent without --baseline, and when the run is incomplete (not compared).');
