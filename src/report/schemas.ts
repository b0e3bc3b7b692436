import type { Json } from '../types.js';
import { FAILURE_KINDS } from '../types.js';
import { classificationSchema, clusteredSchema, pairwiseSchema, scoreIntervalSchema, scorerEpochsSchema, judgeCalibrationSchema, baselineSchema } from './summary-parts-schema.js';
import { escalationFailureSchema, judgeTotalsSchema, scoreJudgeSchema } from './judge-schema.js';

// JSON Schemas of the run directory's files (DESIGN.md §3), written to schemas/ by
// `haikubench schemas --write schemas`. Tests validate real output against them.

const num = { type: 'number' } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const str = { type: 'string' } as const;
const usage: Json = {
  type: 'object',
  properties: { inputTokens: num, outputTokens: num, thinkingTokens: num },
  required: ['inputTokens', 'outputTokens', 'thinkingTokens'],
  additionalProperties: false,
};
const score: Json = {
  type: 'object',
  properties: {
    name: str, value: num, pass: { type: 'boolean' }, reason: str,
    label: {
      type: 'object', properties: { expected: str, predicted: { type: ['string', 'null'] } }, required: ['expected', 'predicted'], additionalProperties: false,
      description: 'Label scorers: the expected label and the one the output named (null: none or several), normalised.',
    },
    judge: scoreJudgeSchema,
  },
  required: ['name', 'value', 'pass'],
  additionalProperties: false,
};

export const recordSchema: Json = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://haikubench.dev/schemas/record.schema.json',
  title: 'haikubench records.jsonl line (one work item: sample × model × epoch)',
  definitions: {
    judgeCalls: {
      type: 'object',
      description: 'Judge calls of model-graded scorers: apart from the model\'s own usage and costUsd.',
      properties: {
        attempts: { type: 'integer', description: 'Judge requests made this run (re-asks and retries included; 0 when all came from the cache).' },
        answers: { type: 'integer', description: 'Judge answers used, cached ones included.' },
        usage, costUsd: { type: ['number', 'null'], description: 'What the answers used cost at list price, cached ones included; null when a judge has no known price.' },
        spentUsd: { type: ['number', 'null'], description: 'What this run spent on judge calls (cached answers excluded); null when a judge has no known price.' },
      },
      required: ['attempts', 'answers', 'usage', 'costUsd'],
      additionalProperties: false,
    },
  },
  type: 'object',
  properties: {
    runId: str, evalId: str, sampleId: str,
    model: { type: 'string', description: 'Provider id, e.g. anthropic:claude-haiku-5-5' },
    simulated: { type: 'boolean', description: 'True for sim: models: the output is simulated, not a real model\'s.' },
    epoch: { type: 'integer', minimum: 1 },
    status: { enum: ['ok', 'error'] },
    output: str,
    pass: { type: 'boolean', description: 'Absent on error (errors are never failures), and when no scorer applies to the answer (the reference of a pairwise against_model scorer).' },
    score: { type: 'number', minimum: 0, maximum: 1, description: 'Weighted mean of the score values.' },
    scores: { type: 'array', items: score },
    latencyMs: nullableNum,
    usage: { anyOf: [usage, { type: 'null' }] },
    costUsd: { type: ['number', 'null'], description: 'null when the model has no known price.' },
    stopReason: { type: ['string', 'null'] },
    error: {
      type: 'object',
      properties: {
        kind: { enum: [...FAILURE_KINDS] }, message: str,
        stage: { enum: ['provider', 'scorer', 'judge'], description: 'judge: a model-graded scorer\'s judge gave no verdict (kind judge, or the judge call\'s own failure).' },
        escalation: escalationFailureSchema,
      },
      required: ['kind', 'message', 'stage'],
      additionalProperties: false,
    },
    attempts: { type: 'integer', minimum: 0, description: 'Calls made, retries included (0: answered from the cache).' },
    retries: { type: 'array', items: { type: 'object', properties: { kind: { enum: [...FAILURE_KINDS] }, waitMs: num }, required: ['kind', 'waitMs'], additionalProperties: false } },
    cached: { type: 'boolean', description: 'Answered from the response cache: latencyMs, usage and costUsd are the original call\'s; this run paid nothing for it.' },
    cachedAt: { type: 'string', format: 'date-time', description: 'With cached: when the answer was first stored.' },
    batchId: { type: 'string', description: 'The Message Batch that answered this item (run --batch).' },
    judge: { $ref: '#/definitions/judgeCalls' },
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: num,
    metadata: { type: 'object' },
  },
  required: ['runId', 'evalId', 'sampleId', 'model', 'simulated', 'epoch', 'status', 'output', 'scores', 'latencyMs', 'usage', 'costUsd', 'stopReason', 'attempts', 'retries', 'cached', 'startedAt', 'durationMs', 'metadata'],
  additionalProperties: false,
  if: { properties: { status: { const: 'error' } } },
  then: { required: ['error'], not: { required: ['pass'] } },
  else: { required: ['pass', 'score'] },
};

