import type { ModelInput } from './input.js';
import type { ModelSpec, ProviderKind } from './types.js';
import type { JsonObject, MinuteLimits } from '../types.js';
import type { ProviderDefinition } from '../providers/definition.js';
import type { Transport } from '../providers/transport.js';
import { idForms, isProviderKind, providerDefinition, SIMULATOR } from '../providers/registry.js';
import { modelPrice, priceProblems } from '../pricing/model-price.js';

// One model entry of the spec → ModelSpec, with the checks a JSON Schema cannot express. Every
// problem found here would otherwise fail every call (or be silently ignored) at run time.

export interface ModelContext {
  readonly file: string;
  readonly maxTokens: number;
  readonly concurrency: number;
  /** --concurrency: wins over a model's own setting. */
  readonly concurrencyOverride: number | undefined;
  readonly simulate: boolean;
  /** run.transport or --transport (absent: the providers' default). */
  readonly transport?: Transport | undefined;
  /** The spec's output_format, for models that set none. */
  readonly outputFormat?: JsonObject | undefined;
}

/** Problems of the entry's kind (its definition's check), then those of any entry. */
function problems(m: ModelInput, def: ProviderDefinition, model: string, maxTokens: number, where: string, simulate: boolean): string[] {
  const out = [...def.check({ entry: m, model, maxTokens, where, simulate, file: where.slice(0, where.indexOf('#')) })];
  if (typeof m.thinking === 'object' && m.thinking.budget_tokens >= maxTokens) {
    out.push(`${where}/thinking/budget_tokens: must be less than max_tokens (${maxTokens}); raise max_tokens or lower the budget`);
  }
  if (m.price !== undefined) out.push(...priceProblems(m.price, where, { tokens: !def.replay }));
  return out;
}

/** The kind an id names; the schema's id pattern already holds only registered kinds. */
function kindOf(id: string, where: string, issues: string[]): ProviderKind {
  const kind = id.slice(0, id.indexOf(':'));
  if (isProviderKind(kind)) return kind;
  issues.push(`${where}: unknown provider "${kind}"; use ${idForms()}`);
  return SIMULATOR;
}

/** `at`: the entry's index in `models`, or the JSON pointer of a judge's model (e.g. "/scorers/0/judge/model"). */
export function modelSpec(input: string | ModelInput, at: number | string, ctx: ModelContext, issues: string[]): ModelSpec {
  const m: ModelInput = typeof input === 'string' ? { id: input } : input;
  const where = typeof at === 'number' ? `${ctx.file}#/models/${at}` : `${ctx.file}#${at}`;
  const kind = kindOf(m.id, where, issues);
  const declared = providerDefinition(kind);
  const model = m.id.slice(m.id.indexOf(':') + 1);
  const maxTokens = m.max_tokens ?? ctx.maxTokens;
  issues.push(...problems(m, declared, model, maxTokens, where, ctx.simulate));
  // A replay: model calls nothing, and a module: or exec: model is the user's own code: nothing to simulate.
  const simulated = ctx.simulate && !declared.simulated && !declared.replay && declared.local !== true;
  const provider = simulated ? SIMULATOR : kind;
  const def = providerDefinition(provider);
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
    apiKeyEnv: m.api_key_env ?? def.apiKeyEnv,
    concurrency: ctx.concurrencyOverride ?? m.concurrency ?? ctx.concurrency,
    ...(m.rate_limit !== undefined && { minuteLimits: minuteLimitsOf(m.rate_limit) }),
    ...(m.price !== undefined && { price: modelPrice(m.price) }),
    ...(ctx.transport !== undefined && { transport: ctx.transport }),
    ...((m.output_format ?? ctx.outputFormat) !== undefined && { outputFormat: m.output_format ?? ctx.outputFormat }),
    ...def.resolve?.(m, ctx.file),
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
