import type { ChatMessage } from '../types.js';
import type { EvalSpecInput } from './input.js';
import type { Gate, ModelSpec } from './types.js';
import type { PromptVariant } from '../providers/model-spec.js';
import { gateTarget } from './gates.js';

// Prompt variants (`prompts`): each variant is a prompt over the spec's `prompt` (a variant replaces
// the system prompt and/or the turns it gives), and each (variant, model) pair is a contestant whose
// id is `<model id>@<variant id>`. A contestant is a ModelSpec like any other, so the plan, records,
// resume, merge, summaries and comparisons need nothing new; the variant rides along in the spec.
// A spec without `prompts` is resolved exactly as before.

export type { PromptVariant } from '../providers/model-spec.js';

/** The separator of a contestant id; variant ids cannot contain it, so the last one splits the id. */
export const VARIANT_SEPARATOR = '@';

type PromptInput = NonNullable<EvalSpecInput['prompt']>;
type VariantInput = NonNullable<EvalSpecInput['prompts']>[number];

/** The turns a prompt (or a variant) gives, with where each was written; undefined when it gives none. */
function turnsOf(p: Pick<PromptInput, 'user' | 'messages' | 'turns'>, at: string): { messages: ChatMessage[]; at: string[]; turns?: readonly string[]; turnsAt?: string[] } | undefined {
  // A multi-turn prompt: its first turn is the request's message, the rest are asked after each answer.
  if (p.turns !== undefined) return { messages: [{ role: 'user', content: p.turns[0] ?? '' }], at: [`${at}/turns/0`], turns: p.turns, turnsAt: p.turns.map((_, i) => `${at}/turns/${i}`) };
  if (p.messages !== undefined) return { messages: p.messages.map((m) => ({ role: m.role, content: m.content })), at: p.messages.map((_, i) => `${at}/messages/${i}/content`) };
  if (p.user !== undefined) return { messages: [{ role: 'user', content: p.user }], at: [`${at}/user`] };
  return undefined;
}

/** Each variant over the base prompt; problems go to `issues`. Undefined when the spec has no `prompts`. */
export function resolveVariants(input: Pick<EvalSpecInput, 'prompt' | 'prompts'>, file: string, issues: string[]): PromptVariant[] | undefined {
  if (input.prompts === undefined) return undefined;
  const base = input.prompt ?? {};
  if (base.user !== undefined && base.messages !== undefined) issues.push(`${file}#/prompt: give either "user" or "messages", not both`);
  const baseTurns = turnsOf(base, `${file}#/prompt`);
  const seen = new Set<string>();
  return input.prompts.map((v: VariantInput, i) => {
    const where = `${file}#/prompts/${i}`;
    if (seen.has(v.id)) issues.push(`${where}/id: variant ${v.id} is listed twice; give each variant its own id`);
    seen.add(v.id);
    if (v.user !== undefined && v.messages !== undefined) issues.push(`${where}: give either "user" or "messages", not both`);
    multiTurnIssues(v, base, where, file, issues);
    if (v.file !== undefined) issues.push(`${where}/file: the variant's file was not read; read variant files with readPromptFiles (prepareEval does) before resolveSpec`);
    const turns = turnsOf(v, where) ?? baseTurns;
    if (turns === undefined) issues.push(`${where}: variant ${v.id} has no user turn and the spec's prompt gives none; add "user: ..." to the variant or to prompt`);
    if (turns !== undefined && turns.messages[0]?.role !== 'user') issues.push(`${turns.at[0] ?? where}: the first turn must be "user"`);
    const system = v.system ?? base.system;
    const systemAt = v.system !== undefined ? `${where}/system` : `${file}#/prompt/system`;
    return {
      id: v.id,
      ...(system !== undefined && { system }),
      messages: turns?.messages ?? [],
      ...(turns?.turns !== undefined && { turns: turns.turns }),
      at: { ...(system !== undefined && { system: systemAt }), messages: turns?.at ?? [], ...(turns?.turnsAt !== undefined && { turns: turns.turnsAt }) },
    };
  });
}

