import type { EscalateWhen, EscalationReason } from '../types/judge.js';

// Cascaded judging (issue 5): when is a cheap judge's verdict unsure enough to ask a larger judge?
// `near: d`: the reduced score lies within d scale points of the scorer's pass threshold, bounds
// included (a score exactly at pass_at is the most borderline there is: one point less fails).
// `disagree`: the cheap judge's valid samples were not unanimous (agreement below 1; a sample that
// failed is not counted as a disagreement). `flip` (pairwise): the verdict changed with the order.
// (A cheap judge with no verdict at all escalates by `when.error`: scoring/model-graded/cascade.)
// Pure; the scorer computes the margin on its own scale.

/** Slack for margins computed from means (6.6666… − 7): a bound written in the spec stays inclusive. */
const EPS = 1e-9;

export interface CheapVerdict {
  /** Distance in scale points from the pass threshold (criteria: the smallest over the criteria); NaN: unknown. */
  readonly margin: number;
  /** Share of the valid samples agreeing with the reduced verdict (1: unanimous). */
  readonly agreement: number;
  /** pairwise: the verdict changed with the order. */
  readonly flipped?: boolean;
}

/** The reasons to escalate, in a fixed order; empty: keep the cheap verdict. */
export function escalationReasons(when: EscalateWhen, cheap: CheapVerdict): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  if (when.near !== null && cheap.margin <= when.near + EPS) reasons.push('near');
  if (when.disagree && cheap.agreement < 1) reasons.push('disagree');
  if (when.flip && cheap.flipped === true) reasons.push('flip');
  return reasons;
}
