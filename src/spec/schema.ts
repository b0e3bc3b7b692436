import type { Json } from '../types.js';
import { scorerMeta, scorerTypes } from '../scoring/registry.js';

// The eval spec's JSON Schema, assembled from the scorer definitions so a new scorer needs no edit
// here. `haikubench schemas --write schemas` writes it to schemas/eval-spec.schema.json for editors.

const str = (description: string, extra: Record<string, Json> = {}): Json => ({ type: 'string', description, ...extra });
const int = (description: string, minimum: number, extra: Record<string, Json> = {}): Json => ({ type: 'integer', minimum, description, ...extra });

const commonScorerProps: Record<string, Json> = {
  name: str('Name shown in reports (default: the type, numbered when repeated).', { minLength: 1 }),
  weight: { type: 'number', minimum: 0, description: 'Weight in the sample score (default 1). Weight 0 = informational, never part of the verdict.' },
  negate: { type: 'boolean', description: 'Invert the verdict: pass when the check fails.' },
  reducer: {
    description: 'With epochs > 1, how this scorer\'s verdicts of one sample combine in the summary: mean (default), majority, pass_at_k (any epoch passes), pass_hat_k (all pass), or {at_least: m}.',
    anyOf: [
      { enum: ['mean', 'majority', 'pass_at_k', 'pass_hat_k'] },
      { type: 'object', properties: { at_least: { type: 'integer', minimum: 1 } }, required: ['at_least'], additionalProperties: false },
    ],
  },
  expected: { description: 'Expected value, usually a template such as "{{answer}}". Default: the dataset target.' },
};

const PROVIDER_ID = '^(anthropic|openai|sim|replay):[^\\s]+$';

const structuredSchema: Json = {
  enum: ['json_schema', 'tool', 'none'],
  description: 'How the verdict is asked for: json_schema (default: the API\'s JSON-schema output format), tool (a forced call of one verdict tool: for models or OpenAI-compatible endpoints without JSON-schema output; refused on Claude models that reject forced tool use), or none (the prompt alone; the tolerant parser reads the answer).',
};

const escalateSchema: Json = {
  type: 'object',
  properties: {
    model: str('The escalation judge\'s model id (must differ from the cheap judge\'s).', { pattern: PROVIDER_ID }),
    structured: structuredSchema,
    samples: int('Verdicts asked of the escalation judge per escalated item (default 1).', 1, { maximum: 20 }),
    reducer: { enum: ['mean', 'median', 'majority'], description: 'How its samples combine (default: the cheap judge\'s).' },
    max_tokens: int('Maximum output tokens of its answer (default: the cheap judge\'s).', 1),
    agreement: { type: 'number', minimum: 0, maximum: 1, description: 'sim: judges only: probability that its verdict agrees with the truth.' },
    when: {
      type: 'object',
      description: 'When the cheap judge counts as unsure (any condition escalates).',
      properties: {
        near: { type: 'number', minimum: 0, description: 'The cheap score is within this many scale points of pass_at, bounds included (criteria: how far the item verdict is from flipping; reference: on its 0..1 scale).' },
        disagree: { type: 'boolean', description: 'The cheap judge\'s samples are not unanimous (needs samples >= 2).' },
        flip: { type: 'boolean', description: 'pairwise scorers only: the cheap judge\'s verdict changed with the order (default true on pairwise scorers).' },
        error: { type: 'boolean', description: 'The cheap judge gave no verdict (malformed after its re-asks, refused, or its call failed): ask the escalation judge instead of recording a judge error (default true).' },
      },
      minProperties: 1,
      additionalProperties: false,
    },
  },
  required: ['model', 'when'],
  additionalProperties: false,
};

