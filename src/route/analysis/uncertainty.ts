import { percentile } from '../../stats/intervals.js';
import { mcnemar, type McNemarResult } from '../../stats/mcnemar.js';
import { isBinary } from '../../stats/moments.js';
import { pairedDifference } from '../../stats/paired.js';
import { seededRandom } from '../../util/random.js';
import { clusterIds, unitsOf } from './clusters.js';
import { itemCost, itemQuality } from './evaluate.js';
import type { Decision, RouteItem } from './types.js';

// Uncertainty at the operating point.
// - A paired percentile bootstrap over items, or whole clusters when they exist, of Q(τ*) and of
//   savings = 1 − C(τ*)/C_L. Each resample draws units once and computes both statistics and C_L from the
//   same draw (that is the pairing). Savings is a ratio of means, which is why this does not call
//   stats/bootstrap's bootstrapMeanCi (a mean only); it uses the same seeded generator and percentile.
//   The decision is held fixed: pass the cross-fitted decision so threshold selection is already honest.
// - McNemar's exact test of the policy against always-L, for 0/1 quality only.

export interface BootstrapOptions {
  readonly seed: number;
  /** 2000 by default. */
  readonly resamples?: number;
  /** 0.95 by default. */
  readonly level?: number;
}

export interface Estimate {
  readonly estimate: number;
  readonly ci: readonly [number, number];
}

export interface OperatingPointCi {
  readonly quality: Estimate;
  /** Null when a price is unknown or always-L costs 0. */
  readonly savings: Estimate | null;
  readonly level: number;
  readonly resamples: number;
  /** Units resampled and whether they are clusters. */
  readonly units: number;
  readonly clustered: boolean;
}

/** Per-unit sums of the per-item series. */
const unitSums = (units: readonly number[][], xs: readonly number[]): number[] => units.map((u) => u.reduce((s, i) => s + (xs[i] as number), 0));

function interval(values: readonly number[], level: number): readonly [number, number] {
  const tail = (1 - level) / 2;
  return [percentile(values, tail) as number, percentile(values, 1 - tail) as number];
}

interface Series {
  readonly q: number[];
  readonly n: number[];
  readonly cost: number[] | null;
  readonly costL: number[] | null;
}

/** One resample: the ratio estimates from units drawn with replacement. */
function draw(series: Series, rand: () => number): { q: number; savings: number | null } {
  const m = series.q.length;
  let q = 0;
  let n = 0;
  let c = 0;
  let cl = 0;
  for (let j = 0; j < m; j++) {
    const u = Math.floor(rand() * m);
    q += series.q[u] as number;
    n += series.n[u] as number;
    if (series.cost && series.costL) {
      c += series.cost[u] as number;
      cl += series.costL[u] as number;
    }
  }
  return { q: q / n, savings: series.cost && cl > 0 ? 1 - c / cl : null };
}

/** Paired bootstrap CI of Q and savings at a fixed decision. Null when there are no items. */
export function bootstrapOperatingPoint(items: readonly RouteItem[], d: Decision, opts: BootstrapOptions): OperatingPointCi | null {
  const { seed, resamples = 2000, level = 0.95 } = opts;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  if (items.length === 0) return null;
  const units = unitsOf(items);
  const cost = itemCost(items, d);
  const costL = items.map((it) => it.cL);
  const priced = cost.every((c) => c !== null) && costL.every((c) => c !== null);
  const series: Series = {
    q: unitSums(units, itemQuality(items, d)), n: units.map((u) => u.length),
    cost: priced ? unitSums(units, cost as number[]) : null, costL: priced ? unitSums(units, costL as number[]) : null,
  };
  const rand = seededRandom(seed);
  const qs: number[] = [];
  const ss: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const one = draw(series, rand);
    qs.push(one.q);
    if (one.savings !== null) ss.push(one.savings);
  }
  const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
  const totalL = series.costL ? sum(series.costL) : 0;
  const savingsEstimate = series.cost && totalL > 0 ? 1 - sum(series.cost) / totalL : null;
  return {
    quality: { estimate: sum(series.q) / items.length, ci: interval(qs, level) },
    savings: savingsEstimate === null || ss.length === 0 ? null : { estimate: savingsEstimate, ci: interval(ss, level) },
    level, resamples, units: units.length, clustered: clusterIds(items) !== undefined,
  };
}

export type McNemarVsL =
  | { readonly status: 'ok'; readonly result: McNemarResult }
  | { readonly status: 'skipped'; readonly reason: string };

/**
 * McNemar exact test of the policy's per-item pass/fail against always-L's, at a deterministic decision.
 * b = policy right & L wrong, c = policy wrong & L right (from stats/paired's discordance counts).
 */
export function mcnemarVsAlwaysL(items: readonly RouteItem[], d: Decision): McNemarVsL {
  const qL = items.map((it) => it.qL);
  if (!isBinary(items.map((it) => it.qS)) || !isBinary(qL)) return { status: 'skipped', reason: 'McNemar needs 0/1 quality; these are graded scores' };
  if (!d.weights.every((w) => w === 0 || w === 1)) return { status: 'skipped', reason: 'McNemar needs a deterministic decision (weights 0 or 1)' };
  const discordant = pairedDifference(itemQuality(items, d), qL).discordant;
  if (discordant === null) return { status: 'skipped', reason: 'no items' };
  return { status: 'ok', result: mcnemar(discordant.b, discordant.c) };
}
