import { dirname, extname, resolve as resolvePath } from 'node:path';
import { SpecError } from '../errors.js';
import type { ChatMessage } from '../types.js';
import type { PassRule } from '../scoring/combine.js';
import type { ScorerSpec } from '../scoring/create.js';
import type { EvalSpecInput, ModelInput, ScorerInput } from './input.js';
import type { EvalSpec, ModelSpec, ProviderKind } from './types.js';
import { checkScorerOptions } from './check-scorers.js';
import { RETIRED_MODELS } from '../pricing/table.js';

/** Command-line overrides, applied on top of the spec. */
export interface SpecOverrides {
  readonly models?: readonly string[];
  readonly concurrency?: number;
  readonly limit?: number;
  readonly seed?: number;
  readonly epochs?: number;
  /** Replace every anthropic:/openai: model by its sim: stand-in (labelled simulated). */
  readonly simulate?: boolean;
}

export const DEFAULTS = {
  concurrency: 8,
  maxTokens: 1024,
  timeoutMs: 120_000,
  maxAttempts: 6,
  maxRetryWaitMs: 120_000,
  maxErrorRate: 0.1,
} as const;

/** Claude models that reject a final assistant turn (prefill) under the current API. */
const NO_PREFILL = /^claude-(haiku|sonnet|opus)-5-5|^claude-fable-5/;

const FORMATS = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.tsv': 'tsv', '.tab': 'tsv' } as const;

