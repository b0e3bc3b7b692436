import { pairedDifference, type PairedDifference } from '../../stats/paired.js';
import { sampleSize } from '../../stats/power.js';
import { clusterIds } from './clusters.js';
import { itemQuality } from './evaluate.js';
import type { Decision, RouteItem } from './types.js';

// Is a policy within the tolerance τ of always-L? Only when the interval says so: non-inferiority with
// margin τ, i.e. the lower bound of the paired interval of Q_policy − Q_L (stats/paired, the interval
// every report uses for a paired difference) is at least −τ. When the whole interval is below −τ the
// policy is worse; when it straddles −τ the data cannot tell, and `neededN` estimates how many samples
// would: stats/power's sampleSize (Miller 2024, Eq. 9; two-sided at α = 1 − level, power 0.8) with
// δ = |observed diff + τ|, the distance to the margin, and ω² = n·SE² (the design effect included with
// clusters). When the SE is 0 (every pair alike) it is the smallest n whose no-difference bound
// 1 − ((1 − level)/2)^(1/n) is under τ. Both assume the observed difference is the true one.

export type NonInferiorityVerdict = 'within' | 'worse' | 'undecided';

export interface NonInferiority {
  /** Q_policy − Q_L on the paired items. */
  readonly diff: number | null;
  readonly ci: readonly [number, number] | null;
  readonly level: number;
  readonly tolerance: number;
  readonly verdict: NonInferiorityVerdict;
  /** Samples that would decide an undecided verdict at 80% power; null when decided or not estimable. */
  readonly neededN: number | null;
}

/** Samples that would decide whether diff clears −τ (see the module comment); null when no n would. */
export function neededToDecide(r: PairedDifference, tolerance: number, level: number, power = 0.8): number | null {
  if (r.diff === null || r.se === null) return null;
  if (r.se === 0) {
    return tolerance > 0 && tolerance < 1 ? Math.floor(Math.log((1 - level) / 2) / Math.log(1 - tolerance)) + 1 : null;
  }
  const delta = Math.abs(r.diff + tolerance);
  if (delta === 0) return null;
  return sampleSize({ delta, omega2: r.n * r.se ** 2, alpha: 1 - level, power }).n;
}

/** The verdict of one interval against the margin −τ. */
export function verdictOf(ci: readonly [number, number] | null, tolerance: number): NonInferiorityVerdict {
  if (ci === null) return 'undecided';
  if (ci[0] >= -tolerance - 1e-9) return 'within';
  if (ci[1] < -tolerance) return 'worse';
  return 'undecided';
}

/** Q_policy − Q_L for a policy's fixed decision on the items, against the margin τ. */
export function nonInferiority(items: readonly RouteItem[], d: Decision, tolerance: number, level = 0.95): NonInferiority {
  const clusters = clusterIds(items);
  const qL = items.map((it) => it.qL);
  const r = pairedDifference(itemQuality(items, d), qL, clusters ? { level, clusters } : { level });
  const verdict = verdictOf(r.ci, tolerance);
  return { diff: r.diff, ci: r.ci, level, tolerance, verdict, neededN: verdict === 'undecided' ? neededToDecide(r, tolerance, level) : null };
}
