import type { Json } from '../types.js';
import { scorerMeta, scorerTypes } from '../scoring/registry.js';
import { MODEL_ID_PATTERN, modelEntrySchema } from '../providers/registry.js';
import { anyValue, bool, custom, either, int, list, num, obj, oneOf, opt, plainJson, str, text, whole, type Static } from '../util/json-schema.js';
import { judgeSchema } from './judge-schema.js';
import { conversationFieldsSchema, outputFormatSchema, toolChoiceSchema, toolLoopSchema, toolsSchema, turnsSchema } from './tools-schema.js';

// The eval spec's JSON Schema and, through Static<>, its input types (spec/input.ts): one definition.
// It is assembled from the scorer definitions and the provider registry, so a new scorer or provider
// kind needs no edit here. `haikubench schemas --write schemas` writes it to
// schemas/eval-spec.schema.json for editors.

export const commonScorerSchema = obj({
  name: opt(str('Name shown in reports (default: the type, numbered when repeated).', { minLength: 1 })),
  weight: opt(num({ minimum: 0 }, 'Weight in the sample score (default 1). Weight 0 = informational, never part of the verdict.')),
  negate: opt(bool('Invert the verdict: pass when the check fails.')),
  reducer: opt(either(
    'With epochs > 1, how this scorer\'s verdicts of one sample combine in the summary: mean (default), majority, pass_at_k (any epoch passes), pass_hat_k (all pass), or {at_least: m}.',
    oneOf(['mean', 'majority', 'pass_at_k', 'pass_hat_k']),
    obj({ at_least: int(undefined, 1) }),
  )),
  expected: opt(anyValue<Json>('Expected value, usually a template such as "{{answer}}". Default: the dataset target.')),
  turn: opt(int('Multi-turn (prompt.turns): score the answer to this turn (1 = the first) instead of the last; the summary then shows each turn\'s scorer apart.', 1)),
});

/** A scorer entry as written: the common options, and its type's own (checked by the schema, typed as JSON). */
export type ScorerInput = Static<typeof commonScorerSchema> & { readonly type: string; readonly [option: string]: Json | undefined };

function scorerSchema(type: string): Readonly<Record<string, unknown>> {
  const def = scorerMeta(type);
  if (def === undefined) throw new Error(`no scorer ${type}`);
  return {
    type: 'object',
    description: def.description,
    properties: { type: { const: type }, ...commonScorerSchema.properties, ...def.options.properties, ...(def.graded && { judge: judgeSchema('scorer') }) },
    required: ['type', ...(def.options.required ?? [])],
    additionalProperties: false,
  };
}

/** A scorer entry: one form per scorer type, told apart by `type` (ajv's discriminator). */
const scorerSchemas = () => custom<ScorerInput>({
  type: 'object',
  discriminator: { propertyName: 'type' },
  properties: { type: str('Scorer type (see `haikubench list`).') },
  required: ['type'],
  oneOf: scorerTypes.map(scorerSchema),
});

