import { pairedDifference } from '../../stats/paired.js';
import { noDifferenceBound } from '../../stats/paired-proportions.js';
import { clusterIds } from '../analysis/clusters.js';
import { neededToDecide } from '../analysis/non-inferiority.js';
import type { RouteItem } from '../analysis/types.js';

// Per-segment verdict: for each value of one segment field, can S replace L there? The paired difference
// q_S − q_L with its interval (stats/paired: Newcombe's hybrid score interval for pass/fail, the same the
// run report shows; a z interval for graded scores, or clustered SE with a t interval) is compared
// with a tolerance τ (e.g. 0.02, two points of quality):
//   holds             the whole interval is above −τ: S loses less than τ there;
//   escalate          the whole interval is below −τ: S loses more than τ, send the segment to L;
//   not enough data   the interval straddles −τ; `neededN` says how many items would decide it.
// When a CLT interval's SE is 0 stats/paired widens it to ± noDifferenceBound(n) rather than a point, and
// neededN is then the smallest n whose bound is under τ.
// neededN is route/analysis/non-inferiority's neededToDecide: stats/power's sampleSize (Miller Eq. 9) for a
// two-sided test at α = 1 − level and power 0.8 with δ = |observed diff − (−τ)|, the distance to the decision boundary, and ω² = n·SE². Without clusters
// n·SE² is the item variance of the difference; with clusters it carries the design effect, so the
// figure counts items drawn in clusters like these. It assumes the observed difference is the true one.

/** Segment value used for items that lack the field. */
export const NO_SEGMENT = '(none)';

export type SegmentCall = 'holds' | 'escalate' | 'not enough data';

export interface SegmentVerdict {
  readonly value: string;
  readonly n: number;
  readonly meanQS: number | null;
  readonly meanQL: number | null;
  /** mean(q_S) − mean(q_L). */
  readonly diff: number | null;
  readonly ci: readonly [number, number] | null;
  readonly verdict: SegmentCall;
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

/** Re-exported: the half-width stats/paired uses when a paired interval's SE is 0. */
export { noDifferenceBound };

type Decided = Pick<SegmentVerdict, 'verdict' | 'neededN' | 'reason'>;

/** The verdict from the interval of stats/paired and, when undecided, the sample size that would decide it. */
function decideVerdict(r: ReturnType<typeof pairedDifference>, opts: VerdictOptions): Decided {
  const bound = -opts.tolerance;
  if (r.diff === null || r.ci === null) {
    return { verdict: 'not enough data', neededN: null, reason: `n = ${r.n}: no interval (needs at least 2 items or clusters)` };
  }
  const [lo, hi] = r.ci;
  // With clusters the SE can be 0 although the items differ (every cluster's residuals cancel).
  const why = r.se !== 0 ? '' : r.varDiff === 0 ? `all ${r.n} items differ alike (SE 0); ` : `clustered SE 0 over ${r.n} items; `;
  const span = `${why}interval [${f(lo)}, ${f(hi)}]`;
  if (lo > bound) return { verdict: 'holds', neededN: null, reason: `${span} is above −${opts.tolerance}` };
  if (hi < bound) return { verdict: 'escalate', neededN: null, reason: `${span} is below −${opts.tolerance}` };
  if (r.se === null) return { verdict: 'not enough data', neededN: null, reason: `${span} straddles −${opts.tolerance}; n = ${r.n}: too few items to estimate how many would decide it` };
  const needed = neededToDecide(r, opts.tolerance, opts.level ?? 0.95, opts.power ?? 0.8);
  if (needed === null) {
    return { verdict: 'not enough data', neededN: null, reason: `${span} straddles −${opts.tolerance} and the observed difference sits on it: no n decides it` };
  }
  const how = r.se === 0 ? 'such items' : 'items';
  const power = r.se === 0 ? '' : ` at ${Math.round((opts.power ?? 0.8) * 100)}% power`;
  return { verdict: 'not enough data', neededN: needed, reason: `${span} straddles −${opts.tolerance}; about ${needed} ${how} would decide it${power}` };
}

/** One verdict per value of the field, with each model's mean cost and latency there. */
export function segmentVerdicts(items: readonly RouteItem[], opts: VerdictOptions): SegmentVerdict[] {
  if (!(opts.tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${opts.tolerance}`);
  return [...groupBy(items, opts.field)].map(([value, seg]) => {
    const clusters = clusterIds(seg);
    const level = opts.level ?? 0.95;
    const r = pairedDifference(seg.map((it) => it.qS), seg.map((it) => it.qL), clusters ? { level, clusters } : { level });
    const decided = { ci: r.ci, ...decideVerdict(r, opts) };
    return {
      value, n: r.n, meanQS: r.meanA, meanQL: r.meanB, diff: r.diff, ...decided,
      cost: { s: knownMean(seg.map((it) => it.cS)), l: knownMean(seg.map((it) => it.cL)) },
      latencyMs: { s: knownMean(seg.map((it) => it.lS)), l: knownMean(seg.map((it) => it.lL)) },
    };
  });
}
