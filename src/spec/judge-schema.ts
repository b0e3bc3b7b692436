import { bool, constant, either, int, num, obj, oneOf, opt, str } from '../util/json-schema.js';
import { judgeIdForms, MODEL_ID_PATTERN } from '../providers/registry.js';
import { priceSchema } from '../providers/model-entry.js';

// The judge of model-graded scorers in the spec's JSON Schema: its Static types are the judge's
// input types (spec/input.ts).

export const structuredSchema = oneOf(
  ['json_schema', 'tool', 'none'],
  'How the verdict is asked for: json_schema (default: the API\'s JSON-schema output format), tool (a forced call of one verdict tool: for models or OpenAI-compatible endpoints without JSON-schema output; refused on Claude models that reject forced tool use), or none (the prompt alone; the tolerant parser reads the answer).',
);

export const escalateSchema = obj({
  model: str('The escalation judge\'s model id (must differ from the cheap judge\'s).', { pattern: MODEL_ID_PATTERN }),
  structured: opt(structuredSchema),
  samples: opt(int('Verdicts asked of the escalation judge per escalated item (default 1).', 1, { maximum: 20 })),
  reducer: opt(oneOf(['mean', 'median', 'majority'], 'How its samples combine (default: the cheap judge\'s).')),
  max_tokens: opt(int('Maximum output tokens of its answer (default: the cheap judge\'s).', 1)),
  agreement: opt(num({ minimum: 0, maximum: 1 }, 'sim: judges only: probability that its verdict agrees with the truth.')),
  price: opt(priceSchema('The escalation judge\'s price (as a model entry\'s price:), for a judge the built-in price table does not know.')),
  when: obj({
    near: opt(num({ minimum: 0 }, 'The cheap score is within this many scale points of pass_at, bounds included (criteria: how far the item verdict is from flipping; reference: on its 0..1 scale).')),
    disagree: opt(bool('The cheap judge\'s samples are not unanimous (needs samples >= 2).')),
    flip: opt(bool('pairwise scorers only: the cheap judge\'s verdict changed with the order (default true on pairwise scorers).')),
    error: opt(bool('The cheap judge gave no verdict (malformed after its re-asks, refused, or its call failed): ask the escalation judge instead of recording a judge error (default true).')),
  }, { description: 'When the cheap judge counts as unsure (any condition escalates).', minProperties: 1 }),
});

/** judge.calibration: human labels the judge must agree with before the scorer's scores gate anything. */
export const calibrationSchema = obj({
  labels: str('Labels file (JSONL, JSON, CSV or TSV, relative to the spec): a sample id and a human score on the scorer\'s scale per row.', { minLength: 1 }),
  min_kappa: opt(num({ minimum: -1, maximum: 1 }, 'Minimum Cohen\'s kappa (weighted as `weighting`).')),
  min_accuracy: opt(num({ minimum: 0, maximum: 1 }, 'Minimum exact agreement (share of labelled items where judge and human give the same score).')),
  weighting: opt(oneOf(['quadratic', 'linear', 'unweighted'], 'Kappa weights (default quadratic).')),
  bound: opt(oneOf(['estimate', 'lower'], 'Compare the estimate (default) or the lower end of its 95% interval with the minimum.')),
  id_field: opt(str('Column of the sample id (default "id").', { minLength: 1 })),
  label_field: opt(str('Column of the human score (default "human").', { minLength: 1 })),
  criterion: opt(str('Criteria scorers: the criterion whose verdicts are calibrated.', { minLength: 1 })),
}, { description: 'Agreement with human labels the judge must reach, measured after the run on the labelled samples; below it the scorer\'s scores gate nothing and the run fails (exit 1).' });

/** The judge of model-graded scorers: on a scorer, or at the top of the spec as the default of every one. */
export const judgeSchema = (where: 'scorer' | 'spec') => obj({
  model: opt(str(`Judge model id: ${judgeIdForms()} (sim:judge runs offline).`, { pattern: MODEL_ID_PATTERN })),
  structured: opt(structuredSchema),
  samples: opt(int('Verdicts asked per item, reduced with `reducer` (default 1).', 1, { maximum: 20 })),
  reducer: opt(oneOf(['mean', 'median', 'majority'], 'How the samples combine (default mean).')),
  max_tokens: opt(int('Maximum output tokens of a judge answer (default: run.max_tokens).', 1)),
  agreement: opt(num({ minimum: 0, maximum: 1 }, 'sim: judges only: probability that the verdict agrees with the truth (default: the profile\'s, 0.9 for sim:judge).')),
  price: opt(priceSchema('The judge\'s price (as a model entry\'s price:), for a judge the built-in price table does not know; it belongs to the level that names the model.')),
  escalate: opt(either(
    where === 'scorer'
      ? 'Cascaded judging: a larger judge grades the items this judge is unsure of (default: the spec-level judge\'s escalate; false turns it off for this scorer).'
      : 'Cascaded judging: a larger judge grades the items this judge is unsure of; its verdict is the score.',
    escalateSchema,
    constant(false),
  )),
  calibration: opt(calibrationSchema),
}, {
  description: where === 'scorer'
    ? 'The judge model of this scorer (default: the spec-level judge).'
    : 'Default judge of every model-graded scorer (rubric, reference, criteria, pairwise); a scorer\'s own judge wins.',
});