/**
 * Every contestant of a spec asks as many turns: a variant of a multi-turn spec (prompt.turns) gives
 * its own turns (as many) and/or a system prompt, never user or messages; a single-turn spec's
 * variants give no turns.
 */
function multiTurnIssues(v: VariantInput, base: PromptInput, where: string, file: string, issues: string[]): void {
  const n = base.turns?.length;
  if (v.turns !== undefined && n === undefined) issues.push(`${where}/turns: the spec's prompt has no turns; a variant's turns need prompt.turns (as many), so every contestant asks the same number of questions`);
  if (v.turns !== undefined && n !== undefined && v.turns.length !== n) issues.push(`${where}/turns: ${v.turns.length} turns, but ${file}#/prompt/turns has ${n}; give every variant as many turns, so per-turn scorers apply to each`);
  if (n !== undefined && (v.user !== undefined || v.messages !== undefined)) issues.push(`${where}: the spec's prompt is multi-turn (prompt.turns): a variant gives its own "turns" (as many) and/or "system", not "${v.user !== undefined ? 'user' : 'messages'}"`);
}

/** The contestant id of a model and a variant. */
export const contestantId = (modelId: string, variant: string) => `${modelId}${VARIANT_SEPARATOR}${variant}`;

/** The label with the variant after the model's own (before the simulated mark, which stays last). */
function contestantLabel(label: string, variant: string): string {
  const mark = ' (simulated)';
  return label.endsWith(mark) ? `${contestantId(label.slice(0, -mark.length), variant)}${mark}` : contestantId(label, variant);
}

/** Every model × every variant, model-major (a model's variants side by side), the first variant first. */
export function contestants(models: readonly ModelSpec[], variants: readonly PromptVariant[]): ModelSpec[] {
  return models.flatMap((m) => variants.map((v) => ({ ...m, id: contestantId(m.id, v.id), label: contestantLabel(m.label, v.id), variant: v, baseId: m.id })));
}

/** What the gates of a spec with variants are checked against. */
export interface GateContext {
  readonly variants: readonly PromptVariant[] | undefined;
  /** The contestants (the models, without variants). */
  readonly models: readonly ModelSpec[];
  readonly file: string;
  /** --model replaced the spec's models: a gate may name one that is not run (it is then skipped). */
  readonly replaced: boolean;
}

/**
 * Gates over contestants: a gate naming a variant is the gate of that contestant; a gate naming only a
 * model (that is not itself a contestant) applies to each of its variants, one gate per variant. With
 * variants, a gate that names no contestant is an issue here, at its own index (resolve checks the rest).
 */
export function variantGates(input: NonNullable<EvalSpecInput['gates']>, ctx: GateContext, issues: string[]): Gate[] {
  const { variants, models, file } = ctx;
  return input.flatMap((g, i) => {
    if (variants === undefined) {
      if (g.variant !== undefined) issues.push(`${file}#/gates/${i}/variant: the spec has no prompt variants (prompts); remove it`);
      return [{ model: g.model, minPassRate: g.min_pass_rate }];
    }
    if (g.variant !== undefined && !variants.some((v) => v.id === g.variant)) {
      issues.push(`${file}#/gates/${i}/variant: "${g.variant}" is not one of the variants (${variants.map((v) => v.id).join(', ')})`);
      return [];
    }
    const named = g.variant !== undefined ? [contestantId(g.model, g.variant)]
      : gateTarget(g.model, models) !== undefined ? [g.model] : variants.map((v) => contestantId(g.model, v.id));
    if (!ctx.replaced && named.some((n) => gateTarget(n, models) === undefined)) {
      issues.push(`${file}#/gates/${i}/model: "${g.model}" is not one of the models (${[...new Set(models.map((m) => m.baseId ?? m.id))].join(', ')})`);
    }
    return named.map((model) => ({ model, minPassRate: g.min_pass_rate }));
  });
}
