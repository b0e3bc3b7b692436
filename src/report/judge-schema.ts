import type { Json } from '../types.js';

// JSON Schema fragments of what the judges of model-graded scorers leave in records.jsonl: a score's
// `judge` (verdict, samples, calls, the cascade) and a record's error.escalation. Assembled by
// report/schemas.ts. (A model's `judge` totals in summary.json are defined with the summary, in
// summary/parts-schema.ts.)

const winner = { enum: ['A', 'B', 'tie'] } as const;
const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const calls = { $ref: '#/definitions/judgeCalls' } as const;

const verdict: Json = {
  anyOf: [num, { type: 'object', additionalProperties: num }, {
    type: 'object',
    properties: {
      candidateFirst: winner, candidateSecond: winner, flipped: { type: 'boolean' }, outcome: { enum: ['win', 'tie', 'loss'] },
      lengths: {
        type: 'object', description: 'The candidate\'s and the baseline\'s output lengths in characters (for the length bias of calibrate).',
        properties: { candidate: { type: 'integer', minimum: 0 }, baseline: { type: 'integer', minimum: 0 } }, required: ['candidate', 'baseline'], additionalProperties: false,
      },
    },
    required: ['candidateFirst', 'candidateSecond', 'flipped', 'outcome'], additionalProperties: false,
  }],
  description: 'The reduced score, one score per criterion, or (pairwise) the winning position in each order (A: shown first), whether the outcome flipped with the order, and the outcome for the candidate.',
};

const REASONS = ['near', 'disagree', 'flip', 'error'] as const;

/** A record's error.escalation: a cascaded item that neither judge gave a verdict for. */
export const escalationFailureSchema: Json = {
  type: 'object',
  description: 'A judge error of a cascade: the scorer escalated (why), and the escalation judge gave no verdict either; each side\'s calls.',
  properties: { scorer: str, escalateTo: str, reasons: { type: 'array', items: { enum: [...REASONS] } }, cheapCalls: calls, escalationCalls: calls },
  required: ['scorer', 'escalateTo', 'reasons', 'cheapCalls', 'escalationCalls'], additionalProperties: false,
};

const samples: Json = {
  type: 'object',
  properties: { valid: int, asked: int, agreement: { type: 'number', description: 'Share of valid samples agreeing with the reduced verdict.' } },
  required: ['valid', 'asked', 'agreement'], additionalProperties: false,
};

const cascade: Json = {
  description: 'With judge.escalate: not escalated (the judge above is the cheap one), or escalated (the judge above is the escalation judge; calls = cheap.calls + escalationCalls).',
  anyOf: [
    {
      type: 'object',
      properties: { escalated: { const: false }, escalateTo: { type: 'string', description: 'The escalation judge it would have gone to.' } },
      required: ['escalated', 'escalateTo'], additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        escalated: { const: true },
        escalateTo: { type: 'string', description: 'The escalation judge\'s provider id.' },
        reasons: { type: 'array', items: { enum: [...REASONS] }, description: 'near: the cheap score was within when.near of pass_at; disagree: the cheap samples were not unanimous; flip: the cheap pairwise verdict changed with the order; error: the cheap judge gave no verdict.' },
        cheap: {
          type: 'object',
          description: 'The cheap judge: its verdict, the pass decision it gave (negate applied), its samples and calls; verdict and pass are null when it gave no verdict (reason error), and error says why.',
          properties: { model: str, verdict: { anyOf: [verdict, { type: 'null' }] }, pass: { type: ['boolean', 'null'] }, error: str, samples, calls },
          required: ['model', 'verdict', 'pass', 'samples', 'calls'], additionalProperties: false,
        },
        escalationCalls: calls,
      },
      required: ['escalated', 'escalateTo', 'reasons', 'cheap', 'escalationCalls'], additionalProperties: false,
    },
  ],
};

/** A score's `judge` in records.jsonl. */
export const scoreJudgeSchema: Json = {
  type: 'object',
  description: 'Model-graded scorers: the judge\'s verdict (on its own scale), reasoning and calls.',
  properties: {
    model: { type: 'string', description: 'The judge\'s provider id.' },
    version: { type: 'string', description: 'Judge prompt version, e.g. rubric-v1 (part of the cache key).' },
    reasoning: str,
    verdict,
    samples,
    calls,
    cascade,
  },
  required: ['model', 'version', 'reasoning', 'verdict', 'samples', 'calls'],
  additionalProperties: false,
};
