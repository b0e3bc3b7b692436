import { levelPct } from '../../report/render/format.js';
import { pairedDifference } from '../../stats/paired.js';
import { clusterIds } from './clusters.js';
import type { RouteItem } from './types.js';

// The "gap not significant" rule: PGR divides by Q_L − Q_S, so when that gap is
// indistinguishable from noise PGR, APGR and CPT are noise divided by noise. They are skipped, with the
// reason, when the paired 95% CI of Q_L − Q_S contains 0 or |Q_L − Q_S| < 2·SE_paired. The CI and SE come
// from stats/paired (z interval; clustered SE and a t interval with C − 1 df when clusters exist).

export interface GapCheck {
  readonly n: number;
  /** Q_L − Q_S; null when n = 0. */
  readonly gap: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  /** True when PGR/APGR/CPT may be reported. */
  readonly significant: boolean;
  /** Why not, in words for the report; null when significant. */
  readonly reason: string | null;
}

const f = (x: number): string => x.toFixed(4);

/** Whether Q_L − Q_S is distinguishable from 0 on these paired items. */
export function gapCheck(items: readonly RouteItem[], level = 0.95): GapCheck {
  const clusters = clusterIds(items);
  const r = pairedDifference(items.map((it) => it.qL), items.map((it) => it.qS), clusters ? { level, clusters } : { level });
  const base = { n: r.n, gap: r.diff, se: r.se, ci: r.ci };
  const pct = levelPct(level);
  if (r.diff === null || r.ci === null || r.se === null) {
    const unit = clusters ? 'clusters' : 'items';
    return { ...base, significant: false, reason: `gap not significant: fewer than 2 ${unit}, so Q_L − Q_S has no interval` };
  }
  const [lo, hi] = r.ci;
  if (lo <= 0 && hi >= 0) {
    return { ...base, significant: false, reason: `gap not significant: the paired ${pct} CI of Q_L − Q_S, [${f(lo)}, ${f(hi)}], contains 0` };
  }
  if (Math.abs(r.diff) < 2 * r.se) {
    return { ...base, significant: false, reason: `gap not significant: |Q_L − Q_S| = ${f(Math.abs(r.diff))} < 2·SE_paired = ${f(2 * r.se)}` };
  }
  return { ...base, significant: true, reason: null };
}
