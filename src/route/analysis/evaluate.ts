import type { Costing, Decision, PolicyPoint, RouteItem } from './types.js';

// Replays a decision over the items and summarises it (Q, c, C, latency).
// Per item with w = P(call L):
//   quality  (1 − w)·q_S + w·q_L                      (a cascade that escalates returns L's answer)
//   router   cost (1 − w)·c_S + w·c_L,   latency l_S or l_L
//   cascade  cost c_S + w·c_L,           latency l_S or l_S + l_L
// A price or latency is needed only when its call happens with positive probability; if a needed one is
// null the mean is null and `unknown` says how many items lacked it. Nothing is imputed.

/** A value with the probability it occurs, for one item's latency distribution. */
type Weighted = readonly [value: number, weight: number];

/** The latency quantile reported. */
export const P95 = 0.95;

/**
 * One item's cost (or latency, for w ∈ {0, 1}) from S's and L's terms, as the costing says; null when a
 * term the item needs is unknown.
 */
export function combine(s: number | null, l: number | null, w: number, costing: Costing): number | null {
  const needS = costing === 'cascade' || w < 1;
  const needL = w > 0;
  if ((needS && s === null) || (needL && l === null)) return null;
  const sv = needS ? (s as number) : 0;
  const lv = needL ? (l as number) : 0;
  return costing === 'cascade' ? sv + w * lv : (1 - w) * sv + w * lv;
}

/** The latency outcomes of one item: S alone with 1 − w, and L (router) or S then L (cascade) with w. */
function latencyParts(item: RouteItem, w: number, costing: Costing): Weighted[] | null {
  if (combine(item.lS, item.lL, w, costing) === null) return null;
  const parts: Weighted[] = [];
  if (w < 1) parts.push([item.lS as number, 1 - w]);
  if (w > 0) parts.push([costing === 'cascade' ? (item.lS as number) + (item.lL as number) : (item.lL as number), w]);
  return parts;
}

/**
 * Smallest value v with P(X ≤ v) ≥ q over a weighted sample (the "inverted CDF" quantile). Used for p95
 * latency instead of stats/intervals `percentile` (type 7) because the random mix gives each item a
 * fractional weight, and because "95% of requests finish within v" is what an SLA means. Null when empty.
 */
export function weightedQuantile(parts: readonly Weighted[], q: number): number | null {
  const live = parts.filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
  const total = live.reduce((s, [, w]) => s + w, 0);
  if (live.length === 0 || total <= 0) return null;
  let acc = 0;
  for (const [v, w] of live) {
    acc += w;
    if (acc >= q * total * (1 - 1e-12)) return v;
  }
  return (live[live.length - 1] as Weighted)[0];
}

/** The same quantile over equally weighted values already sorted ascending (what a 0/1 sweep keeps). */
export function sortedQuantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const j = Math.max(0, Math.ceil(q * sorted.length * (1 - 1e-12)) - 1);
  return sorted[Math.min(j, sorted.length - 1)] as number;
}

/** Labels a point; the figures come from the totals. */
export interface PointLabel {
  readonly policy: string;
  readonly threshold: number | null;
}

/**
 * Sums over the items from which a point is built; the sweep keeps these incrementally. Sums of cost and
 * latency cover the items whose needed values are known; the `…Missing` counts say how many are not.
 */
export interface Totals {
  readonly n: number;
  readonly quality: number;
  /** Σ w_i: expected number of strong calls. */
  readonly strong: number;
  readonly cost: number;
  readonly costMissing: number;
  readonly latency: number;
  readonly latencyMissing: number;
  /** p95 latency when no latency is missing. */
  readonly p95: number | null;
}

function unknownNote(what: 'cost' | 'latency', missing: number, n: number): string {
  return `${what} unknown: ${missing} of ${n} items lack a ${what === 'cost' ? 'price' : 'latency'} this policy needs`;
}

/** The point from its totals: means, per-1k cost, and a note for every figure that is unknown. */
export function pointFromTotals(label: PointLabel, costing: Costing, t: Totals): PolicyPoint {
  const base = { policy: label.policy, costing, threshold: label.threshold, n: t.n };
  if (t.n === 0) {
    return { ...base, quality: null, strongShare: null, escalatedShare: null, costPerItem: null, costPer1k: null,
      latencyMeanMs: null, latencyP95Ms: null, unknown: ['no items'] };
  }
  const notes: string[] = [];
  if (t.costMissing > 0) notes.push(unknownNote('cost', t.costMissing, t.n));
  if (t.latencyMissing > 0) notes.push(unknownNote('latency', t.latencyMissing, t.n));
  const strongShare = t.strong / t.n;
  const costPerItem = t.costMissing > 0 ? null : t.cost / t.n;
  const latencyKnown = t.latencyMissing === 0;
  return {
    ...base, quality: t.quality / t.n, strongShare, escalatedShare: costing === 'cascade' ? strongShare : 0,
    costPerItem, costPer1k: costPerItem === null ? null : costPerItem * 1000,
    latencyMeanMs: latencyKnown ? t.latency / t.n : null, latencyP95Ms: latencyKnown ? t.p95 : null, unknown: notes,
  };
}

/** Σ of the known values and the count of unknown ones. */
function sumKnown(values: readonly (number | null)[]): { sum: number; missing: number } {
  let sum = 0;
  let missing = 0;
  for (const v of values) {
    if (v === null) missing++;
    else sum += v;
  }
  return { sum, missing };
}

/** Summarise a decision over the items: Q, strong-call share, escalated share, cost, latency. */
export function evaluateDecision(items: readonly RouteItem[], d: Decision, label: PointLabel): PolicyPoint {
  if (d.weights.length !== items.length) throw new RangeError(`evaluateDecision: ${items.length} items but ${d.weights.length} weights`);
  const w = (i: number) => d.weights[i] as number;
  const cost = sumKnown(items.map((it, i) => combine(it.cS, it.cL, w(i), d.costing)));
  const parts = items.map((it, i) => latencyParts(it, w(i), d.costing));
  const known = parts.filter((p): p is Weighted[] => p !== null).flat();
  return pointFromTotals(label, d.costing, {
    n: items.length,
    quality: items.reduce((s, it, i) => s + (1 - w(i)) * it.qS + w(i) * it.qL, 0),
    strong: d.weights.reduce((s, x) => s + x, 0),
    cost: cost.sum, costMissing: cost.missing,
    latency: known.reduce((s, [v, p]) => s + v * p, 0), latencyMissing: parts.length - parts.filter((p) => p !== null).length,
    p95: weightedQuantile(known, P95),
  });
}

/** Per-item quality under a decision, (1 − w)·q_S + w·q_L: the values the bootstrap and McNemar read. */
export const itemQuality = (items: readonly RouteItem[], d: Decision): number[] =>
  items.map((it, i) => {
    const w = d.weights[i] as number;
    return (1 - w) * it.qS + w * it.qL;
  });

/** Per-item cost under a decision, null where a needed price is unknown. */
export const itemCost = (items: readonly RouteItem[], d: Decision): (number | null)[] =>
  items.map((it, i) => combine(it.cS, it.cL, d.weights[i] as number, d.costing));
