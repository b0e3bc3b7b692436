import type { Json } from '../types.js';

// JSON Schema fragments of what the judges of model-graded scorers leave in the run directory: a
// score's `judge` in records.jsonl (verdict, samples, calls, the cascade) and a model's `judge`
// totals in summary.json (calls, cost, self-agreement, cascades). Assembled by report/schemas.ts.

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

const selfAgreement: Json = {
  type: 'array',
  description: 'Per scorer whose judge was asked 2 or more samples per item (the cheap judge\'s, when cascaded): how often the samples agreed.',
  items: {
    type: 'object',
    properties: {
      scorer: str,
      items: { type: 'integer', description: 'Items whose judge was asked 2 or more samples.' },
      meanAgreement: { type: 'number', description: 'Mean share of an item\'s samples agreeing with its reduced verdict.' },
      unanimous: { type: 'integer', description: 'Items whose samples all agreed.' },
      unanimousShare: num,
    },
    required: ['scorer', 'items', 'meanAgreement', 'unanimous', 'unanimousShare'], additionalProperties: false,
  },
};

const cascades: Json = {
  type: 'array',
  description: 'Per scorer with judge.escalate: items graded by the cheap judge, how many escalated and why, each judge\'s cost, and how often the two judges\' pass/fail decisions agreed on the escalated items.',
  items: {
    type: 'object',
    properties: {
      scorer: str,
      escalateTo: { type: 'string', description: 'The escalation judge\'s provider id.' },
      items: { type: 'integer', description: 'Items the cascade judged (the cheap judge was asked on every one): the scored ones and the unresolved judge errors.' },
      escalated: int,
      escalatedShare: num,
      reasons: { type: 'object', properties: { near: int, disagree: int, flip: int, error: int }, required: ['near', 'disagree', 'flip', 'error'], additionalProperties: false, description: 'Escalated items by reason (an item may have several; error: the cheap judge gave no verdict, and then it is the only reason).' },
      cheapCostUsd: nullableNum,
      escalationCostUsd: nullableNum,
      costUsd: { type: ['number', 'null'], description: 'Both judges together (null when a judge has no known price).' },
      unresolved: { type: 'integer', description: 'Escalated items the escalation judge gave no verdict for either: judge errors (in escalated, reasons and the costs; not in items\' scores).' },
      compared: { type: 'integer', description: 'Escalated items where both judges gave a verdict: the two judges can be compared on these.' },
      agreed: { type: 'integer', description: 'Compared items where both judges gave the same pass/fail decision.' },
      agreement: { type: ['number', 'null'], description: 'agreed / compared; null when none.' },
      agreementCi: { anyOf: [{ type: 'array', items: num, minItems: 2, maxItems: 2 }, { type: 'null' }], description: 'Wilson interval of agreement at the run\'s confidence level.' },
    },
    required: ['scorer', 'escalateTo', 'items', 'escalated', 'escalatedShare', 'reasons', 'cheapCostUsd', 'escalationCostUsd', 'costUsd', 'unresolved', 'compared', 'agreed', 'agreement', 'agreementCi'],
    additionalProperties: false,
  },
};

/** A model's `judge` in summary.json. */
export const judgeTotalsSchema: Json = {
  description: 'Judges of model-graded scorers on this model\'s items, apart from the model\'s own tokens and cost; null when nothing was judged.',
  anyOf: [{
    type: 'object',
    properties: {
      calls: { type: 'integer', description: 'Judge requests made this run (re-asks and retries included).' },
      answers: { type: 'integer', description: 'Judge answers used, cached ones included.' },
      tokens: { type: 'object', properties: { input: num, output: num, thinking: num }, required: ['input', 'output', 'thinking'], additionalProperties: false },
      costUsd: { type: ['number', 'null'], description: 'What the judge answers cost at list price; null when a judge has no known price.' },
      errors: { type: 'integer', description: 'Items that ended as judge errors (never counted as failures).' },
      models: { type: 'array', items: { type: 'string' }, description: 'The judges that graded the items (a cascade\'s cheap judge; its escalation judge is under cascade); absent when no item got a verdict.' },
      selfAgreement,
      cascade: cascades,
    },
    required: ['calls', 'answers', 'tokens', 'costUsd', 'errors'],
    additionalProperties: false,
  }, { type: 'null' }],
};
