import type { EscalationReason, EscalationSettings, JudgeCalls, JudgeInfo } from '../../types.js';
import { JudgeError } from '../../errors.js';
import { sumCalls } from './calls.js';

// Cascaded judging (issue 5): the cheap judge has graded the item; when it is unsure (the caller's
// reasons: judge/escalate) or gave no verdict at all (when.error), the escalation judge is asked the
// same task, and its verdict is the score. The record keeps both sides: the cheap verdict (null when
// it had none, with why), its pass decision and calls, the reasons, and the escalation's calls;
// JudgeInfo.calls is their sum, so every existing total still counts every call. An escalation judge
// that gives no verdict makes the item a judge error, with both judges' calls. Generic over the
// verdict: a model-graded score's reduced verdict, or a pairwise scorer's two orders.

/** A judge's answer for one item: its verdict and info, or why it has none. */
export type Graded<V> = { readonly ok: true; readonly verdict: V; readonly info: JudgeInfo } | { readonly ok: false; readonly message: string; readonly calls: JudgeCalls };

export interface CascadeStep<V> {
  readonly scorer: string;
  readonly escalate: EscalationSettings;
  /** The cheap judge: its model and samples per item (for the record when it gave no verdict). */
  readonly cheapJudge: { readonly model: string; readonly samples: number };
  readonly cheap: Graded<V>;
  /** Why a cheap verdict is unsure under `when` (empty: it stands). */
  readonly reasons: (cheap: Extract<Graded<V>, { ok: true }>, when: EscalationSettings['when']) => EscalationReason[];
  /** The pass decision a verdict gives (negate applied), to compare the two judges. */
  readonly passOf: (verdict: V) => boolean;
  /** Asks the escalation judge the cheap judge's task. */
  readonly ask: (settings: EscalationSettings) => Promise<Graded<V>>;
}

/** The verdict a scorer scores: the cheap judge's without a cascade (none is a JudgeError), else the cascade's. */
export function judged<V>(step: Omit<CascadeStep<V>, 'escalate'> & { readonly escalate: EscalationSettings | undefined }): Promise<{ verdict: V; info: JudgeInfo }> {
  const { escalate, cheap } = step;
  if (escalate !== undefined) return cascade({ ...step, escalate });
  if (cheap.ok) return Promise.resolve(cheap);
  return Promise.reject(new JudgeError(`scorer ${step.scorer}: ${cheap.message}`, cheap.calls));
}

/** The verdict to score and its JudgeInfo (with `cascade`), escalating when the cheap judge is unsure or silent. */
export async function cascade<V>(step: CascadeStep<V>): Promise<{ verdict: V; info: JudgeInfo }> {
  const { cheap, escalate } = step;
  const to = escalate.model;
  if (!cheap.ok && !escalate.when.error) throw new JudgeError(`scorer ${step.scorer}: ${cheap.message}`, cheap.calls);
  const reasons: EscalationReason[] = cheap.ok ? step.reasons(cheap, escalate.when) : ['error'];
  if (cheap.ok && reasons.length === 0) return { verdict: cheap.verdict, info: { ...cheap.info, cascade: { escalated: false, escalateTo: to } } };
  const cheapCalls = cheap.ok ? cheap.info.calls : cheap.calls;
  const big = await step.ask(escalate);
  if (!big.ok) {
    const first = cheap.ok ? '' : `cheap judge ${step.cheapJudge.model}: ${cheap.message}; `;
    throw new JudgeError(`scorer ${step.scorer}: ${first}escalation judge ${to} (asked because: ${reasons.join(', ')}): ${big.message}`, sumCalls(cheapCalls, big.calls),
      { scorer: step.scorer, escalateTo: to, reasons, cheapCalls, escalationCalls: big.calls });
  }
  const cheapSide = cheap.ok
    ? { model: cheap.info.model, verdict: cheap.info.verdict, pass: step.passOf(cheap.verdict), samples: cheap.info.samples, calls: cheap.info.calls }
    : { model: step.cheapJudge.model, verdict: null, pass: null, error: cheap.message, samples: { valid: 0, asked: step.cheapJudge.samples, agreement: 0 }, calls: cheap.calls };
  const info: JudgeInfo = {
    ...big.info,
    calls: sumCalls(cheapCalls, big.info.calls),
    cascade: { escalated: true, escalateTo: to, reasons, cheap: cheapSide, escalationCalls: big.info.calls },
  };
  return { verdict: big.verdict, info };
}