/** judge.calibration: human labels the judge must agree with before the scorer's scores gate anything. */
const calibrationSchema: Json = {
  type: 'object',
  description: 'Agreement with human labels the judge must reach, measured after the run on the labelled samples; below it the scorer\'s scores gate nothing and the run fails (exit 1).',
  properties: {
    labels: str('Labels file (JSONL, JSON, CSV or TSV, relative to the spec): a sample id and a human score on the scorer\'s scale per row.', { minLength: 1 }),
    min_kappa: { type: 'number', minimum: -1, maximum: 1, description: 'Minimum Cohen\'s kappa (weighted as `weighting`).' },
    min_accuracy: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum exact agreement (share of labelled items where judge and human give the same score).' },
    weighting: { enum: ['quadratic', 'linear', 'unweighted'], description: 'Kappa weights (default quadratic).' },
    bound: { enum: ['estimate', 'lower'], description: 'Compare the estimate (default) or the lower end of its 95% interval with the minimum.' },
    id_field: str('Column of the sample id (default "id").', { minLength: 1 }),
    label_field: str('Column of the human score (default "human").', { minLength: 1 }),
    criterion: str('Criteria scorers: the criterion whose verdicts are calibrated.', { minLength: 1 }),
  },
  required: ['labels'],
  additionalProperties: false,
};

/** The judge of model-graded scorers: on a scorer, or at the top of the spec as the default of every one. */
const judgeSchema = (where: 'scorer' | 'spec'): Json => ({
  type: 'object',
  description: where === 'scorer'
    ? 'The judge model of this scorer (default: the spec-level judge).'
    : 'Default judge of every model-graded scorer (rubric, reference, criteria, pairwise); a scorer\'s own judge wins.',
  properties: {
    model: str('Judge model id: anthropic:<model>, openai:<model> or sim:<profile> (sim:judge runs offline).', { pattern: PROVIDER_ID }),
    structured: structuredSchema,
    samples: int('Verdicts asked per item, reduced with `reducer` (default 1).', 1, { maximum: 20 }),
    reducer: { enum: ['mean', 'median', 'majority'], description: 'How the samples combine (default mean).' },
    max_tokens: int('Maximum output tokens of a judge answer (default: run.max_tokens).', 1),
    agreement: { type: 'number', minimum: 0, maximum: 1, description: 'sim: judges only: probability that the verdict agrees with the truth (default: the profile\'s, 0.9 for sim:judge).' },
    escalate: {
      description: where === 'scorer'
        ? 'Cascaded judging: a larger judge grades the items this judge is unsure of (default: the spec-level judge\'s escalate; false turns it off for this scorer).'
        : 'Cascaded judging: a larger judge grades the items this judge is unsure of; its verdict is the score.',
      anyOf: [escalateSchema, { const: false }],
    },
    calibration: calibrationSchema,
  },
  additionalProperties: false,
});

function scorerSchema(type: string): Json {
  const def = scorerMeta(type);
  if (def === undefined) throw new Error(`no scorer ${type}`);
  return {
    type: 'object',
    description: def.description,
    properties: { type: { const: type }, ...commonScorerProps, ...def.options.properties, ...(def.graded && { judge: judgeSchema('scorer') }) },
    required: ['type', ...(def.options.required ?? [])],
    additionalProperties: false,
  };
}