function modelSpec(input: string | ModelInput, i: number, ctx: { maxTokens: number; concurrency: number; simulate: boolean }, issues: string[], file: string): ModelSpec {
  const m: ModelInput = typeof input === 'string' ? { id: input } : input;
  const colon = m.id.indexOf(':');
  let provider = m.id.slice(0, colon) as ProviderKind;
  const model = m.id.slice(colon + 1);
  const where = `${file}#/models/${i}`;
  if (m.temperature !== undefined && provider === 'anthropic') {
    issues.push(`${where}/temperature: Claude models reject temperature under API version 2026-10-21; remove it (use run.epochs to sample repeatedly)`);
  }
  const retired = RETIRED_MODELS[model];
  if (provider === 'anthropic' && retired !== undefined) issues.push(`${where}: ${model} is ${retired}`);
  const simulated = ctx.simulate && provider !== 'sim';
  if (simulated) provider = 'sim';
  const id = `${provider}:${model}`;
  return {
    id,
    provider,
    model,
    label: simulated ? `${m.label ?? m.id} (simulated)` : m.label ?? id,
    maxTokens: m.max_tokens ?? ctx.maxTokens,
    ...(m.stop && { stop: m.stop }),
    ...(m.thinking !== undefined && { thinking: typeof m.thinking === 'string' ? m.thinking : { budgetTokens: m.thinking.budget_tokens } }),
    ...(m.effort && { effort: m.effort }),
    stream: m.stream ?? false,
    ...(m.temperature !== undefined && { temperature: m.temperature }),
    ...(m.base_url && { baseUrl: m.base_url }),
    apiKeyEnv: m.api_key_env ?? (provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'),
    concurrency: m.concurrency ?? ctx.concurrency,
    // Simulator settings apply only when the model is simulated (sim:, or --simulate).
    ...(m.sim && provider === 'sim' && { sim: m.sim }),
  };
}

function passRule(p: EvalSpecInput['pass']): PassRule {
  if (p === undefined || p === 'all') return { mode: 'all' };
  if (p === 'any') return { mode: 'any' };
  return { mode: 'weighted', threshold: p.threshold };
}

function scorerSpecs(inputs: readonly ScorerInput[]): ScorerSpec[] {
  const seen = new Map<string, number>();
  return inputs.map((s) => {
    const { type, name, weight, negate, expected, ...options } = s;
    const base = name ?? type;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ScorerSpec['options'];
    return { type, name: n === 1 ? base : `${base}#${n}`, weight: weight ?? 1, negate: negate ?? false, ...(expected !== undefined && { expected }), options: clean };
  });
}

function messages(input: EvalSpecInput['prompt'], file: string, issues: string[]): ChatMessage[] {
  if (input.user !== undefined && input.messages !== undefined) issues.push(`${file}#/prompt: give either "user" or "messages", not both`);
  if (input.user === undefined && input.messages === undefined) issues.push(`${file}#/prompt: missing the user turn; add "user: ..." or "messages: [{role: user, content: ...}]"`);
  const list = input.messages ?? (input.user !== undefined ? [{ role: 'user' as const, content: input.user }] : []);
  if (list.length > 0 && list[0]?.role !== 'user') issues.push(`${file}#/prompt/messages/0/role: the first turn must be "user"`);
  return list.map((m) => ({ role: m.role, content: m.content }));
}

/** Pure: input spec + its path + overrides → resolved spec, or a SpecError listing every problem. */
export function resolveSpec(input: EvalSpecInput, file: string, overrides: SpecOverrides = {}): EvalSpec {
  const issues: string[] = [];
  const abs = resolvePath(file);
  const run = input.run ?? {};
  const ctx = { maxTokens: run.max_tokens ?? DEFAULTS.maxTokens, concurrency: overrides.concurrency ?? run.concurrency ?? DEFAULTS.concurrency, simulate: overrides.simulate ?? false };
  const modelInputs = overrides.models !== undefined && overrides.models.length > 0 ? overrides.models : input.models;
  const models = modelInputs.map((m, i) => modelSpec(m, i, ctx, issues, file));
  const ids = models.map((m) => m.id);
  ids.forEach((id, i) => { if (ids.indexOf(id) !== i) issues.push(`${file}#/models/${i}: model ${id} is listed twice`); });
  const msgs = messages(input.prompt, file, issues);
  const last = msgs.at(-1);
  for (const m of models) {
    if (last?.role === 'assistant' && m.provider === 'anthropic' && NO_PREFILL.test(m.model)) {
      issues.push(`${file}#/prompt/messages/${msgs.length - 1}: ${m.id} rejects a final assistant turn (no prefill on 5.x models); end with a user turn`);
    }
  }
  const gates = (input.gates ?? []).map((g) => ({ model: g.model, minPassRate: g.min_pass_rate }));
  gates.forEach((g, i) => {
    if (!models.some((m) => m.id === g.model || m.label === g.model || m.model === g.model) && overrides.models === undefined && !ctx.simulate) {
      issues.push(`${file}#/gates/${i}/model: "${g.model}" is not one of the models (${ids.join(', ')})`);
    }
  });
  const scorers = scorerSpecs(input.scorers);
  issues.push(...checkScorerOptions(scorers, file));
  const datasetPath = resolvePath(dirname(abs), input.dataset.path);
  const format = input.dataset.format ?? FORMATS[extname(datasetPath).toLowerCase() as keyof typeof FORMATS];
  if (format === undefined) issues.push(`${file}#/dataset/path: cannot tell the format of "${input.dataset.path}"; use a .jsonl/.json/.csv/.tsv file or set dataset.format`);
  if (issues.length > 0) throw new SpecError(file, [...new Set(issues)]);
  const seed = overrides.seed ?? run.seed ?? 0;
  const limit = overrides.limit ?? run.limit ?? input.dataset.limit;
  return {
    id: input.name,
    ...(input.description !== undefined && { description: input.description }),
    file: abs,
    dataset: {
      path: datasetPath,
      format: format ?? 'jsonl',
      fields: { ...(input.dataset.fields?.id && { id: input.dataset.fields.id }), ...(input.dataset.fields?.target && { target: input.dataset.fields.target }), metadata: input.dataset.fields?.metadata ?? [] },
      ...(limit !== undefined && { limit }),
      shuffle: input.dataset.shuffle ?? false,
      seed: input.dataset.seed ?? seed,
    },
    prompt: { ...(input.prompt.system !== undefined && { system: input.prompt.system }), messages: msgs },
    models,
    scorers,
    pass: passRule(input.pass),
    gates,
    run: {
      epochs: overrides.epochs ?? run.epochs ?? 1,
      concurrency: ctx.concurrency,
      seed,
      timeoutMs: run.timeout_ms ?? DEFAULTS.timeoutMs,
      maxAttempts: run.max_attempts ?? DEFAULTS.maxAttempts,
      maxRetryWaitMs: run.max_retry_wait_ms ?? DEFAULTS.maxRetryWaitMs,
      maxErrorRate: run.max_error_rate ?? DEFAULTS.maxErrorRate,
    },
  };
}
