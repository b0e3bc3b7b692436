import { epochReducer } from '../stats/scorer-epochs.js';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import { SpecError } from '../errors.js';
import type { ChatMessage } from '../types.js';
import type { PassRule } from '../scoring/combine.js';
import type { ScorerSpec } from '../scoring/create.js';
import type { EvalSpecInput, ScorerInput } from './input.js';
import type { EvalSpec, RegressionGates } from './types.js';
import { checkScorerOptions } from './check-scorers.js';
import { modelInputs, modelSpec } from './models.js';
import { gateTarget } from './gates.js';
import { resolveJudges } from './judges.js';
import { contestants, resolveVariants, variantGates } from './variants.js';
import { pluginDefinition } from '../scoring/plugin/definitions.js';
import type { Transport } from '../providers/transport.js';
import { resolveTools } from './tools.js';
import { forcedToolProblem } from './structured.js';
import { choiceIssues } from './choices.js';

/** Command-line overrides, applied on top of the spec. */
export interface SpecOverrides {
  readonly models?: readonly string[];
  readonly concurrency?: number;
  readonly limit?: number;
  readonly seed?: number;
  readonly epochs?: number;
  /** Confidence level of the summary's intervals (--confidence). */
  readonly confidence?: number;
  /** Replace every anthropic:/openai: model by its sim: stand-in (labelled simulated). */
  readonly simulate?: boolean;
  /** How long a call keeps retrying connection failures (--connection-retry-ms). */
  readonly connectionRetryMs?: number;
  /** The HTTP client under the SDKs (--transport). */
  readonly transport?: Transport;
}

export const DEFAULTS = {
  concurrency: 8,
  maxTokens: 1024,
  timeoutMs: 120_000,
  maxAttempts: 10,
  retryBudgets: { rate_limit: 8, overloaded: 8, server: 3 },
  maxRetryWaitMs: 120_000,
  maxErrorRate: 0.1,
} as const;

/** Claude models that reject a final assistant turn (prefill) under the current API. */
const NO_PREFILL = /^claude-(haiku|sonnet|opus)-5-5|^claude-fable-5/;

const FORMATS = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.tsv': 'tsv', '.tab': 'tsv', '.parquet': 'parquet', '.pq': 'parquet' } as const;

function passRule(p: EvalSpecInput['pass']): PassRule {
  if (p === undefined || p === 'all') return { mode: 'all' };
  if (p === 'any') return { mode: 'any' };
  return { mode: 'weighted', threshold: p.threshold };
}

function scorerSpecs(inputs: readonly ScorerInput[], dir: string): ScorerSpec[] {
  const seen = new Map<string, number>();
  return inputs.map((s) => {
    const { type, name, weight, negate, expected, reducer, turn, ...options } = s;
    const base = name ?? type;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ScorerSpec['options'];
    return {
      type, name: n === 1 ? base : `${base}#${n}`, weight: weight ?? 1, negate: negate ?? false, ...(expected !== undefined && { expected }),
      ...(reducer !== undefined && { reducer: epochReducer(reducer) }),
      ...(turn !== undefined && { turn }),
      options: clean,
      ...(pluginDefinition(type) !== undefined && { dir }),
    };
  });
}

function messages(input: NonNullable<EvalSpecInput['prompt']>, file: string, issues: string[]): ChatMessage[] {
  if (input.user !== undefined && input.messages !== undefined) issues.push(`${file}#/prompt: give either "user" or "messages", not both`);
  if (input.user === undefined && input.messages === undefined && input.turns === undefined) issues.push(`${file}#/prompt: missing the user turn; add "user: ..." or "messages: [{role: user, content: ...}]"`);
  const list = input.messages ?? (input.user !== undefined ? [{ role: 'user' as const, content: input.user }] : input.turns !== undefined ? [{ role: 'user' as const, content: input.turns[0] ?? '' }] : []);
  if (list.length > 0 && list[0]?.role !== 'user') issues.push(`${file}#/prompt/messages/0/role: the first turn must be "user"`);
  return list.map((m) => ({ role: m.role, content: m.content }));
}

