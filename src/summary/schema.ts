import { FAILURE_KINDS, type FailureKind } from '../types.js';
import type { RegressionGates } from '../spec/types.js';
import { arrayOf, bool, constant, custom, describe, int, list, num, numOrNull, obj, oneOf, opt, orNull, pair, plainJson, str, text, textOrNull, whole, type Static } from '../util/json-schema.js';
import { classificationSchema, clusteredSchema, scorerEpochsSchema } from '../stats/summary-schema.js';
import { judgeCalibrationSchema } from '../judge/agreement/calibration-schema.js';
import { epochsSchema, fieldSegmentsSchema, judgeTotalsSchema, pairwiseSchema, scoreIntervalSchema } from './parts-schema.js';

// summary.json: its JSON Schema (schemas/summary.schema.json, written by `haikubench schemas --write
// schemas`) and, through Static<>, the TypeScript types of the summary (RunSummary, ModelSummary and
// their parts, re-exported where they are built): one definition.

const scorerSummarySchema = obj({ name: text(), n: whole(), passed: whole(), passRate: numOrNull(), meanValue: numOrNull(), epochs: scorerEpochsSchema });

const modelSummarySchema = obj({
  model: text(), label: text(),
  variant: opt(str('With prompt variants: the variant of this contestant (model is then provider id@variant id).')),
  simulated: bool(),
  n: whole('Items for this model: scored (passed + failed), errors, and unscored (when present).'),
  passed: whole(), failed: whole(), errors: whole(),
  errorsByKind: custom<Partial<Record<FailureKind, number>>>({ type: 'object', propertyNames: { enum: [...FAILURE_KINDS] }, additionalProperties: { type: 'integer' } }),
  passRate: numOrNull('passed / (passed + failed); errors excluded.'),
  ci: orNull(pair(), 'Interval of the pass rate at options.confidence (see ciMethod).'),
  ci95: orNull(pair(), 'The same interval at 95% whatever options.confidence says (comparable across runs).'),
  ciMethod: oneOf(['wilson', 'clt-over-samples'], 'wilson: one item per sample; clt-over-samples: with epochs, CLT over per-sample pass shares.'),
  samples: whole('Distinct samples scored.'),
  meanScore: numOrNull(), meanScoreSe: numOrNull(), meanScoreCi: scoreIntervalSchema,
  tokens: obj({
    input: num({}), output: num({}), thinking: num({}),
    cacheWrite: opt(num({}, 'Prompt caching: input tokens written to the cache (part of input); absent when nothing was.')),
    cacheRead: opt(num({}, 'Prompt caching: input tokens read from the cache (part of input); absent when nothing was.')),
  }),
  cacheSavingsUsd: opt(numOrNull('Prompt caching: what cache reads and writes saved against the full input price (negative: writes not yet paid back by reads); null when a price is unknown. Absent when nothing was cached.')),
  costUsd: numOrNull('What the answers cost at list price (batch price for batch items), cached ones included. For a simulated model (simulated: true), what they would have cost: a simulated cost, nothing was paid.'),
  cached: whole('Items answered from the response cache.'),
  spentUsd: numOrNull('What this run paid: costUsd less the cached answers. Always 0 for a simulated model (see simulatedCostUsd) and for a replay: model (it calls nothing).'),
  simulatedCostUsd: opt(numOrNull('Simulated models only: what this run would have spent at list price (costUsd less the cached answers); nothing was paid. Absent for real models.')),
  latencyMs: obj({ p50: numOrNull(), p95: numOrNull() }),
  stopReasons: custom<Readonly<Record<string, number>>>({ type: 'object', additionalProperties: { type: 'integer' } }),
  attempts: whole(),
  scorers: list(scorerSummarySchema),
  epochs: epochsSchema,
  classification: classificationSchema,
  clustered: clusteredSchema,
  judge: judgeTotalsSchema,
  pairwise: opt(pairwiseSchema),
  unscored: opt(int('Answers no scorer applies to (a model that is only the reference of pairwise against_model scorers): not in n\'s passed, failed or errors; absent when none.', 1)),
  pairwiseReference: opt(list(text(), { description: 'The pairwise against_model scorers this model is the reference of: its own items were not judged (each scores as a tie with itself).' })),
});

const comparisonSchema = obj({
  reference: text(), model: text(), n: whole(),
  diff: numOrNull('Pass rate of model − reference.'),
  ci: orNull(pair(), 'Interval of diff at options.confidence.'),
  test: obj({ name: oneOf(['mcnemar-exact', 'permutation', 'clustered-t'], 'mcnemar-exact: pass/fail, one item per sample; permutation: sign-flip test of the per-sample pass shares (epochs); clustered-t: with dataset.fields.group, the t test on clusters − 1 degrees of freedom behind the interval.'), p: numOrNull() }),
  clusters: opt(whole('With dataset.fields.group: distinct clusters among the paired samples; ci, test and mde are then clustered. Absent without.')),
  regressed: whole('Samples the reference passed and the model failed.'),
  improved: whole(),
  mde: numOrNull('Smallest change in pass rate this run could detect at 80% power.'),
});

const variantComparisonSchema = obj({
  baseModel: str('The model whose variants are compared (its provider id, without a variant).'),
  referenceVariant: text(), variant: text(),
  ...comparisonSchema.properties,
});

