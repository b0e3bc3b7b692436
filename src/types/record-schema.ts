import { FAILURE_KINDS } from '../types.js';
import type { Json } from '../types.js';
import { anyOf, anyValue, bool, boolOrNull, constant, custom, describe, either, int, list, num, numOrNull, obj, oneOf, opt, orNull, plainJson, str, text, textOrNull, whole, type Static } from '../util/json-schema.js';

// A line of records.jsonl: its JSON Schema (schemas/record.schema.json, written by `haikubench
// schemas --write schemas`) and, through Static<>, the vocabulary's types of what it holds
// (RunRecord, Score, Usage, JudgeInfo, JudgeCalls, ...; re-exported by types.ts and types/judge.ts):
// one definition.

const usageSchema = obj({
  inputTokens: num({}, 'Input tokens, cache writes and reads included.'), outputTokens: num({}), thinkingTokens: num({}),
  cacheWriteTokens: opt(num({}, 'Prompt caching: input tokens written to the cache (priced at the cache-write rate).')),
  cacheReadTokens: opt(num({}, 'Prompt caching: input tokens read from the cache (priced at the cache-read rate).')),
});

const toolCallSchema = obj({
  id: text(), name: text(), input: custom<Readonly<Record<string, Json>>>({ type: 'object' }),
  result: opt(anyValue<Json>('What the tool answered (a tool loop).')), isError: opt(bool()),
});
const stepSchema = obj({ text: text(), calls: list(toolCallSchema, { description: 'The calls of this response: parallel calls are a set.' }) });
const turnSchema = obj({ user: text(), output: text(), stopReason: textOrNull() });

const judgeCallsSchema = obj({
  attempts: whole('Judge requests made this run (re-asks and retries included; 0 when all came from the cache).'),
  answers: whole('Judge answers used, cached ones included.'),
  usage: usageSchema,
  costUsd: numOrNull('What the answers used cost at list price, cached ones included; null when a judge has no known price.'),
  spentUsd: opt(numOrNull('What this run spent on judge calls (cached answers excluded); null when a judge has no known price.')),
}, { description: 'Judge calls of model-graded scorers: apart from the model\'s own usage and costUsd.' });

/** Judge calls, as a reference to the record schema's one definition of them. */
const calls = custom<Static<typeof judgeCallsSchema>>({ $ref: '#/definitions/judgeCalls' });

const winner = oneOf(['A', 'B', 'tie']);
const pairVerdictSchema = obj({
  candidateFirst: winner, candidateSecond: winner, flipped: bool(), outcome: oneOf(['win', 'tie', 'loss']),
  lengths: opt(obj({ candidate: int(undefined, 0), baseline: int(undefined, 0) }, { description: 'The candidate\'s and the baseline\'s output lengths in characters (for the length bias of calibrate).' })),
  preference: opt(num({ minimum: 0, maximum: 1 }, 'scale: graded or logprobs: the candidate\'s continuous preference on 0..1, the mean of its preference in the two orders (graded: 1, 0.75, 0.5, 0.25, 0 from its much better to much worse; logprobs: P(candidate) + P(tie)/2 at the verdict token).')),
  preferenceFrom: opt(oneOf(['graded', 'logprobs'], 'What the preference was computed from.')),
  noLogprobs: opt(int('logprobs: judge answers (both orders, all samples) without usable log-probabilities, whose discrete verdict was used instead.', 0)),
});

const verdictSchema = anyOf(
  [num({}), custom<Readonly<Record<string, number>>>({ type: 'object', additionalProperties: { type: 'number' } }), pairVerdictSchema],
  'The reduced score, one score per criterion, or (pairwise) the winning position in each order (A: shown first), whether the outcome flipped with the order, and the outcome for the candidate.',
);

const REASONS = ['near', 'disagree', 'flip', 'error'] as const;

const escalationFailureSchema = obj({
  scorer: text(), escalateTo: text(), reasons: list(oneOf(REASONS)), cheapCalls: calls, escalationCalls: calls,
}, { description: 'A judge error of a cascade: the scorer escalated (why), and the escalation judge gave no verdict either; each side\'s calls.' });

const samplesSchema = obj({ valid: whole(), asked: whole(), agreement: num({}, 'Share of valid samples agreeing with the reduced verdict.') });

const cascadeSchema = either(
  'With judge.escalate: not escalated (the judge above is the cheap one), or escalated (the judge above is the escalation judge; calls = cheap.calls + escalationCalls).',
  obj({ escalated: constant(false), escalateTo: str('The escalation judge it would have gone to.') }),
  obj({
    escalated: constant(true),
    escalateTo: str('The escalation judge\'s provider id.'),
    reasons: list(oneOf(REASONS), { description: 'near: the cheap score was within when.near of pass_at; disagree: the cheap samples were not unanimous; flip: the cheap pairwise verdict changed with the order; error: the cheap judge gave no verdict.' }),
    cheap: obj({ model: text(), verdict: orNull(verdictSchema), pass: boolOrNull(), error: opt(text()), samples: samplesSchema, calls }, {
      description: 'The cheap judge: its verdict, the pass decision it gave (negate applied), its samples and calls; verdict and pass are null when it gave no verdict (reason error), and error says why.',
    }),
    escalationCalls: calls,
  }),
);

