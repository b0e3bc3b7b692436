import { arrayOf, bool, list, num, numOrNull, obj, oneOf, orNull, pair, str, text, textOrNull, whole, type Static } from '../util/json-schema.js';

// The parts of summary.json that the statistics here compute, as JSON Schema (assembled into
// schemas/summary.schema.json by summary/schema.ts) and, through Static<>, as their TypeScript
// types: a model summary's `classification` (classification.ts, label-tally.ts), `clustered`
// (clustered-summary.ts) and a scorer summary's `epochs` (scorer-epochs.ts).

const classMetricsSchema = obj({
  label: text(), declared: bool(), support: whole(), predicted: whole(), correct: whole(), precision: num({}), recall: num({}), f1: num({}),
  zeroDivision: list(oneOf(['precision', 'recall', 'f1']), { description: 'Metrics that were 0/0, reported as 0 (scikit-learn).' }),
});

const confusionMatrixSchema = obj({
  classes: list(text(), { description: 'Rows: expected labels.' }),
  columns: list(text(), { description: 'Columns: the classes, then labels only ever predicted.' }),
  counts: list(list(whole())),
  unlabelled: list(whole(), { description: 'Per row: outputs that named no label.' }),
});

const confusionSchema = obj({ expected: text(), predicted: textOrNull(), count: whole(), share: num({}) });

const classificationReportSchema = obj({
  n: whole(), correct: whole(),
  unlabelled: whole('Items whose output named no label (or several): wrong, and no class\'s prediction.'),
  accuracy: numOrNull(),
  ci: orNull(pair(), 'Wilson interval of the accuracy at options.confidence.'),
  matrix: confusionMatrixSchema,
  perClass: list(classMetricsSchema),
  macroClasses: list(text(), { description: 'The classes macro- and weighted-F1 average over.' }),
  macroF1: numOrNull(), weightedF1: numOrNull(),
  micro: obj({ precision: numOrNull(), recall: numOrNull(), f1: numOrNull() }),
  confusions: list(confusionSchema, { description: 'Most confused pairs, most items first.' }),
});

const labelClassificationSchema = obj({
  scorer: text(),
  report: classificationReportSchema,
  folded: whole('Distinct labels only ever predicted, folded into "(other label)" beyond the 10 most frequent.'),
});

/** A model summary's `classification`. */
export const classificationSchema = arrayOf('Per label scorer: classification metrics over the scored items.', labelClassificationSchema);

const clusteredFigureSchema = obj({
  mean: num({}), se: num({}),
  ci: orNull(pair(), 't interval with df degrees of freedom at options.confidence; null with one cluster.'),
});

const clusteredSummarySchema = obj({ field: text(), clusters: whole(), df: whole(), passRate: clusteredFigureSchema, meanScore: clusteredFigureSchema });

/** A model summary's `clustered`. */
export const clusteredSchema = orNull(
  clusteredSummarySchema,
  'With dataset.fields.group: pass rate and mean score over samples with the Inspect-compatible clustered SE and a t interval (clusters − 1 df); null otherwise.',
);

const scorerEpochsObject = obj({
  reducer: str('mean, majority, pass@k, pass^k or "at least m of k".'),
  k: whole(), samples: whole(), incomplete: whole(), value: numOrNull(),
  ci: orNull(pair(), 'Wilson (pass-type reducers) or CLT (mean) interval at options.confidence.'),
});

/** A scorer summary's `epochs`. */
export const scorerEpochsSchema = orNull(
  scorerEpochsObject,
  'With epochs > 1: this scorer\'s verdicts of a sample reduced as the spec says (reducer), over samples with all k epochs scored; null with one epoch.',
);

export type ClassMetrics = Static<typeof classMetricsSchema>;
export type ConfusionMatrix = Static<typeof confusionMatrixSchema>;
export type Confusion = Static<typeof confusionSchema>;
export type ClassificationReport = Static<typeof classificationReportSchema>;
/** Per label scorer: its classification report, and how many predicted-only labels were folded. */
export type LabelClassification = Static<typeof labelClassificationSchema>;
export type ClusteredFigure = Static<typeof clusteredFigureSchema>;
export type ClusteredSummary = Static<typeof clusteredSummarySchema>;
/** A scorer's verdicts per sample reduced over its k epochs. */
export type ScorerEpochs = Static<typeof scorerEpochsObject>;