const simSchema: Json = {
  type: 'object',
  description: 'Simulator settings, used only when this model is simulated (a sim: model, or any model under --simulate). See README "The simulator".',
  properties: {
    accuracy: { type: 'number', minimum: 0, maximum: 1, description: 'Probability of answering the target.' },
    segment: str('Metadata field whose values get their own accuracy.'),
    accuracy_by: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 }, description: 'Accuracy per value of `segment`.' },
    latency_ms: { type: 'number', minimum: 0, description: 'Median simulated latency.' },
    realtime: { type: 'boolean', description: 'Actually wait the simulated latency (default false).' },
    seed: { type: 'integer', description: 'Seed of the simulator (default: the run seed).' },
    stated_confidence: {
      type: 'object',
      description: 'Append "Confidence: 0.xx" to every answer, as a model asked for its confidence would: higher on right answers, separating right from wrong with this AUROC.',
      properties: {
        auroc: { type: 'number', minimum: 0.5, exclusiveMaximum: 1, description: 'P(confidence on a right answer > on a wrong one), 0.5 = no information.' },
        bias: { type: 'number', description: 'Shift of the latent confidence in standard deviations (default 1: about 0.85 on average whatever the accuracy).' },
      },
      required: ['auroc'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const modelObject: Json = {
  type: 'object',
  properties: {
    id: str('Provider id: anthropic:<model>, openai:<model>, sim:<profile>, or replay:<field> (the output is the sample\'s field; no model is called).', { pattern: PROVIDER_ID }),
    label: str('Display name in reports (default: the id).'),
    max_tokens: int('Maximum output tokens (thinking included).', 1),
    stop: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 16, description: 'Stop sequences.' },
    thinking: {
      description: 'Anthropic thinking: "adaptive", "disabled", or {budget_tokens: N} (manual, Haiku 4.5).',
      anyOf: [{ enum: ['adaptive', 'disabled'] }, { type: 'object', properties: { budget_tokens: int('Thinking budget.', 1024) }, required: ['budget_tokens'], additionalProperties: false }],
    },
    effort: { enum: ['low', 'medium', 'high', 'xhigh', 'max'], description: 'Anthropic output_config.effort.' },
    stream: { type: 'boolean', description: 'Use the streaming API (default false).' },
    temperature: { type: 'number', minimum: 0, maximum: 2, description: 'openai: models only. Claude models on API 2026-10-21 reject it; use epochs.' },
    base_url: str('Base URL of the API (openai: required unless OPENAI_BASE_URL is set; anthropic: overrides ANTHROPIC_BASE_URL).'),
    api_key_env: str('Name of the environment variable holding the key (default ANTHROPIC_API_KEY / OPENAI_API_KEY).', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    concurrency: int('Concurrent calls for this model (default: run.concurrency).', 1),
    rate_limit: {
      type: 'object',
      description: 'Your own per-minute limits for this model, kept on top of what the API reports in its rate-limit headers.',
      properties: {
        requests_per_minute: int('Requests per minute.', 1),
        input_tokens_per_minute: int('Input tokens per minute (estimated at ~4 characters a token before each call).', 1),
        output_tokens_per_minute: int('Output tokens per minute.', 1),
      },
      additionalProperties: false,
    },
    sim: simSchema,
  },
  required: ['id'],
  additionalProperties: false,
};

export function evalSpecSchema(): Json {
  const types = scorerTypes;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://haikubench.dev/schemas/eval-spec.schema.json',
    title: 'haikubench eval spec',
    type: 'object',
    properties: {
      name: str('Eval id: letters, digits, dot, dash, underscore.', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
      description: str('What the eval checks.'),
      dataset: {
        type: 'object',
        properties: {
          path: str('Dataset file, relative to this spec: .jsonl .json .csv .tsv', { minLength: 1 }),
          format: { enum: ['jsonl', 'json', 'csv', 'tsv'], description: 'Override the format inferred from the extension.' },
          fields: {
            type: 'object',
            description: 'How record fields map onto a sample.',
            properties: {
              id: str('Field holding the sample id (default: "id" if present, else the line or row number).'),
              target: str('Field (dotted path allowed) holding the expected answer.'),
              group: str('Field holding a cluster id shared by related samples (e.g. several questions on one document): the summary adds clustered intervals (Inspect-compatible clustered SE, t interval with clusters − 1 df). A sample without it is a cluster of its own.', { minLength: 1 }),
              metadata: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Fields kept as metadata for segments.' },
            },
            additionalProperties: false,
          },
          limit: int('Use at most this many samples (after shuffle).', 1),
          shuffle: { type: 'boolean', description: 'Shuffle samples with the seed before limiting.' },
          seed: { type: 'integer', description: 'Shuffle seed (default: run.seed).' },
        },
        required: ['path'],
        additionalProperties: false,
      },
      prompt: {
        type: 'object',
        properties: {
          system: str('System prompt (templated).'),
          user: str('The user turn (templated). Shorthand for messages: [{role: user, content: ...}].'),
          messages: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              properties: { role: { enum: ['user', 'assistant'] }, content: str('Turn text (templated).') },
              required: ['role', 'content'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
      models: { type: 'array', minItems: 1, items: { anyOf: [modelObject, { type: 'string', pattern: PROVIDER_ID }] } },
      scorers: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          discriminator: { propertyName: 'type' },
          properties: { type: { type: 'string', description: 'Scorer type (see `haikubench list`).' } },
          required: ['type'],
          oneOf: types.map(scorerSchema),
        },
      },
      judge: judgeSchema('spec'),
      pass: {
        description: 'How scores become a sample verdict: "all" (default), "any", or {threshold: x} on the weighted mean.',
        anyOf: [{ enum: ['all', 'any'] }, { type: 'object', properties: { threshold: { type: 'number', minimum: 0, maximum: 1 } }, required: ['threshold'], additionalProperties: false }],
      },
      gates: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            model: str('Model id or label the gate applies to.'),
            min_pass_rate: { type: 'number', minimum: 0, maximum: 1, description: 'Fail (exit 1) when the pass rate is below this.' },
          },
          required: ['model', 'min_pass_rate'],
          additionalProperties: false,
        },
      },
      regression: {
        type: 'object',
        description: 'Gates against a baseline run, applied by `haikubench compare` and `run --baseline`; the same flags on the command line take precedence (must_pass ids are added to --must-pass).',
        properties: {
          max_drop: { type: 'number', minimum: 0, exclusiveMaximum: 1, description: 'Largest allowed drop in pass rate, as a fraction (0.02 = 2 points).' },
          max_score_drop: { type: 'number', minimum: 0, exclusiveMaximum: 1, description: 'Largest allowed drop in mean score (0..1).' },
          judge: { enum: ['interval', 'significance'], description: 'interval (default): fail when the whole interval of the change lies below -max_drop; significance: when the drop passes max_drop and the paired test is significant at 1 - level.' },
          level: { type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 1, description: 'Confidence level of the comparison (default 0.95).' },
          must_pass: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Sample ids that may never go from pass to fail.' },
        },
        additionalProperties: false,
      },
      run: {
        type: 'object',
        properties: {
          epochs: int('Times each sample is run per model.', 1, { maximum: 100 }),
          concurrency: int('Concurrent calls per provider queue (default 8).', 1, { maximum: 512 }),
          limit: int('Use at most this many samples.', 1),
          seed: { type: 'integer', description: 'Seed for shuffling, jitter and the simulator (default 0).' },
          max_tokens: int('Default max_tokens for models that do not set it (default 1024).', 1),
          timeout_ms: int('Per-attempt timeout (default 120000).', 1),
          max_attempts: int('Attempts per call, first included (default 10; see retries for the caps per error family).', 1, { maximum: 50 }),
          max_retry_wait_ms: int('Total backoff allowed per call (default 120000).', 0),
          connection_retry_ms: int('How long a call keeps retrying while the endpoint cannot be reached or the connection breaks, from its first such failure (default 300000); outside max_attempts, retries and max_retry_wait_ms.', 0),
          retries: {
            type: 'object',
            description: 'Retries allowed per family of transient error, inside max_attempts (defaults: rate_limit 8, overloaded 5, server 3; server covers 5xx, timeouts and resets).',
            properties: { rate_limit: int('Retries after 429s.', 0), overloaded: int('Retries after 529/overloaded.', 0), server: int('Retries after 5xx, timeouts and connection errors.', 0) },
            additionalProperties: false,
          },
          max_error_rate: { type: 'number', minimum: 0, maximum: 1, description: 'Share of items that may end in error before the run counts as incomplete (exit 3). Default 0.1.' },
          confidence: { type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 1, description: 'Confidence level of every interval in the summary and reports (default 0.95).' },
        },
        additionalProperties: false,
      },
    },
    required: ['name', 'dataset', 'prompt', 'models', 'scorers'],
    additionalProperties: false,
  };
}