const judgeInfoSchema = obj({
  model: str('The judge\'s provider id.'),
  version: str('Judge prompt version, e.g. rubric-v1 (part of the cache key).'),
  reasoning: text(),
  verdict: verdictSchema,
  samples: samplesSchema,
  calls,
  cascade: opt(cascadeSchema),
}, { description: 'Model-graded scorers: the judge\'s verdict (on its own scale), reasoning and calls.' });

const scoreLabelSchema = obj({ expected: text(), predicted: textOrNull() });

const scoreSchema = obj({
  name: text(), value: num({}), pass: bool(), reason: opt(text()),
  label: opt(describe(scoreLabelSchema, 'Label scorers: the expected label and the one the output named (null: none or several), normalised.')),
  judge: opt(judgeInfoSchema),
});

const failureSchema = obj({
  kind: oneOf(FAILURE_KINDS), message: text(),
  stage: oneOf(['provider', 'scorer', 'judge'], 'judge: a model-graded scorer\'s judge gave no verdict (kind judge, or the judge call\'s own failure).'),
  escalation: opt(escalationFailureSchema),
});

const runRecordSchema = obj({
  runId: text(), evalId: text(), sampleId: text(),
  model: str('Provider id, e.g. anthropic:claude-haiku-5-5; with prompt variants, the contestant: provider id@variant id.'),
  variant: opt(str('With prompt variants (the spec\'s prompts): the variant this item was asked with; absent without.')),
  simulated: bool('True for sim: models: the output is simulated, not a real model\'s.'),
  epoch: int(undefined, 1),
  status: oneOf(['ok', 'error']),
  output: text(),
  pass: opt(bool('Absent on error (errors are never failures), and when no scorer applies to the answer (the reference of a pairwise against_model scorer).')),
  score: opt(num({ minimum: 0, maximum: 1 }, 'Weighted mean of the score values.')),
  scores: list(scoreSchema),
  latencyMs: numOrNull(),
  usage: orNull(usageSchema),
  costUsd: numOrNull('null when the model has no known price.'),
  stopReason: textOrNull(),
  error: opt(failureSchema),
  attempts: int('Calls made, retries included (0: answered from the cache).', 0),
  retries: list(obj({ kind: oneOf(FAILURE_KINDS), waitMs: num({}) })),
  cached: bool('Answered from the response cache: latencyMs, usage and costUsd are the original call\'s; this run paid nothing for it.'),
  cachedAt: opt(text({ format: 'date-time', description: 'With cached: when the answer was first stored.' })),
  batchId: opt(str('The Message Batch that answered this item (run --batch).')),
  judge: opt(calls),
  cacheSavingsUsd: opt(numOrNull('Prompt caching: what the cache writes and reads of this item saved against the full input price (negative: a write not yet paid back); null when the price is unknown.')),
  steps: opt(list(stepSchema, { description: 'Tool use: every model response of the item with its tool calls (name, arguments) and their results; usage and costUsd cover them all.' })),
  stepLimit: opt(bool('Tool loop: the model was still calling tools when tool_loop.max_steps was reached.')),
  turns: opt(list(turnSchema, { description: 'Multi-turn conversation: every user turn with the model\'s answer; output is the last one; usage and costUsd cover them all.' })),
  parsed: opt(anyValue<Json>('Structured output (output_format): the answer parsed as JSON.')),
  startedAt: text({ format: 'date-time' }),
  durationMs: num({}),
  metadata: custom<Readonly<Record<string, Json>>>({ type: 'object' }),
  group: opt(textOrNull('With dataset.fields.group: the sample\'s group value, the cluster its paired comparisons resample; null when the sample has none (it is a cluster of its own). Absent without a group field.')),
  inputHash: opt(str('The item\'s input (the request as sent, and the expected answer) in the run directory\'s inputs.jsonl.')),
});

/** schemas/record.schema.json. */
export const recordJsonSchema = () => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://haikubench.dev/schemas/record.schema.json',
  title: 'haikubench records.jsonl line (one work item: sample × model × epoch)',
  definitions: { judgeCalls: plainJson<Json>(judgeCallsSchema) },
  ...plainJson<Readonly<Record<string, Json>>>(runRecordSchema),
  if: { properties: { status: { const: 'error' } } },
  then: { required: ['error'], not: { required: ['pass'] } },
  else: { required: ['pass', 'score'] },
});

export type Usage = Static<typeof usageSchema>;
export type JudgeCalls = Static<typeof judgeCallsSchema>;
export type PairVerdict = Static<typeof pairVerdictSchema>;
export type JudgeEscalationFailure = Static<typeof escalationFailureSchema>;
export type JudgeCascade = Static<typeof cascadeSchema>;
export type JudgeInfo = Static<typeof judgeInfoSchema>;
export type ScoreLabel = Static<typeof scoreLabelSchema>;
export type Score = Static<typeof scoreSchema>;
export type ItemFailure = Static<typeof failureSchema>;
/** One line of records.jsonl. */
export type RunRecord = Static<typeof runRecordSchema>;