const variantsSchema = describe(obj({
  ids: list(text(), { description: 'The variant ids in the spec\'s order; the first is the one the others are compared with.' }),
  comparisons: arrayOf('Per model, every variant against the first variant, paired on the samples both scored (reference and model are contestant ids).', variantComparisonSchema),
}), 'With prompt variants (the spec\'s prompts): the variants of each model compared. Absent without.');

const gateSchema = obj({ model: text(), minPassRate: num({}), passRate: numOrNull(), pass: bool(), skipped: bool(), reason: text() });

const baselineGateSchema = obj({
  model: text(), gate: text(), pass: bool(),
  status: opt(oneOf(['pass', 'fail', 'inconclusive'], 'inconclusive: no drop past the threshold was found, but the comparison cannot detect one that small (its smallest detectable change exceeds the threshold); it fails the run unless regression.on_inconclusive is warn (then pass is true). Absent in older summaries: pass says.')),
  reason: text(),
});

const baselineSchema = describe(obj({
  dir: text({ description: 'The baseline run directory the run was compared with.' }),
  problem: textOrNull('Why the runs could not be compared: no gate was applied, and the run fails. Null when they were compared.'),
  gates: arrayOf('The regression gates (--max-drop, --max-score-drop, --must-pass, the spec\'s regression block), per model of this run against its baseline; a failed one fails the run.', baselineGateSchema),
}), 'run --baseline: this run compared with the baseline run of its eval. Absent without --baseline, and when the run is incomplete (not compared).');

/** The run options in summary.json: the schema names only `confidence` and leaves the object open. */
export interface SummaryRunOptions {
  readonly epochs: number; readonly concurrency: number; readonly seed: number; readonly timeoutMs: number;
  readonly maxAttempts: number; readonly maxRetryWaitMs: number; readonly maxErrorRate: number;
  /** Confidence level of every interval in this summary. */
  readonly confidence: number;
  readonly passRule: string; readonly priceTable: string; readonly maxCostUsd: number | null;
  readonly retryBudgets: { readonly rate_limit: number; readonly overloaded: number; readonly server: number };
  /** The spec's regression gates (compare reads them from the candidate run); null when it declares none. */
  readonly regression: RegressionGates | null;
}

const optionsSchema = custom<SummaryRunOptions>({
  type: 'object',
  properties: { confidence: { type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 1, description: 'Confidence level of every interval in this summary.' } },
  required: ['confidence'],
});

const runSummarySchema = obj({
  schemaVersion: constant(1),
  harness: obj({ name: constant('haikubench'), version: text() }),
  runId: text(),
  status: oneOf(['completed', 'aborted']),
  stoppedBy: oneOf(['interrupt', 'max_cost', 'circuit_breaker', 'batch_error', null], 'Why an aborted run stopped (batch_error: run --batch could not go on; see stopMessage).'),
  stopMessage: textOrNull('For a circuit-breaker stop: the repeated error.'),
  verdict: oneOf(['pass', 'gate_failed', 'incomplete']),
  startedAt: text({ format: 'date-time' }),
  endedAt: text({ format: 'date-time' }),
  eval: obj({ id: text(), description: textOrNull(), file: text() }),
  dataset: obj({ path: text(), sha256: text({ pattern: '^[0-9a-f]{64}$' }), records: whole(), samples: whole() }),
  options: optionsSchema,
  simulated: bool(),
  items: obj({ planned: whole(), finished: whole(), errors: whole() }),
  shard: orNull(obj({ index: int(undefined, 1), count: int(undefined, 1) }), '--shard i/n: this run holds one slice of the plan.'),
  mergedFrom: orNull(list(text()), 'A run made by `haikubench merge`: the run directories it joined.'),
  models: list(modelSummarySchema),
  comparisons: arrayOf('Every model against the first (the reference), paired on the samples both scored; empty with one model.', comparisonSchema),
  variants: opt(variantsSchema),
  segments: list(fieldSegmentsSchema, { description: 'Per metadata field (dataset.fields.metadata), per value: pass rates per model and changes against the first model.' }),
  gates: list(gateSchema),
  judgeCalibration: opt(judgeCalibrationSchema),
  baseline: opt(baselineSchema),
});

/** schemas/summary.schema.json. */
export const summaryJsonSchema = () => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://haikubench.dev/schemas/summary.schema.json',
  title: 'haikubench summary.json',
  ...plainJson<Readonly<Record<string, unknown>>>(runSummarySchema),
});

export type ScorerSummary = Static<typeof scorerSummarySchema>;
export type ModelSummary = Static<typeof modelSummarySchema>;
/** One model against the first (the reference), paired on the samples both scored (src/compare/in-run.ts). */
export type ReferenceComparison = Static<typeof comparisonSchema>;
/** What a comparison and a segment's change share. */
export type PairedChange = Pick<ReferenceComparison, 'reference' | 'model' | 'n' | 'diff' | 'ci' | 'regressed' | 'improved'>;
export type GateResult = Static<typeof gateSchema>;
/** One model's variant against its first variant (src/compare/variants.ts). */
export type VariantComparison = Static<typeof variantComparisonSchema>;
export type VariantsSection = Static<typeof variantsSchema>;
/** One regression gate of run --baseline: a model of this run against its baseline (src/compare/compare.ts). */
export type BaselineGateResult = Static<typeof baselineGateSchema>;
export type BaselineSection = Static<typeof baselineSchema>;
/** summary.json. */
export type RunSummary = Static<typeof runSummarySchema>;
