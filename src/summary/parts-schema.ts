import { pairwiseSummaryProperties } from '../judge/pairwise-schema.js';
import { arrayOf, bool, describe, either, int, list, none, num, numOrNull, obj, oneOf, opt, orNull, pair, str, text, whole, type Static } from '../util/json-schema.js';

// Parts of a model summary in summary.json, as JSON Schema (assembled by summary/schema.ts) and,
// through Static<>, as the TypeScript types the summary code builds: `epochs` (epochs.ts),
// `meanScoreCi` (per-sample.ts), `pairwise` (pairwise-summary.ts), the run's `segments`
// (segments.ts) and a model's `judge` totals (judge-summary.ts).

const epochShare = (description: string) => obj({
  count: whole('Complete samples that meet the rule.'),
  share: numOrNull('count / samples; null when no sample is complete.'),
  ci: orNull(pair(), 'Wilson interval of the share at options.confidence.'),
}, { description });

const epochSummarySchema = obj({
  k: int('Epochs per sample in the plan.', 2),
  samples: whole('Samples with all k epochs scored: the denominator of every share.'),
  incomplete: whole('Samples with fewer than k scored epochs (errors, unfinished): left out.'),
  passAtK: epochShare('pass@k: at least one epoch passed.'),
  passHatK: epochShare('pass^k: all k epochs passed.'),
  majority: epochShare('More than k/2 epochs passed; a tie counts as a fail.'),
  meanShare: obj({ share: numOrNull(), ci: orNull(pair()) }, { description: 'Mean per-sample pass share, with the CLT interval over samples.' }),
  flaky: epochShare('Samples whose verdict varies across epochs (some pass, some fail).'),
});

/** A model summary's `epochs`. */
export const epochsSchema = orNull(epochSummarySchema, 'Epoch reducers and flakiness over samples with all k epochs scored; null with one epoch.');

const scoreIntervalObject = obj({
  method: oneOf(['wilson', 'bootstrap', 'clt'], 'wilson: every per-sample score is 0 or 1; bootstrap: seeded percentile bootstrap over samples (the run seed); clt: above 20,000 samples.'),
  ci: pair(),
  resamples: whole(),
});

/** A model summary's `meanScoreCi`. */
export const scoreIntervalSchema = orNull(scoreIntervalObject, 'Interval of the mean score over samples at options.confidence; null when nothing was scored.');

const continuousWinRateSchema = obj({
  from: oneOf(['graded', 'logprobs'], 'graded: the five-level verdicts (1, 0.75, 0.5, 0.25, 0 for the candidate); logprobs: the verdict token\'s probabilities, P(candidate) + P(tie)/2.'),
  n: whole('Items with a preference (a verdict in both orders).'),
  winRate: num({}, 'Mean over the items of the candidate\'s preference (each the mean of its two orders), on 0..1.'),
  se: numOrNull('Standard error: sample standard deviation (ddof 1) / sqrt(n); null below 2 items.'),
  ci: orNull(pair(), 'winRate ± t(n−1)·se at options.confidence, clipped to [0, 1]; null below 2 items.'),
  noLogprobs: opt(whole('logprobs: items with a judge answer (either order, any sample) without usable log-probabilities; such an answer counts its discrete verdict (A 1, tie 0.5, B 0) instead.')),
}, { description: 'scale: graded or logprobs: true: the continuous win rate beside the discrete winRate.' });

/** A pairwise entry's `continuous`. */
export type ContinuousWinRate = Static<typeof continuousWinRateSchema>;

const pairwiseScorerSchema = obj({
  scorer: text(),
  // Named whenever the run's spec is known (summary/pairwise-roles.ts).
  against: opt(str('What the candidate was compared with: a model of this run (against_model), or "run <dir>" (against).')),
  ...pairwiseSummaryProperties,
  winRate: numOrNull('(wins + ties / 2) / n: 0.5 when the two are level.'),
  winner: oneOf(['candidate', 'baseline', null], 'Declared only when the Wilson 95% interval of wins / (wins + losses) excludes 1/2; null otherwise.'),
  continuous: opt(continuousWinRateSchema),
});

/** A model summary's `pairwise`; present only with a pairwise scorer. */
export const pairwiseSchema = arrayOf('Per pairwise scorer, over the items it scored: a verdict that flips with the order is a tie.', pairwiseScorerSchema);

const segmentModelSchema = obj({
  model: text(), n: whole('Scored items (errors excluded).'), passed: whole(),
  passRate: numOrNull(), ci: orNull(pair(), 'Interval of the pass rate at options.confidence (see ciMethod).'),
  ciMethod: oneOf(['wilson', 'clt-over-samples']), samples: whole(), errors: whole(),
});

