import type { JudgeSettings } from '../types.js';
import type { ScorerSpec } from '../scoring/create.js';
import { scorerMeta } from '../scoring/registry.js';
import type { JudgeInput, ScorerInput } from './input.js';
import type { ModelSpec } from './types.js';
import { modelSpec, type ModelContext } from './models.js';
import { resolveEscalation } from './escalation.js';
import { resolveCalibration } from './judge-calibration.js';
import { structuredProblem } from './structured.js';
import { pairwiseLogprobsProblems } from './pairwise-scale.js';

// Judges of model-graded scorers: each scorer's `judge` over the spec-level default, checked like a
// model entry (retired models, unknown sim profiles), and one ModelSpec per distinct judge model
// (escalation judges of a cascade included: spec/escalation.ts).

const DEFAULT_JUDGE = { samples: 1, reducer: 'mean' } as const;
const HOW = 'name one with "judge: {model: anthropic:claude-sonnet-5-5}" on the scorer, or a spec-level "judge: {model: ...}" for every model-graded scorer (sim:judge judges offline)';

function isJudge(x: unknown): x is JudgeInput {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The scorers with their judge settings resolved (the raw `judge` option removed), and the judge
 * models to create providers for. Problems go to `issues` as "file#/pointer: message".
 */
export function resolveJudges(scorers: readonly ScorerSpec[], inputs: readonly ScorerInput[], spec: JudgeInput | undefined, models: readonly ModelSpec[], ctx: ModelContext, issues: string[]): { scorers: ScorerSpec[]; judges: ModelSpec[] } {
  const judges = new Map<string, ModelSpec>();
  // A judge that is also a model under test, or already added, keeps that first entry (and its sim
  // settings): an `agreement` for a judge under test would be silently ignored, so it is refused.
  const add = (j: ModelSpec, agreementAt: string | undefined) => {
    const underTest = models.some((x) => x.id === j.id);
    if (underTest && agreementAt !== undefined) {
      const msg = `${ctx.file}#${agreementAt}: ${j.id} is also a model under test, and simulated it judges with that model's own sim settings (sim.accuracy on its entry under models), so agreement has no effect; remove it, or judge with a model that is not under test`;
      if (!issues.includes(msg)) issues.push(msg); // one spec-level judge serves every scorer
    }
    if (!underTest && !judges.has(j.id)) judges.set(j.id, j);
  };
  const out = scorers.map((s, i) => {
    if (scorerMeta(s.type)?.graded !== true) return s;
    const raw = inputs[i]?.['judge'];
    const own: JudgeInput = isJudge(raw) ? raw : {};
    const { judge: _drop, ...options } = s.options;
    const model = own.model ?? spec?.model;
    if (model === undefined) {
      issues.push(`${ctx.file}#/scorers/${i}: ${s.type} needs a judge model; ${HOW}`);
      return { ...s, options };
    }
    const at = own.model !== undefined ? `/scorers/${i}/judge/model` : '/judge/model';
    const agreement = own.agreement ?? spec?.agreement;
    // Like structured, a price belongs to the level that names the model.
    const price = own.model !== undefined ? own.price : own.price ?? spec?.price;
    const m = modelSpec({ id: model, ...(agreement !== undefined && { sim: { accuracy: agreement } }), ...(price !== undefined && { price }) }, at, ctx, issues);
    // Refused only where the agreement is written beside the model it is for: a spec-level agreement
    // meant for the spec-level judge is not this scorer's when it names its own model.
    const agreedHere = own.model !== undefined ? own.agreement !== undefined : agreement !== undefined;
    add(m, !agreedHere ? undefined : own.agreement !== undefined ? `/scorers/${i}/judge/agreement` : '/judge/agreement');
    // structured belongs to the judge model: it comes from the level that names the model.
    const structured = own.model !== undefined ? own.structured : own.structured ?? spec?.structured;
    const problem = structuredProblem(structured, m);
    if (problem !== undefined) issues.push(`${ctx.file}#${own.structured !== undefined ? `/scorers/${i}/judge` : '/judge'}/structured: ${problem}`);
    const cheap: JudgeSettings = {
      model: m.id,
      ...(structured !== undefined && { structured }),
      samples: own.samples ?? spec?.samples ?? DEFAULT_JUDGE.samples,
      reducer: own.reducer ?? spec?.reducer ?? DEFAULT_JUDGE.reducer,
      maxTokens: own.max_tokens ?? spec?.max_tokens ?? ctx.maxTokens,
    };
    const escalation = resolveEscalation({ index: i, type: s.type, own, spec, cheap, options }, ctx, issues);
    if (escalation !== undefined) {
      const mine = own.escalate !== undefined && own.escalate !== false;
      const input = mine ? own.escalate : spec?.escalate;
      const agreed = input !== undefined && input !== false && input.agreement !== undefined;
      add(escalation.model, !agreed ? undefined : mine ? `/scorers/${i}/judge/escalate/agreement` : '/judge/escalate/agreement');
    }
    const calibration = resolveCalibration(s, i, own, spec, ctx.file, issues);
    const settings: JudgeSettings = {
      ...cheap,
      ...(escalation !== undefined && { escalate: escalation.settings }),
      ...(calibration !== undefined && { calibration }),
    };
    const escalateInput = own.escalate !== undefined && own.escalate !== false ? own.escalate : own.escalate === false ? undefined : spec?.escalate;
    const declaredEscalate = escalateInput !== undefined && escalateInput !== false ? escalateInput.model : undefined;
    issues.push(...pairwiseLogprobsProblems(s, i, settings, { judge: model, escalate: declaredEscalate }, ctx.file));
    return { ...s, options, judge: settings };
  });
  return { scorers: out, judges: [...judges.values()] };
}
