import type { CostQuality, PolicyPoint } from './types.js';

// RouterBench's AIQ (Hu et al. 2024): the area under a policy's non-decreasing convex
// hull (NDCH) in the quality–cost plane, divided by the width of the cost range. The range is FIXED by
// the caller and must be the same for every compared policy (e.g. [C_S, C_L], or [C_S, C_S + C_L] when
// cascades are compared, since an always-escalate cascade costs more than always-L). The Zero router's
// AIQ on the same range is the baseline. Note: RouterBench's own calc_AIQ normalises by the policy's own
// max cost and gives 0.65 on the toy cascade; we follow the per-range form (0.79 there), which is comparable across
// policies.
//
// Outside the hull: below its cheapest point nothing is affordable, so the curve counts as 0 there; above
// its dearest point it stays flat at its best quality (one can always spend less than a budget).

const TOL = 1e-12;

/** Cost range [min, max] for AIQ, max > min. */
export interface CostRange {
  readonly min: number;
  readonly max: number;
}

/** True when b lies on or below the chord from a to c (so it is not a hull vertex). */
function onOrBelow(a: CostQuality, b: CostQuality, c: CostQuality): boolean {
  const lhs = (b.cost - a.cost) * (c.quality - a.quality);
  const rhs = (b.quality - a.quality) * (c.cost - a.cost);
  return lhs - rhs >= -TOL * (Math.abs(lhs) + Math.abs(rhs));
}

/** The staircase of points that improve quality as cost grows: cost ascending, quality strictly rising. */
function improving(points: readonly CostQuality[]): CostQuality[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const out: CostQuality[] = [];
  for (const p of sorted) if (out.length === 0 || p.quality > (out[out.length - 1] as CostQuality).quality) out.push(p);
  return out;
}

/**
 * The non-decreasing convex hull: the upper concave envelope of the improving points, collinear points
 * dropped, extended flat to the dearest input point. [] for no points.
 */
export function ndch(points: readonly CostQuality[]): CostQuality[] {
  const hull: CostQuality[] = [];
  for (const p of improving(points)) {
    while (hull.length >= 2 && onOrBelow(hull[hull.length - 2] as CostQuality, hull[hull.length - 1] as CostQuality, p)) hull.pop();
    hull.push(p);
  }
  const last = hull[hull.length - 1];
  const maxCost = Math.max(...points.map((p) => p.cost));
  if (last !== undefined && maxCost > last.cost) hull.push({ cost: maxCost, quality: last.quality });
  return hull;
}

/** Value of the piecewise-linear hull at x: 0 left of it, flat right of it. */
function hullAt(hull: readonly CostQuality[], x: number): number {
  const first = hull[0] as CostQuality;
  const last = hull[hull.length - 1] as CostQuality;
  if (x < first.cost) return 0;
  if (x >= last.cost) return last.quality;
  for (let i = 1; i < hull.length; i++) {
    const a = hull[i - 1] as CostQuality;
    const b = hull[i] as CostQuality;
    if (x <= b.cost) return b.cost === a.cost ? b.quality : a.quality + ((b.quality - a.quality) * (x - a.cost)) / (b.cost - a.cost);
  }
  return last.quality;
}

/** ∫ hull over [lo, hi], exact: trapezoids between the hull's breakpoints inside the range. */
export function hullArea(hull: readonly CostQuality[], lo: number, hi: number): number {
  if (hull.length === 0 || !(hi > lo)) return 0;
  const first = (hull[0] as CostQuality).cost;
  const xs = [lo, hi, ...hull.map((p) => p.cost)].filter((x) => x >= lo && x <= hi);
  const cuts = [...new Set(xs)].sort((a, b) => a - b);
  let area = 0;
  for (let i = 1; i < cuts.length; i++) {
    const a = cuts[i - 1] as number;
    const b = cuts[i] as number;
    if (b <= first) continue; // nothing affordable left of the hull
    area += ((b - a) * (hullAt(hull, a) + hullAt(hull, b))) / 2;
  }
  return area;
}

function checkRange(range: CostRange): void {
  if (!(range.max > range.min) || !Number.isFinite(range.min) || !Number.isFinite(range.max)) {
    throw new RangeError(`AIQ cost range must have max > min, got [${range.min}, ${range.max}]`);
  }
}

/** AIQ = NDCH area over the range / (max − min). Null when there are no points. */
export function aiq(points: readonly CostQuality[], range: CostRange): number | null {
  checkRange(range);
  if (points.length === 0) return null;
  return hullArea(ndch(points), range.min, range.max) / (range.max - range.min);
}

/** The Zero router's AIQ on the same range: the straight line from S to L, flat beyond L. */
export const zeroRouterAiq = (s: CostQuality, l: CostQuality, range: CostRange): number | null => aiq([s, l], range);

/** A sweep's points in the cost–quality plane (cost per item); null when any cost or quality is unknown. */
export function costQualityPoints(points: readonly PolicyPoint[]): CostQuality[] | null {
  if (points.some((p) => p.costPerItem === null || p.quality === null)) return null;
  return points.map((p) => ({ cost: p.costPerItem as number, quality: p.quality as number }));
}