const epochShare = (description: string): Json => ({
  type: 'object',
  description,
  properties: {
    count: { type: 'integer', description: 'Complete samples that meet the rule.' },
    share: { type: ['number', 'null'], description: 'count / samples; null when no sample is complete.' },
    ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'Wilson interval of the share at options.confidence.' },
  },
  required: ['count', 'share', 'ci'],
  additionalProperties: false,
});
const epochSummary: Json = {
  anyOf: [{
    type: 'object',
    properties: {
      k: { type: 'integer', minimum: 2, description: 'Epochs per sample in the plan.' },
      samples: { type: 'integer', description: 'Samples with all k epochs scored: the denominator of every share.' },
      incomplete: { type: 'integer', description: 'Samples with fewer than k scored epochs (errors, unfinished): left out.' },
      passAtK: epochShare('pass@k: at least one epoch passed.'),
      passHatK: epochShare('pass^k: all k epochs passed.'),
      majority: epochShare('More than k/2 epochs passed; a tie counts as a fail.'),
      meanShare: {
        type: 'object',
        description: 'Mean per-sample pass share, with the CLT interval over samples.',
        properties: { share: nullableNum, ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }] } },
        required: ['share', 'ci'],
        additionalProperties: false,
      },
      flaky: epochShare('Samples whose verdict varies across epochs (some pass, some fail).'),
    },
    required: ['k', 'samples', 'incomplete', 'passAtK', 'passHatK', 'majority', 'meanShare', 'flaky'],
    additionalProperties: false,
  }, { type: 'null' }],
  description: 'Epoch reducers and flakiness over samples with all k epochs scored; null with one epoch.',
};

