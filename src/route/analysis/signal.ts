import type { Decision, RouteItem } from './types.js';

// Signal quality, independent of any threshold, and the deferral confusion matrix at τ*
// "S fails" means q_S < passAt (0.5 by default: exactly q_S = 0 for 0/1 quality).

/** Which signal to score: the router's pre-generation one or the cascade's post-generation one. */
export type SignalSource = 'pre' | 'post';

export interface SignalAuroc {
  /** P(signal on an item S got right > signal on an item S got wrong), ties counting ½. */
  readonly auroc: number | null;
  /** Items S got right and wrong. */
  readonly nOk: number;
  readonly nFail: number;
  /** Why auroc is null. */
  readonly note: string | null;
}

/** Mid-ranks (1-based) of the values, ties sharing the mean of their ranks. */
function midRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as readonly [number, number])[0] === (order[start] as readonly [number, number])[0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) ranks[(order[j] as readonly [number, number])[1]] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * AUROC of `scores` for separating positives from negatives = Mann–Whitney U/(n₊n₋): the probability a
 * random positive scores above a random negative, ties ½. Computed from mid-ranks, O(n log n).
 * Null when either class is empty.
 */
export function auroc(scores: readonly number[], positive: readonly boolean[]): number | null {
  if (scores.length !== positive.length) throw new RangeError(`auroc: ${scores.length} scores but ${positive.length} labels`);
  const ranks = midRanks(scores);
  const nPos = positive.filter(Boolean).length;
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const rankSum = ranks.reduce((s, r, i) => (positive[i] ? s + r : s), 0);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * AUROC of a signal as a predictor of "S fails". The signal is oriented "higher = more confident", so
 * this is P(signal_ok > signal_fail): the items S got right play the positives. 0.5 = no information.
 */
export function signalAuroc(items: readonly RouteItem[], source: SignalSource, passAt = 0.5): SignalAuroc {
  const name = source === 'pre' ? 'preSignal' : 'signal';
  const scores = items.map((it, i) => {
    const v = source === 'pre' ? it.preSignal : it.signal;
    if (v === undefined || Number.isNaN(v)) throw new RangeError(`signalAuroc: item ${i} has no ${name}`);
    return v;
  });
  const ok = items.map((it) => it.qS >= passAt);
  const nOk = ok.filter(Boolean).length;
  const nFail = items.length - nOk;
  const value = auroc(scores, ok);
  const note = value !== null ? null : `AUROC needs items S got right and items it got wrong (${nOk} right, ${nFail} wrong)`;
  return { auroc: value, nOk, nFail, note };
}

/** The deferral decision at τ*, item by item (counts; shares are count/n). Classes are disjoint. */
export interface DeferralConfusion {
  readonly n: number;
  /** Kept S's answer and S was right. */
  readonly correctAccept: number;
  /** Kept S's answer and S was wrong. */
  readonly falseAccept: number;
  /** Escalated and L did better (q_L > q_S). */
  readonly useful: number;
  /** Escalated and nothing changed (q_L = q_S: S was already right, or L no better). */
  readonly needless: number;
  /** Escalated and L did worse (q_L < q_S: S right, L wrong). */
  readonly harmful: number;
}

/**
 * Confusion matrix of a deterministic decision (weights 0/1). The routing literature words "needless" as "S right,
 * escalated, or L no better" and "harmful" as "S right and L wrong"; those overlap, so here an escalation
 * is useful, needless or harmful by the sign of q_L − q_S, and harmful ones are not also counted needless.
 */
export function deferralConfusion(items: readonly RouteItem[], d: Decision, passAt = 0.5): DeferralConfusion {
  if (d.weights.length !== items.length) throw new RangeError(`deferralConfusion: ${items.length} items but ${d.weights.length} weights`);
  const counts = { n: items.length, correctAccept: 0, falseAccept: 0, useful: 0, needless: 0, harmful: 0 };
  items.forEach((it, i) => {
    const w = d.weights[i] as number;
    if (w !== 0 && w !== 1) throw new RangeError(`deferralConfusion: weight ${w} at item ${i} is not 0 or 1`);
    if (w === 0) {
      if (it.qS >= passAt) counts.correctAccept++;
      else counts.falseAccept++;
    } else if (it.qL > it.qS) counts.useful++;
    else if (it.qL < it.qS) counts.harmful++;
    else counts.needless++;
  });
  return counts;
}
