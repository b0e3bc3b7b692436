import type { ModelInput } from './input.js';
import type { ModelSpec, ProviderKind } from './types.js';
import type { MinuteLimits } from '../types.js';
import { RETIRED_MODELS } from '../pricing/table.js';
import { SIM_PROFILES } from '../providers/sim-profiles.js';

// One model entry of the spec → ModelSpec, with the checks a JSON Schema cannot express. Every
// problem found here would otherwise fail every call (or be silently ignored) at run time.

export interface ModelContext {
  readonly file: string;
  readonly maxTokens: number;
  readonly concurrency: number;
  /** --concurrency: wins over a model's own setting. */
  readonly concurrencyOverride: number | undefined;
  readonly simulate: boolean;
}

function problems(m: ModelInput, provider: ProviderKind, model: string, maxTokens: number, where: string, simulate: boolean): string[] {
  const out: string[] = [];
  if (m.temperature !== undefined && provider === 'anthropic') {
    out.push(`${where}/temperature: Claude models reject temperature under API version 2026-10-21; remove it (use run.epochs to sample repeatedly)`);
  }
  const retired = RETIRED_MODELS[model];
  if (provider === 'anthropic' && retired !== undefined) out.push(`${where}: ${model} is ${retired}`);
  if (typeof m.thinking === 'object' && m.thinking.budget_tokens >= maxTokens) {
    out.push(`${where}/thinking/budget_tokens: must be less than max_tokens (${maxTokens}); raise max_tokens or lower the budget`);
  }
  if (provider === 'openai') {
    for (const key of ['thinking', 'effort', 'stream'] as const) {
      if (m[key] !== undefined) out.push(`${where}/${key}: not supported for openai: models (Anthropic only); remove it`);
    }
  }
  if (provider === 'replay') {
    for (const key of ['thinking', 'effort', 'stream', 'temperature', 'stop', 'base_url', 'rate_limit', 'sim'] as const) {
      if (m[key] !== undefined) out.push(`${where}/${key}: a replay: model calls nothing (its output is the sample's "${model}" field); remove it`);
    }
  }
  const knownProfile = Object.hasOwn(SIM_PROFILES, model);
  if (provider === 'sim' && !simulate && !knownProfile && m.sim?.accuracy === undefined) {
    out.push(`${where}: unknown simulator profile "${model}"; use one of ${Object.keys(SIM_PROFILES).join(', ')}, or set sim.accuracy for a custom one`);
  }
  return out;
}

/** `at`: the entry's index in `models`, or the JSON pointer of a judge's model (e.g. "/scorers/0/judge/model"). */
export function modelSpec(input: string | ModelInput, at: number | string, ctx: ModelContext, issues: string[]): ModelSpec {
  const m: ModelInput = typeof input === 'string' ? { id: input } : input;
  const colon = m.id.indexOf(':');
  const declared = m.id.slice(0, colon) as ProviderKind;
  const model = m.id.slice(colon + 1);
  const maxTokens = m.max_tokens ?? ctx.maxTokens;
  issues.push(...problems(m, declared, model, maxTokens, typeof at === 'number' ? `${ctx.file}#/models/${at}` : `${ctx.file}#${at}`, ctx.simulate));
  // A replay: model calls nothing, so there is nothing to simulate.
  const simulated = ctx.simulate && declared !== 'sim' && declared !== 'replay';
  const provider: ProviderKind = simulated ? 'sim' : declared;
  const id = `${provider}:${model}`;
  return {
    id,
    provider,
    model,
    label: simulated ? `${m.label ?? m.id} (simulated)` : m.label ?? id,
    maxTokens,
    ...(m.stop && { stop: m.stop }),
    ...(m.thinking !== undefined && { thinking: typeof m.thinking === 'string' ? m.thinking : { budgetTokens: m.thinking.budget_tokens } }),
    ...(m.effort && { effort: m.effort }),
    stream: m.stream ?? false,
    ...(m.temperature !== undefined && { temperature: m.temperature }),
    ...(m.base_url && { baseUrl: m.base_url }),
    apiKeyEnv: m.api_key_env ?? (provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'),
    concurrency: ctx.concurrencyOverride ?? m.concurrency ?? ctx.concurrency,
    ...(m.rate_limit !== undefined && { minuteLimits: minuteLimitsOf(m.rate_limit) }),
    // Simulator settings apply only when the model is simulated (sim:, or --simulate).
    ...(m.sim && provider === 'sim' && { sim: m.sim }),
  };
}

function minuteLimitsOf(r: NonNullable<ModelInput['rate_limit']>): MinuteLimits {
  return {
    ...(r.requests_per_minute !== undefined && { requestsPerMinute: r.requests_per_minute }),
    ...(r.input_tokens_per_minute !== undefined && { inputTokensPerMinute: r.input_tokens_per_minute }),
    ...(r.output_tokens_per_minute !== undefined && { outputTokensPerMinute: r.output_tokens_per_minute }),
  };
}

/** --model ids replace the spec's models; an id the spec already lists keeps its settings there. */
export function modelInputs(spec: readonly (string | ModelInput)[], override: readonly string[] | undefined): readonly (string | ModelInput)[] {
  if (override === undefined || override.length === 0) return spec;
  return override.map((id) => spec.find((m) => (typeof m === 'string' ? m : m.id) === id) ?? id);
}
