import type { Json } from '../types.js';
import { FAILURE_KINDS } from '../types.js';
import { summaryJsonSchema } from '../summary/schema.js';
import { escalationFailureSchema, scoreJudgeSchema } from './judge-schema.js';

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

/** schemas/summary.schema.json, from the definition the summary's types derive from (src/summary/schema.ts). */
export const summarySchema: Json = summaryJsonSchema() as Json;
