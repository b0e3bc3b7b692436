import { pairedDifference } from '../stats/paired.js';
import { sampleSize } from '../stats/power.js';
import { clusterIds } from './clusters.js';
import type { RouteItem } from './types.js';

// Per-segment verdict: for each value of one segment field, can S replace L there? The paired difference
// q_S − q_L with its interval (stats/paired: z interval, or clustered SE with a t interval) is compared
// with a tolerance τ (e.g. 0.02, two points of quality):
//   holds             the whole interval is above −τ: S loses less than τ there;
//   escalate          the whole interval is below −τ: S loses more than τ, send the segment to L;
//   not enough data   the interval straddles −τ; `neededN` says how many items would decide it.
// When every paired difference is the same the SE is 0 and the interval would collapse to a point; it is
// widened to ± noDifferenceBound(n) instead, and neededN is then the smallest n whose bound is under τ.
// neededN is stats/power's sampleSize (Miller Eq. 9) for a two-sided test at α = 1 − level and power 0.8
// with δ = |observed diff − (−τ)|, the distance to the decision boundary, and ω² = n·SE². Without clusters
// n·SE² is the item variance of the difference; with clusters it carries the design effect, so the
// figure counts items drawn in clusters like these. It assumes the observed difference is the true one.

/** Segment value used for items that lack the field. */
export const NO_SEGMENT = '(none)';

export type Verdict = 'holds' | 'escalate' | 'not enough data';

export interface SegmentVerdict {
  readonly value: string;
  readonly n: number;
  readonly meanQS: number | null;
  readonly meanQL: number | null;
  /** mean(q_S) − mean(q_L). */
  readonly diff: number | null;
  readonly ci: readonly [number, number] | null;
  readonly verdict: Verdict;
  /** Items needed to decide at 80% power; null when decided or not estimable (see reason). */
  readonly neededN: number | null;
  readonly reason: string;
  /** Mean USD per item of each model in the segment; null when any price is unknown. */
  readonly cost: { readonly s: number | null; readonly l: number | null };
  /** Mean latency (ms) of each model in the segment; null when any is unknown. */
  readonly latencyMs: { readonly s: number | null; readonly l: number | null };
}

export interface VerdictOptions {
  readonly field: string;
  /** Largest acceptable loss of S against L, ≥ 0. */
  readonly tolerance: number;
  /** 0.95 by default. */
  readonly level?: number;
  /** Power for neededN; 0.8 by default. */
  readonly power?: number;
}

/** Mean of the values, or null when any is unknown or there are none. */
function knownMean(xs: readonly (number | null)[]): number | null {
  if (xs.length === 0 || xs.some((x) => x === null)) return null;
  return (xs as number[]).reduce((s, v) => s + v, 0) / xs.length;
}

/** The segments of a field: value → item indices, values in order of first appearance. */
function groupBy(items: readonly RouteItem[], field: string): Map<string, RouteItem[]> {
  const groups = new Map<string, RouteItem[]>();
  for (const it of items) {
    const v = it.segments?.[field] ?? NO_SEGMENT;
    const g = groups.get(v);
    if (g) g.push(it);
    else groups.set(v, [it]);
  }
  return groups;
}

const f = (x: number): string => x.toFixed(4);

/**
 * Half-width that replaces a zero-width interval: the exact (Clopper–Pearson) upper bound of the share of
 * items on which S and L differ, when none of n items was seen to differ from the rest,
 * u(n) = 1 − ((1 − level)/2)^(1/n). When every paired difference is the same the SE is 0 and the CLT
 * interval collapses to a point (STATISTICS.md §1.1 warns of this at 0% and 100%), so 2 items where both
 * models are right would "prove" parity. Concordance on n items only bounds the discordant share by u(n):
 * ±0.84 at n = 2, ±0.028 at n = 130 (level 0.95).
 */
export function noDifferenceBound(n: number, level: number): number {
  if (!(n >= 1)) return 1;
  return 1 - ((1 - level) / 2) ** (1 / n);
}

const clamp = (x: number): number => Math.min(1, Math.max(-1, x));