const modelSummary: Json = {
  type: 'object',
  properties: {
    model: str, label: str, simulated: { type: 'boolean' },
    n: { type: 'integer', description: 'Items for this model: scored (passed + failed), errors, and unscored (when present).' },
    passed: { type: 'integer' }, failed: { type: 'integer' }, errors: { type: 'integer' },
    errorsByKind: { type: 'object', propertyNames: { enum: [...FAILURE_KINDS] }, additionalProperties: { type: 'integer' } },
    passRate: { type: ['number', 'null'], description: 'passed / (passed + failed); errors excluded.' },
    ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'Interval of the pass rate at options.confidence (see ciMethod).' },
    ci95: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'The same interval at 95% whatever options.confidence says (comparable across runs).' },
    ciMethod: { enum: ['wilson', 'clt-over-samples'], description: 'wilson: one item per sample; clt-over-samples: with epochs, CLT over per-sample pass shares.' },
    samples: { type: 'integer', description: 'Distinct samples scored.' },
    meanScore: nullableNum, meanScoreSe: nullableNum, meanScoreCi: scoreIntervalSchema,
    tokens: { type: 'object', properties: { input: num, output: num, thinking: num }, required: ['input', 'output', 'thinking'], additionalProperties: false },
    costUsd: { type: ['number', 'null'], description: 'What the answers cost at list price (batch price for batch items), cached ones included.' },
    cached: { type: 'integer', description: 'Items answered from the response cache.' },
    spentUsd: { type: ['number', 'null'], description: 'What this run paid: costUsd less the cached answers.' },
    latencyMs: { type: 'object', properties: { p50: nullableNum, p95: nullableNum }, required: ['p50', 'p95'], additionalProperties: false },
    stopReasons: { type: 'object', additionalProperties: { type: 'integer' } },
    attempts: { type: 'integer' },
    scorers: { type: 'array', items: { type: 'object', properties: { name: str, n: { type: 'integer' }, passed: { type: 'integer' }, passRate: nullableNum, meanValue: nullableNum, epochs: scorerEpochsSchema }, required: ['name', 'n', 'passed', 'passRate', 'meanValue', 'epochs'], additionalProperties: false } },
    epochs: epochSummary,
    classification: classificationSchema,
    clustered: clusteredSchema,
    judge: judgeTotalsSchema,
    pairwise: pairwiseSchema,
    unscored: { type: 'integer', minimum: 1, description: 'Answers no scorer applies to (a model that is only the reference of pairwise against_model scorers): not in n\'s passed, failed or errors; absent when none.' },
    pairwiseReference: { type: 'array', items: { type: 'string' }, description: 'The pairwise against_model scorers this model is the reference of: its own items were not judged (each scores as a tie with itself).' },
  },
  required: ['model', 'label', 'simulated', 'n', 'passed', 'failed', 'errors', 'errorsByKind', 'passRate', 'ci', 'ci95', 'ciMethod', 'samples', 'meanScore', 'meanScoreSe', 'meanScoreCi', 'tokens', 'costUsd', 'cached', 'spentUsd', 'latencyMs', 'stopReasons', 'attempts', 'scorers', 'epochs', 'classification', 'clustered', 'judge'],
  additionalProperties: false,
};

const interval = { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }] } as const;
const fieldSegments: Json = {
  type: 'object',
  properties: {
    field: str,
    values: { type: 'integer', description: 'Distinct values seen; beyond the 50 most frequent they are summed into "(other)".' },
    segments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          value: { type: 'string', description: 'The metadata value ("(none)": absent or null; "(other)": the values beyond the 50 most frequent).' },
          samples: { type: 'integer', description: 'Distinct samples with an item in this run.' },
          models: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                model: str, n: { type: 'integer', description: 'Scored items (errors excluded).' }, passed: { type: 'integer' },
                passRate: nullableNum, ci: { ...interval, description: 'Interval of the pass rate at options.confidence (see ciMethod).' },
                ciMethod: { enum: ['wilson', 'clt-over-samples'] }, samples: { type: 'integer' }, errors: { type: 'integer' },
              },
              required: ['model', 'n', 'passed', 'passRate', 'ci', 'ciMethod', 'samples', 'errors'],
              additionalProperties: false,
            },
          },
          changes: {
            type: 'array',
            description: 'Every model after the first against the first, paired on the segment\'s samples both scored.',
            items: {
              type: 'object',
              properties: {
                reference: str, model: str, n: { type: 'integer', description: 'Paired samples.' },
                diff: { type: ['number', 'null'], description: 'Mean per-sample pass share of model − reference.' },
                ci: { ...interval, description: 'Interval of diff at options.confidence.' },
                test: { type: 'object', properties: { name: { enum: ['mcnemar-exact', 'paired-z'] }, p: nullableNum }, required: ['name', 'p'], additionalProperties: false },
                regressed: { type: 'integer' }, improved: { type: 'integer' },
                small: { type: 'boolean', description: 'Fewer than 30 paired samples: too small to conclude.' },
              },
              required: ['reference', 'model', 'n', 'diff', 'ci', 'test', 'regressed', 'improved', 'small'],
              additionalProperties: false,
            },
          },
        },
        required: ['value', 'samples', 'models', 'changes'],
        additionalProperties: false,
      },
    },
  },
  required: ['field', 'values', 'segments'],
  additionalProperties: false,
};