const datasetSchema = obj({
  path: str('Dataset file, relative to this spec: .jsonl .json .csv .tsv .parquet', { minLength: 1 }),
  format: opt(oneOf(['jsonl', 'json', 'csv', 'tsv', 'parquet'], 'Override the format inferred from the extension.')),
  delimiter: opt(str('CSV/TSV field separator, one character, e.g. ";" (default: "," for CSV, a tab for TSV).', { minLength: 1, maxLength: 1 })),
  fields: opt(obj({
    id: opt(str('Field holding the sample id (default: "id" if present, else the line or row number).')),
    target: opt(str('Field (dotted path allowed) holding the expected answer.')),
    group: opt(str('Field holding a cluster id shared by related samples (e.g. several questions on one document): the summary adds clustered intervals (Inspect-compatible clustered SE, t interval with clusters − 1 df), and every paired comparison (models, variants, segments, compare, --baseline) is clustered on it. A sample without it is a cluster of its own.', { minLength: 1 })),
    metadata: opt(list(text(), { uniqueItems: true, description: 'Fields kept as metadata for segments.' })),
    choices: opt(either('Multiple choice: the field holding a question\'s options, a list (["Paris", "London"], also as JSON text in a CSV cell), an object keyed A, B, C…, {text: [...], label: [...]} (ARC), or {choices: [...], labels: [1, 0, …]} (TruthfulQA, the right one marked); or a list of fields holding one option each ([A, B, C, D], as CSV files have them). The prompt gets {{choices}} (the options as lettered lines, "A) Paris") and {{letters}} ("A, B"); the target (a letter, an index or the option\'s text) becomes the right option\'s letter, which the `choice` scorer checks.', text({ minLength: 1 }), list(text({ minLength: 1 }), { minItems: 2, maxItems: 26, uniqueItems: true }))),
    ...conversationFieldsSchema,
  }, { description: 'How record fields map onto a sample.' })),
  choice_index_base: opt(custom<0 | 1>({ enum: [0, 1], description: 'With fields.choices: what a numeric target counts from: 0 (the first option is 0, as in MMLU and HellaSwag; default) or 1.' })),
  shuffle_choices: opt(bool('With fields.choices: show each question\'s options in a shuffled order (fixed by the dataset seed and the sample id, the same for every model and epoch), the target following its option: a model that favours a position then shows it in the letters\' confusion matrix.')),
  limit: opt(int('Use at most this many samples (after shuffle).', 1)),
  shuffle: opt(bool('Shuffle samples with the seed before limiting.')),
  seed: opt(whole('Shuffle seed (default: run.seed).')),
});

const promptSchema = obj({
  system: opt(str('System prompt (templated).')),
  user: opt(str('The user turn (templated). Shorthand for messages: [{role: user, content: ...}].')),
  messages: opt(list(obj({ role: oneOf(['user', 'assistant']), content: str('Turn text (templated).') }), { minItems: 1 })),
  turns: opt(turnsSchema),
  cache: opt(bool('Prompt caching: mark the system prompt and the tools as a shared cached prefix (Anthropic cache_control). Cache writes and reads are counted and priced.')),
});

