import type { EscalationSettings, Json, JudgeSettings } from '../types.js';
import type { EscalateInput, JudgeInput } from './input.js';
import type { ModelSpec } from './types.js';
import { modelSpec, type ModelContext } from './models.js';
import { structuredProblem } from './structured.js';

// The escalation judge of a cascade (issue 5): a scorer's `judge.escalate` over the spec-level one
// (`escalate: false` on a scorer turns an inherited one off), resolved like any judge model, with
// the checks that need the cheap judge's settings or the scorer type. Problems go to `issues`.

export interface EscalationContext {
  /** Index of the scorer in `scorers`. */
  readonly index: number;
  readonly type: string;
  readonly own: JudgeInput;
  readonly spec: JudgeInput | undefined;
  /** The cheap judge, resolved (escalate not yet set). */
  readonly cheap: JudgeSettings;
  /** The scorer's options (scale, pass_at, criteria), to check that `near` can tell anything. */
  readonly options: Readonly<Record<string, Json>>;
}

type Obj = Readonly<Record<string, Json>>;
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where the pass threshold is the top of its scale: then every passing score sits at the threshold
 * (margin 0), and `near` would escalate every pass. A reference scorer's scale is 0..1, pass_at 1 by
 * default; a rubric's and each criterion's is their `scale`. The names of such thresholds.
 */
function topThresholds(type: string, o: Obj): string[] {
  const atTop = (scale: Json | undefined, passAt: Json | undefined): boolean => isObj(scale) && typeof passAt === 'number' && passAt === scale['max'];
  if (type === 'reference') return (o['pass_at'] ?? 1) === 1 ? ['pass_at (1, the top of the 0..1 scale)'] : [];
  if (type === 'rubric') return atTop(o['scale'], o['pass_at']) ? [`pass_at (${String(o['pass_at'])}, the top of the scale)`] : [];
  const list = Array.isArray(o['criteria']) ? o['criteria'] : [];
  return list.filter((c): c is Obj => isObj(c) && atTop(c['scale'], c['pass_at'])).map((c) => `criterion ${String(c['name'])}'s pass_at (the top of its scale)`);
}

/** The escalation settings and the judge model to create a provider for; undefined: no cascade (or a problem reported). */
export function resolveEscalation(e: EscalationContext, ctx: ModelContext, issues: string[]): { settings: EscalationSettings; model: ModelSpec } | undefined {
  const own = e.own.escalate;
  if (own === false) return undefined;
  const input: EscalateInput | undefined = own ?? (e.spec?.escalate === false ? undefined : e.spec?.escalate);
  if (input === undefined) return undefined;
  const at = own !== undefined ? `/scorers/${e.index}/judge/escalate` : '/judge/escalate';
  const where = `${ctx.file}#${at}`;
  const pairwise = e.type === 'pairwise';
  // A condition that cannot apply to this scorer type: an error on the scorer's own escalate, ignored
  // when inherited from the spec-level judge (which serves scorers of every type).
  if (own !== undefined && pairwise && input.when.near !== undefined) {
    issues.push(`${where}/when/near: scorer ${e.index} is pairwise, whose verdict has no pass threshold to be near; use flip: true (escalate when the verdict changes with the order) or disagree: true`);
    return undefined;
  }
  if (own !== undefined && !pairwise && input.when.flip !== undefined) {
    issues.push(`${where}/when/flip: flip is for pairwise scorers (a verdict that changes with the order); scorer ${e.index} is ${e.type}, remove it`);
    return undefined;
  }
  const near = pairwise ? null : input.when.near ?? null;
  const disagree = input.when.disagree ?? false;
  const flip = pairwise && (input.when.flip ?? true);
  const error = input.when.error ?? true;
  if (near === null && !disagree && !flip && !error) {
    issues.push(`${where}/when: nothing would escalate; set near (scale points from pass_at), disagree: true, error: true${pairwise ? ' or flip: true' : ''}`);
    return undefined;
  }
  const top = near === null ? [] : topThresholds(e.type, e.options);
  if (top.length > 0) {
    issues.push(`${where}/when/near: ${top.join(', ')}: every passing score is at the threshold, so near would escalate every pass; use disagree: true (with samples: 2 or more), or a pass_at below the top`);
    return undefined;
  }
  if (disagree && e.cheap.samples < 2) {
    issues.push(`${where}/when/disagree: the cheap judge (${e.cheap.model}) asks ${e.cheap.samples} sample per item, so its samples can never disagree; give the judge samples: 2 or more, or drop disagree`);
    return undefined;
  }
  const model = modelSpec({ id: input.model, ...(input.agreement !== undefined && { sim: { accuracy: input.agreement } }), ...(input.price !== undefined && { price: input.price }) }, `${at}/model`, ctx, issues);
  if (model.id === e.cheap.model) {
    issues.push(`${where}/model: ${model.id} is the cheap judge itself; escalate to a different (larger) model, or ask the judge for more samples instead`);
    return undefined;
  }
  const problem = structuredProblem(input.structured, model);
  if (problem !== undefined) {
    issues.push(`${where}/structured: ${problem}`);
    return undefined;
  }
  const settings: EscalationSettings = {
    model: model.id,
    ...(input.structured !== undefined && { structured: input.structured }),
    samples: input.samples ?? 1,
    reducer: input.reducer ?? e.cheap.reducer,
    maxTokens: input.max_tokens ?? e.cheap.maxTokens,
    when: { near, disagree, flip, error },
  };
  return { settings, model };
}