export const summarySchema: Json = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://haikubench.dev/schemas/summary.schema.json',
  title: 'haikubench summary.json',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    harness: { type: 'object', properties: { name: { const: 'haikubench' }, version: str }, required: ['name', 'version'], additionalProperties: false },
    runId: str,
    status: { enum: ['completed', 'aborted'] },
    stoppedBy: { enum: ['interrupt', 'max_cost', 'circuit_breaker', 'batch_error', null], description: 'Why an aborted run stopped (batch_error: run --batch could not go on; see stopMessage).' },
    stopMessage: { type: ['string', 'null'], description: 'For a circuit-breaker stop: the repeated error.' },
    verdict: { enum: ['pass', 'gate_failed', 'incomplete'] },
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: { type: 'string', format: 'date-time' },
    eval: { type: 'object', properties: { id: str, description: { type: ['string', 'null'] }, file: str }, required: ['id', 'description', 'file'], additionalProperties: false },
    dataset: { type: 'object', properties: { path: str, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, records: { type: 'integer' }, samples: { type: 'integer' } }, required: ['path', 'sha256', 'records', 'samples'], additionalProperties: false },
    options: { type: 'object', properties: { confidence: { type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 1, description: 'Confidence level of every interval in this summary.' } }, required: ['confidence'] },
    simulated: { type: 'boolean' },
    items: { type: 'object', properties: { planned: { type: 'integer' }, finished: { type: 'integer' }, errors: { type: 'integer' } }, required: ['planned', 'finished', 'errors'], additionalProperties: false },
    shard: { anyOf: [{ type: 'object', properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } }, required: ['index', 'count'], additionalProperties: false }, { type: 'null' }], description: '--shard i/n: this run holds one slice of the plan.' },
    mergedFrom: { anyOf: [{ type: 'array', items: str }, { type: 'null' }], description: 'A run made by `haikubench merge`: the run directories it joined.' },
    models: { type: 'array', items: modelSummary },
    comparisons: {
      type: 'array',
      description: 'Every model against the first (the reference), paired on the samples both scored; empty with one model.',
      items: {
        type: 'object',
        properties: {
          reference: str, model: str, n: { type: 'integer' },
          diff: { type: ['number', 'null'], description: 'Pass rate of model − reference.' },
          ci: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'Interval of diff at options.confidence.' },
          test: { type: 'object', properties: { name: { enum: ['mcnemar-exact', 'permutation'] }, p: nullableNum }, required: ['name', 'p'], additionalProperties: false },
          regressed: { type: 'integer', description: 'Samples the reference passed and the model failed.' },
          improved: { type: 'integer' },
          mde: { type: ['number', 'null'], description: 'Smallest change in pass rate this run could detect at 80% power.' },
        },
        required: ['reference', 'model', 'n', 'diff', 'ci', 'test', 'regressed', 'improved', 'mde'],
        additionalProperties: false,
      },
    },
    segments: { type: 'array', items: fieldSegments, description: 'Per metadata field (dataset.fields.metadata), per value: pass rates per model and changes against the first model.' },
    gates: { type: 'array', items: { type: 'object', properties: { model: str, minPassRate: num, passRate: nullableNum, pass: { type: 'boolean' }, skipped: { type: 'boolean' }, reason: str }, required: ['model', 'minPassRate', 'passRate', 'pass', 'skipped', 'reason'], additionalProperties: false } },
    judgeCalibration: judgeCalibrationSchema,
    baseline: baselineSchema,
  },
  required: ['schemaVersion', 'harness', 'runId', 'status', 'stoppedBy', 'stopMessage', 'verdict', 'startedAt', 'endedAt', 'eval', 'dataset', 'options', 'simulated', 'items', 'shard', 'mergedFrom', 'models', 'comparisons', 'segments', 'gates'],
  additionalProperties: false,
};