/** A prompt variant: an id and the prompt's parts (inline, or from a file), over the spec's `prompt`. */
const variantSchema = obj({
  id: str('Variant id, shown in reports and appended to each model id (anthropic:claude-haiku-5-5@v2): letters, digits, dot, dash, underscore.', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
  file: opt(str('A file holding the variant, relative to this spec: .yaml/.yml/.json with system, user, messages or turns; any other file is the user turn as text.', { minLength: 1 })),
  system: opt(str('System prompt of this variant (templated); default: prompt.system.')),
  user: opt(str('The user turn of this variant (templated); default: the spec\'s prompt turns.')),
  messages: opt(list(obj({ role: oneOf(['user', 'assistant']), content: str('Turn text (templated).') }), { minItems: 1 })),
  turns: opt(list(text({ minLength: 1 }), { minItems: 2, description: 'A multi-turn spec (prompt.turns): this variant\'s user turns (templated), as many as prompt.turns; default: prompt.turns.' })),
});

const regressionSchema = obj({
  max_drop: opt(num({ minimum: 0, exclusiveMaximum: 1 }, 'Largest allowed drop in pass rate, as a fraction (0.02 = 2 points).')),
  max_score_drop: opt(num({ minimum: 0, exclusiveMaximum: 1 }, 'Largest allowed drop in mean score (0..1).')),
  judge: opt(oneOf(['interval', 'significance'], 'interval (default): fail when the whole interval of the change lies below -max_drop; significance: when the drop passes max_drop and the paired test is significant at 1 - level.')),
  level: opt(num({ exclusiveMinimum: 0.5, exclusiveMaximum: 1 }, 'Confidence level of the comparison (default 0.95).')),
  must_pass: opt(list(text({ minLength: 1 }), { description: 'Sample ids that may never go from pass to fail.' })),
  on_inconclusive: opt(oneOf(['fail', 'warn'], 'What a max_drop gate that cannot detect its own threshold (the smallest change these samples can detect at 80% power is larger than max_drop) does: fail (default) or warn (passes, reported as inconclusive). Fail, because a gate that cannot see cannot vouch.')),
}, { description: 'Gates against a baseline run, applied by `haikubench compare` and `run --baseline`; the same flags on the command line take precedence (must_pass ids are added to --must-pass).' });

const runSchema = obj({
  epochs: opt(int('Times each sample is run per model.', 1, { maximum: 100 })),
  concurrency: opt(int('Concurrent calls per provider queue (default 8).', 1, { maximum: 512 })),
  limit: opt(int('Use at most this many samples.', 1)),
  seed: opt(whole('Seed for shuffling, jitter and the simulator (default 0).')),
  max_tokens: opt(int('Default max_tokens for models that do not set it (default 1024).', 1)),
  timeout_ms: opt(int('Per-attempt timeout (default 120000).', 1)),
  max_attempts: opt(int('Attempts per call, first included (default 10; see retries for the caps per error family).', 1, { maximum: 50 })),
  max_retry_wait_ms: opt(int('Total backoff allowed per call (default 120000).', 0)),
  connection_retry_ms: opt(int('How long a call keeps retrying while the endpoint cannot be reached or the connection breaks, from its first such failure (default 300000; 60000 until the endpoint has answered in the run, so that a wrong base_url stops a run in about a minute: set it for a server that takes longer to start); outside max_attempts, retries and max_retry_wait_ms.', 0)),
  retries: opt(obj({
    rate_limit: opt(int('Retries after 429s.', 0)),
    overloaded: opt(int('Retries after 529/overloaded.', 0)),
    server: opt(int('Retries after 5xx, timeouts and connection errors.', 0)),
  }, { description: 'Retries allowed per family of transient error, inside max_attempts (defaults: rate_limit 8, overloaded 8, server 3; server covers 5xx, timeouts and resets).' })),
  max_error_rate: opt(num({ minimum: 0, maximum: 1 }, 'Share of items that may end in error before the run counts as incomplete (exit 3). Default 0.1.')),
  confidence: opt(num({ exclusiveMinimum: 0.5, exclusiveMaximum: 1 }, 'Confidence level of every interval in the summary and reports (default 0.95).')),
  transport: opt(oneOf(['node', 'undici', 'fetch'], 'The HTTP client under the anthropic: and openai: providers: node (default; keep-alive connections through Node\'s own http and https modules), undici (a keep-alive connection pool through undici\'s request) or fetch (Node\'s built-in fetch). The answers are the same; --transport wins over it.')),
});

/** The spec's body (the schema's header aside); Static<typeof specSchema> is EvalSpecInput. */
export const specSchema = obj({
  $schema: opt(str('The JSON Schema of this file, for editors (e.g. ../schemas/eval-spec.schema.json); ignored by haikubench.')),
  name: str('Eval id: letters, digits, dot, dash, underscore.', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
  description: opt(str('What the eval checks.')),
  dataset: datasetSchema,
  prompt: opt(promptSchema),
  prompts: opt(list(variantSchema, { minItems: 1, description: 'Prompt variants: each variant × each model is a contestant (model id@variant id); the summary compares the variants of each model, paired on the same samples. Each variant starts from `prompt` and replaces what it gives.' })),
  models: list(either(undefined, modelEntrySchema, text({ pattern: MODEL_ID_PATTERN })), { minItems: 1 }),
  scorers: list(scorerSchemas(), { minItems: 1 }),
  judge: opt(judgeSchema('spec')),
  tools: opt(toolsSchema),
  tool_choice: opt(toolChoiceSchema),
  tool_loop: opt(toolLoopSchema),
  output_format: opt(outputFormatSchema),
  pass: opt(either(
    'How scores become a sample verdict: "all" (default), "any", or {threshold: x} on the weighted mean.',
    oneOf(['all', 'any']),
    obj({ threshold: num({ minimum: 0, maximum: 1 }) }),
  )),
  gates: opt(list(obj({
    model: str('Model id or label the gate applies to.'),
    variant: opt(str('With prompts: the prompt variant the gate applies to (default: one gate per variant).')),
    min_pass_rate: num({ minimum: 0, maximum: 1 }, 'Fail (exit 1) when the pass rate is below this.'),
  }))),
  regression: opt(regressionSchema),
  run: opt(runSchema),
});

export function evalSpecSchema(): Json {
  return plainJson<Json>({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://haikubench.dev/schemas/eval-spec.schema.json',
    title: 'haikubench eval spec',
    ...specSchema,
  });
}