/** The verdict when the SE is 0 (every paired difference equals d, or clusters cancel): decide on d ± noDifferenceBound(n). */
function decideConcordant(r: ReturnType<typeof pairedDifference>, d: number, opts: VerdictOptions): Pick<SegmentVerdict, 'ci' | 'verdict' | 'neededN' | 'reason'> {
  const level = opts.level ?? 0.95;
  const u = noDifferenceBound(r.n, level);
  const ci = [clamp(d - u), clamp(d + u)] as const;
  const bound = -opts.tolerance;
  const [lo, hi] = ci;
  // With clusters the SE can be 0 although the items differ (every cluster's residuals cancel).
  const why = r.varDiff === 0 ? `all ${r.n} items differ alike (SE 0)` : `clustered SE 0 over ${r.n} items`;
  if (lo > bound) return { ci, verdict: 'holds', neededN: null, reason: `${why}; exact interval [${f(lo)}, ${f(hi)}] is above −${opts.tolerance}` };
  if (hi < bound) return { ci, verdict: 'escalate', neededN: null, reason: `${why}; exact interval [${f(lo)}, ${f(hi)}] is below −${opts.tolerance}` };
  // Smallest n with u(n) < τ: enough concordant items to bound the discordant share under the tolerance.
  const needed = opts.tolerance > 0 && opts.tolerance < 1 ? Math.floor(Math.log((1 - level) / 2) / Math.log(1 - opts.tolerance)) + 1 : null;
  const tail = needed === null ? 'no n decides it' : `about ${needed} such items would decide it`;
  return { ci, verdict: 'not enough data', neededN: needed, reason: `${why}; exact interval [${f(lo)}, ${f(hi)}] straddles −${opts.tolerance}; ${tail}` };
}

/** The verdict and, when undecided, the sample size that would decide it. */
function decideVerdict(r: ReturnType<typeof pairedDifference>, opts: VerdictOptions): Pick<SegmentVerdict, 'verdict' | 'neededN' | 'reason'> {
  const bound = -opts.tolerance;
  if (r.diff === null || r.ci === null || r.se === null) {
    return { verdict: 'not enough data', neededN: null, reason: `n = ${r.n}: no interval (needs at least 2 items or clusters)` };
  }
  const [lo, hi] = r.ci;
  if (lo > bound) return { verdict: 'holds', neededN: null, reason: `interval [${f(lo)}, ${f(hi)}] is above −${opts.tolerance}` };
  if (hi < bound) return { verdict: 'escalate', neededN: null, reason: `interval [${f(lo)}, ${f(hi)}] is below −${opts.tolerance}` };
  const delta = Math.abs(r.diff - bound);
  const omega2 = r.n * r.se ** 2;
  if (delta === 0 || omega2 === 0) {
    return { verdict: 'not enough data', neededN: null, reason: `interval [${f(lo)}, ${f(hi)}] straddles −${opts.tolerance} and the observed difference sits on it: no n decides it` };
  }
  const alpha = 1 - (opts.level ?? 0.95);
  const needed = sampleSize({ delta, omega2, alpha, power: opts.power ?? 0.8 }).n;
  return { verdict: 'not enough data', neededN: needed, reason: `interval [${f(lo)}, ${f(hi)}] straddles −${opts.tolerance}; about ${needed} items would decide it at ${Math.round((opts.power ?? 0.8) * 100)}% power` };
}

/** One verdict per value of the field, with each model's mean cost and latency there. */
export function segmentVerdicts(items: readonly RouteItem[], opts: VerdictOptions): SegmentVerdict[] {
  if (!(opts.tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${opts.tolerance}`);
  return [...groupBy(items, opts.field)].map(([value, seg]) => {
    const clusters = clusterIds(seg);
    const level = opts.level ?? 0.95;
    const r = pairedDifference(seg.map((it) => it.qS), seg.map((it) => it.qL), clusters ? { level, clusters } : { level });
    const decided = r.se === 0 && r.diff !== null ? decideConcordant(r, r.diff, opts) : { ci: r.ci, ...decideVerdict(r, opts) };
    return {
      value, n: r.n, meanQS: r.meanA, meanQL: r.meanB, diff: r.diff, ...decided,
      cost: { s: knownMean(seg.map((it) => it.cS)), l: knownMean(seg.map((it) => it.cL)) },
      latencyMs: { s: knownMean(seg.map((it) => it.lS)), l: knownMean(seg.map((it) => it.lL)) },
    };
  });
}
