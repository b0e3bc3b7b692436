import type { EscalationSettings, JudgeInfo, JudgeOutcome } from '../../types.js';
import type { ReducedVerdict } from '../../judge/reduce.js';
import { escalationReasons } from '../../judge/escalate.js';
import { JudgeError } from '../../errors.js';
import { sumCalls } from './calls.js';

// Cascaded judging (issue 5): the cheap judge has graded the item; when it is unsure (judge/escalate)
// the escalation judge is asked the same task, and its verdict is the score. The record keeps both
// sides: the cheap verdict, its pass decision and calls, the reasons, and the escalation's calls;
// JudgeInfo.calls is their sum, so every existing total still counts every call. An escalation
// judge that gives no verdict makes the item a judge error (the cascade said the cheap verdict could
// not be trusted), with both judges' calls.

type Verdicted = Extract<JudgeOutcome, { ok: true }>;

export interface CascadeStep {
  readonly scorer: string;
  readonly escalate: EscalationSettings;
  /** The cheap judge's outcome. */
  readonly cheap: Verdicted;
  /** Distance of the cheap verdict from the pass threshold, on the scorer's scale. */
  readonly margin: number;
  /** The pass decision a verdict gives (negate applied), to compare the two judges. */
  readonly passOf: (verdict: ReducedVerdict) => boolean;
  /** Asks the escalation judge the cheap judge's task. */
  readonly ask: (settings: EscalationSettings) => Promise<JudgeOutcome>;
}

/** The verdict to score and its JudgeInfo (with `cascade`), escalating when the cheap judge is unsure. */
export async function cascade(step: CascadeStep): Promise<{ verdict: ReducedVerdict; info: JudgeInfo }> {
  const { cheap } = step;
  const reasons = escalationReasons(step.escalate.when, { margin: step.margin, agreement: cheap.info.samples.agreement });
  const to = step.escalate.model;
  if (reasons.length === 0) return { verdict: cheap.verdict, info: { ...cheap.info, cascade: { escalated: false, escalateTo: to } } };
  const big = await step.ask(step.escalate);
  if (!big.ok) {
    throw new JudgeError(`scorer ${step.scorer}: escalation judge ${step.escalate.model} (asked because: ${reasons.join(', ')}): ${big.message}`, sumCalls(cheap.info.calls, big.calls));
  }
  const cheapSide = {
    model: cheap.info.model, verdict: cheap.info.verdict, pass: step.passOf(cheap.verdict), samples: cheap.info.samples, calls: cheap.info.calls,
  };
  const info: JudgeInfo = {
    ...big.info,
    calls: sumCalls(cheap.info.calls, big.info.calls),
    cascade: { escalated: true, escalateTo: to, reasons, cheap: cheapSide, escalationCalls: big.info.calls },
  };
  return { verdict: big.verdict, info };
}
