import type { JudgeCalls, JudgeCascade, JudgeEscalationFailure, JudgeInfo } from '../types.js';
import type { CascadeSummary, JudgeSelfAgreement, JudgeTotals } from './parts-schema.js';
import type { SummaryRecord } from './model-summary.js';
import { wilson } from '../stats/intervals.js';
import { zCritical } from '../stats/distributions.js';

// The judges of model-graded scorers on one model's items (issue 5): calls, tokens and cost apart
// from the model's own; per scorer, the judge's self-agreement when it was asked k >= 2 samples
// (the cheap judge's samples when cascaded: it is the judge that sees every item); and per cascaded
// scorer, how many items escalated and why, what each judge cost, and how often the escalation
// judge's pass/fail decision matched the cheap judge's on the escalated items (Wilson interval at
// the run's level). Cascade figures count scored items: an item whose escalation judge failed is a
// judge error (in `errors`, and its calls in the totals) and has no cheap/escalation split.

/** What the judge summary keeps of one model-graded score (SummaryRecord holds it per score). */
export interface GradedScore {
  /** The judge that graded every item (with a cascade: the cheap one). */
  readonly model: string;
  /** The cheap judge's samples (without a cascade: the judge's). */
  readonly samples: { readonly asked: number; readonly agreement: number };
  readonly calls: JudgeCalls;
  readonly cascade: JudgeCascade | undefined;
}

export function gradedOf(judge: JudgeInfo | undefined): GradedScore | undefined {
  if (judge === undefined) return undefined;
  const c = judge.cascade;
  const samples = c?.escalated === true ? c.cheap.samples : judge.samples;
  return { model: c?.escalated === true ? c.cheap.model : judge.model, samples: { asked: samples.asked, agreement: samples.agreement }, calls: judge.calls, cascade: c };
}

// The totals' shape is their JSON Schema's (parts-schema.ts), part of summary.json.
export type { CascadeSummary, JudgeSelfAgreement, JudgeTotals } from './parts-schema.js';

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A sum of costs that turns null once one cost is unknown. */
function costSum() {
  let sum = 0;
  let unknown = false;
  return {
    add: (c: number | null) => { if (c === null) unknown = true; else sum += c; },
    value: () => (unknown ? null : round(sum, 8)),
  };
}

function selfTally(scorer: string) {
  let items = 0, sum = 0, unanimous = 0;
  return {
    add: (g: GradedScore) => {
      if (g.samples.asked < 2) return;
      items += 1; sum += g.samples.agreement;
      if (g.samples.agreement === 1) unanimous += 1;
    },
    result: (): JudgeSelfAgreement | undefined => (items === 0 ? undefined
      : { scorer, items, meanAgreement: round(sum / items), unanimous, unanimousShare: round(unanimous / items) }),
  };
}

function cascadeTally(scorer: string, escalateTo: string) {
  let items = 0, escalated = 0, unresolved = 0, compared = 0, agreed = 0;
  const reasons = { near: 0, disagree: 0, flip: 0, error: 0 };
  const cheap = costSum(), esc = costSum(), all = costSum();
  return {
    add: (c: JudgeCascade, g: GradedScore, pass: boolean) => {
      items += 1;
      all.add(g.calls.costUsd);
      if (!c.escalated) { cheap.add(g.calls.costUsd); return; }
      escalated += 1;
      cheap.add(c.cheap.calls.costUsd);
      esc.add(c.escalationCalls.costUsd);
      if (c.cheap.pass !== null) {
        compared += 1;
        if (c.cheap.pass === pass) agreed += 1;
      }
      for (const r of c.reasons) reasons[r] += 1;
    },
    /** An escalated item neither judge gave a verdict for (a judge error record). */
    failed: (f: JudgeEscalationFailure) => {
      items += 1; escalated += 1; unresolved += 1;
      cheap.add(f.cheapCalls.costUsd);
      esc.add(f.escalationCalls.costUsd);
      all.add(f.cheapCalls.costUsd);
      all.add(f.escalationCalls.costUsd);
      for (const r of f.reasons) reasons[r] += 1;
    },
    result: (level: number): CascadeSummary => {
      const [lo, hi] = wilson(agreed, compared, zCritical(level));
      return {
        scorer, escalateTo, items, escalated, escalatedShare: items > 0 ? round(escalated / items) : 0, reasons: { ...reasons },
        cheapCostUsd: cheap.value(), escalationCostUsd: esc.value(), costUsd: all.value(),
        unresolved, compared, agreed, agreement: compared > 0 ? round(agreed / compared) : null,
        agreementCi: compared > 0 ? [round(lo), round(hi)] : null,
      };
    },
  };
}

/** Running judge totals over one model's records. */
export function judgeTally(level: number) {
  let seen = false;
  let unknown = false;
  const t = { calls: 0, answers: 0, input: 0, output: 0, thinking: 0, cost: 0, errors: 0 };
  const selves = new Map<string, ReturnType<typeof selfTally>>();
  const cascades = new Map<string, ReturnType<typeof cascadeTally>>();
  const models = new Set<string>();
  const cascadeOf = (scorer: string, escalateTo: string) => {
    const key = `${scorer}\u0000${escalateTo}`;
    const c = cascades.get(key) ?? cascadeTally(scorer, escalateTo);
    cascades.set(key, c);
    return c;
  };
  const addScore = (s: SummaryRecord['scores'][number]) => {
    const g = s.graded;
    if (g === undefined) return;
    models.add(g.model);
    const self = selves.get(s.name) ?? selfTally(s.name);
    selves.set(s.name, self);
    self.add(g);
    if (g.cascade === undefined) return;
    cascadeOf(s.name, g.cascade.escalateTo).add(g.cascade, g, s.pass);
  };
  return {
    add: (r: SummaryRecord) => {
      if (r.error?.kind === 'judge') t.errors += 1;
      const f = r.error?.escalation;
      if (f !== undefined) cascadeOf(f.scorer, f.escalateTo).failed(f);
      for (const s of r.scores) addScore(s);
      const j = r.judge;
      if (j === undefined) return;
      seen = true;
      t.calls += j.attempts; t.answers += j.answers;
      t.input += j.usage.inputTokens; t.output += j.usage.outputTokens; t.thinking += j.usage.thinkingTokens;
      if (j.costUsd === null) unknown = true;
      else t.cost += j.costUsd;
    },
    totals: (): JudgeTotals | null => {
      if (!seen && t.errors === 0) return null;
      const self = [...selves.values()].flatMap((x) => x.result() ?? []);
      const cascade = [...cascades.values()].map((x) => x.result(level));
      return {
        calls: t.calls, answers: t.answers, tokens: { input: t.input, output: t.output, thinking: t.thinking },
        costUsd: unknown ? null : round(t.cost, 8), errors: t.errors,
        ...(models.size > 0 && { models: [...models] }),
        ...(self.length > 0 && { selfAgreement: self }),
        ...(cascade.length > 0 && { cascade }),
      };
    },
  };
}