/** Pure: input spec + its path + overrides → resolved spec, or a SpecError listing every problem. */
export function resolveSpec(input: EvalSpecInput, file: string, overrides: SpecOverrides = {}): EvalSpec {
  const issues: string[] = [];
  const abs = resolvePath(file);
  const run = input.run ?? {};
  const ctx = {
    file,
    maxTokens: run.max_tokens ?? DEFAULTS.maxTokens,
    concurrency: run.concurrency ?? DEFAULTS.concurrency,
    concurrencyOverride: overrides.concurrency,
    simulate: overrides.simulate ?? false,
    transport: overrides.transport ?? run.transport,
    outputFormat: input.output_format,
  };
  const baseModels = modelInputs(input.models, overrides.models).map((m, i) => modelSpec(m, i, ctx, issues));
  const ids = baseModels.map((m) => m.id);
  ids.forEach((id, i) => { if (ids.indexOf(id) !== i) issues.push(`${file}#/models/${i}: model ${id} is listed twice`); });
  // With prompts (variants): every model × every variant is a contestant, and the spec's prompt is the
  // base prompt when it gives the turns, else the first variant's (what model-graded judges are shown).
  const variants = resolveVariants(input, file, issues);
  const models = variants === undefined ? baseModels : contestants(baseModels, variants);
  const first = variants?.[0];
  const fromVariant = first !== undefined && input.prompt?.user === undefined && input.prompt?.messages === undefined && input.prompt?.turns === undefined;
  const msgs = fromVariant ? [...first.messages] : messages(input.prompt ?? {}, file, issues);
  const tools = resolveTools(input, file, issues);
  const forced = tools?.choice?.type === 'any' || tools?.choice?.type === 'tool';
  baseModels.forEach((m, i) => { const why = forced ? forcedToolProblem(m) : undefined; if (why !== undefined) issues.push(`${file}#/models/${i}: ${why}`); });
  if (input.prompt?.turns !== undefined && (input.prompt.user !== undefined || input.prompt.messages !== undefined)) issues.push(`${file}#/prompt/turns: give turns, or user/messages, not both`);
  for (const m of models) {
    const turns = m.variant?.messages ?? msgs;
    if (turns.at(-1)?.role === 'assistant' && m.provider === 'anthropic' && NO_PREFILL.test(m.model)) {
      issues.push(`${m.variant?.at.messages.at(-1) ?? `${file}#/prompt/messages/${msgs.length - 1}`}: ${m.id} rejects a final assistant turn (no prefill on 5.x models); end with a user turn`);
    }
  }
  const replaced = overrides.models !== undefined && overrides.models.length > 0;
  const gates = variantGates(input.gates ?? [], { variants, models, file, replaced }, issues);
  gates.forEach((g, i) => {
    if (!replaced && variants === undefined && gateTarget(g.model, models) === undefined) issues.push(`${file}#/gates/${i}/model: "${g.model}" is not one of the models (${ids.join(', ')})`);
  });
  const { scorers, judges } = resolveJudges(scorerSpecs(input.scorers, dirname(abs)), input.scorers, input.judge, models, ctx, issues);
  const epochs = overrides.epochs ?? run.epochs ?? 1;
  scorers.forEach((s, i) => {
    if (s.reducer?.kind === 'at_least' && s.reducer.m > epochs) issues.push(`${file}#/scorers/${i}/reducer: at_least ${s.reducer.m} needs at least ${s.reducer.m} epochs per sample, but the run has ${epochs}; raise run.epochs (or --epochs) or lower at_least`);
  });
  issues.push(...checkScorerOptions(scorers, file));
  const turnCount = input.prompt?.turns?.length ?? 1;
  scorers.forEach((s, i) => { if (s.turn !== undefined && s.turn > turnCount) issues.push(`${file}#/scorers/${i}/turn: the conversation has ${turnCount} turn(s) (prompt.turns); use 1..${turnCount}`); });
  if (scorers.every((s) => s.weight === 0)) issues.push(`${file}#/scorers: every scorer has weight 0, so nothing decides pass or fail; give at least one a weight above 0`);
  const datasetPath = resolvePath(dirname(abs), input.dataset.path);
  const format = input.dataset.format ?? FORMATS[extname(datasetPath).toLowerCase() as keyof typeof FORMATS];
  if (format === undefined) issues.push(`${file}#/dataset/path: cannot tell the format of "${input.dataset.path}"; use a .jsonl/.json/.csv/.tsv/.parquet file or set dataset.format`);
  if (input.dataset.delimiter !== undefined && format !== undefined && format !== 'csv' && format !== 'tsv') issues.push(`${file}#/dataset/delimiter: applies to CSV and TSV files only, not ${format}`);
  issues.push(...choiceIssues(input, scorers, file));
  if (issues.length > 0) throw new SpecError(file, [...new Set(issues)]);
  const seed = overrides.seed ?? run.seed ?? 0;
  const connectionRetry = overrides.connectionRetryMs ?? run.connection_retry_ms;
  const limit = overrides.limit ?? run.limit ?? input.dataset.limit;
  return {
    id: input.name,
    ...(input.description !== undefined && { description: input.description }),
    file: abs,
    dataset: {
      path: datasetPath,
      format: format ?? 'jsonl',
      ...(input.dataset.delimiter !== undefined && { delimiter: input.dataset.delimiter }),
      fields: { ...(input.dataset.fields?.id && { id: input.dataset.fields.id }), ...(input.dataset.fields?.target && { target: input.dataset.fields.target }), ...(input.dataset.fields?.group && { group: input.dataset.fields.group }), metadata: input.dataset.fields?.metadata ?? [], ...(input.dataset.fields?.messages && { messages: input.dataset.fields.messages }), ...(input.dataset.fields?.images && { images: input.dataset.fields.images }), ...(input.dataset.fields?.choices && { choices: input.dataset.fields.choices }) },
      ...(input.dataset.choice_index_base !== undefined && { choiceIndexBase: input.dataset.choice_index_base }),
      ...(input.dataset.shuffle_choices === true && { shuffleChoices: true }),
      ...(limit !== undefined && { limit }),
      shuffle: input.dataset.shuffle ?? false,
      seed: overrides.seed ?? input.dataset.seed ?? seed,
    },
    prompt: {
      ...(fromVariant
        ? { ...(first.system !== undefined && { system: first.system }), messages: msgs, shorthand: first.at.messages[0]?.endsWith('/user') === true }
        : { ...(input.prompt?.system !== undefined && { system: input.prompt.system }), messages: msgs, shorthand: input.prompt?.messages === undefined && input.prompt?.turns === undefined }),
      ...(input.prompt?.turns !== undefined && { turns: input.prompt.turns }),
      ...(input.prompt?.cache === true && { cache: true }),
    },
    ...(variants !== undefined && { variants }),
    ...(tools !== undefined && { tools }),
    ...(input.output_format !== undefined && { outputFormat: input.output_format }),
    models,
    judges,
    scorers,
    pass: passRule(input.pass),
    gates,
    regression: regressionGates(input.regression),
    run: {
      epochs,
      concurrency: ctx.concurrencyOverride ?? ctx.concurrency,
      seed,
      timeoutMs: run.timeout_ms ?? DEFAULTS.timeoutMs,
      maxAttempts: run.max_attempts ?? DEFAULTS.maxAttempts,
      maxRetryWaitMs: run.max_retry_wait_ms ?? DEFAULTS.maxRetryWaitMs,
      maxErrorRate: run.max_error_rate ?? DEFAULTS.maxErrorRate,
      confidence: overrides.confidence ?? run.confidence ?? 0.95,
      retryBudgets: { ...DEFAULTS.retryBudgets, ...run.retries },
      // Left out unless set: the runner's default applies (5 minutes).
      ...(connectionRetry !== undefined && { connectionRetryMs: connectionRetry }),
    },
  };
}

function regressionGates(r: EvalSpecInput['regression']): RegressionGates | null {
  if (r === undefined) return null;
  return {
    ...(r.max_drop !== undefined && { maxDrop: r.max_drop }),
    ...(r.max_score_drop !== undefined && { maxScoreDrop: r.max_score_drop }),
    ...(r.judge !== undefined && { judge: r.judge }),
    ...(r.level !== undefined && { level: r.level }),
    mustPass: r.must_pass ?? [],
    ...(r.on_inconclusive !== undefined && { onInconclusive: r.on_inconclusive }),
  };
}