const segmentChangeSchema = obj({
  reference: text(), model: text(), n: whole('Paired samples.'),
  diff: numOrNull('Mean per-sample pass share of model − reference.'),
  ci: orNull(pair(), 'Interval of diff at options.confidence.'),
  test: obj({ name: oneOf(['mcnemar-exact', 'paired-z', 'clustered-t'], 'mcnemar-exact: one item per sample; paired-z: with epochs; clustered-t: with dataset.fields.group, the t test on clusters − 1 degrees of freedom.'), p: numOrNull() }),
  clusters: opt(whole('With dataset.fields.group: distinct clusters among the paired samples (the interval and the test are clustered). Absent without.')),
  regressed: whole(), improved: whole(),
  small: bool('Fewer than 30 paired samples: too small to conclude.'),
});

const segmentSchema = obj({
  value: str('The metadata value ("(none)": absent or null; "(other)": the values beyond the 50 most frequent).'),
  samples: whole('Distinct samples with an item in this run.'),
  models: list(segmentModelSchema),
  changes: arrayOf('Every model after the first against the first, paired on the segment\'s samples both scored.', segmentChangeSchema),
});

/** One metadata field's segments in summary.json's `segments`. */
export const fieldSegmentsSchema = obj({
  field: text(),
  values: whole('Distinct values seen; beyond the 50 most frequent they are summed into "(other)".'),
  segments: list(segmentSchema),
});

const selfAgreementSchema = obj({
  scorer: text(),
  items: whole('Items whose judge was asked 2 or more samples.'),
  meanAgreement: num({}, 'Mean share of an item\'s samples agreeing with its reduced verdict.'),
  unanimous: whole('Items whose samples all agreed.'),
  unanimousShare: num({}),
});

const cascadeSummarySchema = obj({
  scorer: text(),
  escalateTo: str('The escalation judge\'s provider id.'),
  items: whole('Items the cascade judged (the cheap judge was asked on every one): the scored ones and the unresolved judge errors.'),
  escalated: whole(),
  escalatedShare: num({}),
  reasons: describe(obj({ near: whole(), disagree: whole(), flip: whole(), error: whole() }), 'Escalated items by reason (an item may have several; error: the cheap judge gave no verdict, and then it is the only reason).'),
  cheapCostUsd: numOrNull(),
  escalationCostUsd: numOrNull(),
  costUsd: numOrNull('Both judges together (null when a judge has no known price).'),
  unresolved: whole('Escalated items the escalation judge gave no verdict for either: judge errors (in escalated, reasons and the costs; not in items\' scores).'),
  compared: whole('Escalated items where both judges gave a verdict: the two judges can be compared on these.'),
  agreed: whole('Compared items where both judges gave the same pass/fail decision.'),
  agreement: numOrNull('agreed / compared; null when none.'),
  agreementCi: orNull(pair(), 'Wilson interval of agreement at the run\'s confidence level.'),
});

const judgeTotalsObject = obj({
  calls: whole('Judge requests made this run (re-asks and retries included).'),
  answers: whole('Judge answers used, cached ones included.'),
  tokens: obj({ input: num({}), output: num({}), thinking: num({}) }),
  costUsd: numOrNull('What the judge answers cost at list price; null when a judge has no known price.'),
  errors: whole('Items that ended as judge errors (never counted as failures).'),
  models: opt(list(text(), { description: 'The judges that graded the items (a cascade\'s cheap judge; its escalation judge is under cascade); absent when no item got a verdict.' })),
  selfAgreement: opt(arrayOf('Per scorer whose judge was asked 2 or more samples per item (the cheap judge\'s, when cascaded): how often the samples agreed.', selfAgreementSchema)),
  cascade: opt(arrayOf('Per scorer with judge.escalate: items graded by the cheap judge, how many escalated and why, each judge\'s cost, and how often the two judges\' pass/fail decisions agreed on the escalated items.', cascadeSummarySchema)),
});

/** A model summary's `judge`. */
export const judgeTotalsSchema = either(
  'Judges of model-graded scorers on this model\'s items, apart from the model\'s own tokens and cost; null when nothing was judged.',
  judgeTotalsObject,
  none(),
);

export type EpochShare = Static<typeof epochSummarySchema>['passAtK'];
export type EpochSummary = Static<typeof epochSummarySchema>;
export type ScoreInterval = Static<typeof scoreIntervalObject>;
export type PairwiseScorerSummary = Static<typeof pairwiseScorerSchema>;
export type SegmentModel = Static<typeof segmentModelSchema>;
export type SegmentChange = Static<typeof segmentChangeSchema>;
export type Segment = Static<typeof segmentSchema>;
export type FieldSegments = Static<typeof fieldSegmentsSchema>;
export type JudgeSelfAgreement = Static<typeof selfAgreementSchema>;
export type CascadeSummary = Static<typeof cascadeSummarySchema>;
export type JudgeTotals = Static<typeof judgeTotalsObject>;
