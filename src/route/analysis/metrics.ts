import type { CostQuality, NonInferiorityRule, PolicyPoint } from './types.js';

// Threshold-curve metrics: PGR, APGR, CPT, cost at iso-quality and ΔIBC.
// Whether PGR/APGR/CPT may be reported at all is gap.ts's call ("gap not significant").

/** Slack for comparing float means against a target (Q = 0.7999999999 against 0.8). */
const EPS = 1e-9;

/** One point of the PGR curve: strong-call share c and PGR there. */
export interface CurvePoint {
  readonly c: number;
  readonly pgr: number;
}

/** PGR = (Q − Q_S)/(Q_L − Q_S); may exceed 1 or fall below 0. Null when Q_L = Q_S (no gap to recover). */
export function pgr(q: number, qS: number, qL: number): number | null {
  return qL === qS ? null : (q - qS) / (qL - qS);
}

/** The PGR curve of a sweep, sorted by c (points without a quality are skipped). Null when Q_L = Q_S. */
export function pgrCurve(points: readonly PolicyPoint[], qS: number, qL: number): CurvePoint[] | null {
  if (qL === qS) return null;
  const curve = points
    .filter((p) => p.quality !== null && p.strongShare !== null)
    .map((p) => ({ c: p.strongShare as number, pgr: pgr(p.quality as number, qS, qL) as number }));
  return curve.sort((a, b) => a.c - b.c);
}

/** The curve with the endpoints (0, 0) and (1, PGR_all) added where the sweep does not reach them. */
function completed(curve: readonly CurvePoint[], pgrAll: number): CurvePoint[] {
  const out = [...curve];
  if (out.length === 0 || (out[0] as CurvePoint).c > 0) out.unshift({ c: 0, pgr: 0 });
  if ((out[out.length - 1] as CurvePoint).c < 1) out.push({ c: 1, pgr: pgrAll });
  return out;
}

/**
 * APGR = trapezoid ∫₀¹ PGR dc over the sweep points with (0, 0) and (1, PGR_all) included. This is
 * RouteLLM's evaluation-code convention, not the paper's mean of PGR at c = 0.1…1.0 (0.866667 on the
 * toy cascade, against 0.816667 here). The raw curve is integrated (no running max). Random mixing = 0.5.
 */
export function apgr(curve: readonly CurvePoint[], pgrAll = 1): number {
  const pts = completed(curve, pgrAll);
  let area = 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as CurvePoint;
    const b = pts[i] as CurvePoint;
    area += ((b.c - a.c) * (a.pgr + b.pgr)) / 2;
  }
  return area;
}

/**
 * CPT(x): the smallest strong-call share at which the curve first reaches PGR ≥ x, interpolating linearly
 * between the crossing point and the point before it (which is below x by construction). Walking to the
 * first crossing is what keeps a non-monotone curve honest: np.interp on it would read an arbitrary
 * branch. The curve starts at (0, 0) (always-S), as for APGR. Null when the curve never reaches x.
 */
export function cpt(curve: readonly CurvePoint[], target: number, pgrAll = 1): number | null {
  const pts = completed(curve, pgrAll);
  for (let i = 0; i < pts.length; i++) {
    const b = pts[i] as CurvePoint;
    if (b.pgr < target - EPS) continue;
    if (i === 0) return b.c;
    const a = pts[i - 1] as CurvePoint;
    return a.c + ((b.c - a.c) * (target - a.pgr)) / (b.pgr - a.pgr);
  }
  return null;
}

export interface NonInferiority {
  /** 'margin': Q ≥ Q_L − ε; 'relative': Q ≥ 0.95·Q_L. */
  readonly rule?: NonInferiorityRule;
  /** ε for the margin rule; 0.01 (one point) by default. */
  readonly epsilon?: number;
}

/** The quality a policy must reach to count as "as good as L". */
export function nonInferiorTarget(qL: number, opts: NonInferiority = {}): number {
  const { rule = 'margin', epsilon = 0.01 } = opts;
  if (!(epsilon >= 0)) throw new RangeError(`epsilon must be ≥ 0, got ${epsilon}`);
  return rule === 'relative' ? 0.95 * qL : qL - epsilon;
}

export interface IsoQuality {
  /** The quality threshold applied. */
  readonly target: number;
  /** The cheapest point reaching it (by strong-call share when a cost is unknown); null when none does. */
  readonly point: PolicyPoint | null;
  /** C*: its cost per item; null when unknown. */
  readonly cost: number | null;
  /** 1 − C* / C_L; null when either cost is unknown or C_L = 0. */
  readonly savings: number | null;
  /** How the point was chosen: 'cost', or 'strong-share' when costs are unknown. */
  readonly by: 'cost' | 'strong-share';
  /** Why cost or savings is null. */
  readonly note: string | null;
}

export interface IsoQualityInput extends NonInferiority {
  /** Q_L on the same items. */
  readonly qL: number;
  /** C_L: always-L cost per item on the same items, null when unknown. */
  readonly costL: number | null;
}

/** The feasible point with the smallest key; ties go to the earlier point (fewer escalations in a sweep). */
function cheapest(points: readonly PolicyPoint[], key: (p: PolicyPoint) => number): PolicyPoint | null {
  let best: PolicyPoint | null = null;
  for (const p of points) if (best === null || key(p) < key(best) - EPS * Math.max(1, Math.abs(key(best)))) best = p;
  return best;
}

/**
 * Cost at iso-quality: C* = min C(τ) subject to Q(τ) ≥ target, and savings = 1 − C* / C_L. When a
 * feasible point's cost is unknown, the cheapest cannot be named: the point with the fewest strong calls is
 * returned instead, with cost and savings null and a note saying so.
 */
export function isoQualityCost(points: readonly PolicyPoint[], input: IsoQualityInput): IsoQuality {
  const target = nonInferiorTarget(input.qL, input);
  const feasible = points.filter((p) => p.quality !== null && (p.quality as number) >= target - EPS);
  if (feasible.length === 0) return { target, point: null, cost: null, savings: null, by: 'cost', note: 'no point reaches the target quality' };
  if (feasible.some((p) => p.costPerItem === null)) {
    const point = cheapest(feasible, (p) => p.strongShare as number);
    return { target, point, cost: null, savings: null, by: 'strong-share', note: 'cost unknown: chose the fewest strong calls instead' };
  }
  const point = cheapest(feasible, (p) => p.costPerItem as number) as PolicyPoint;
  const cost = point.costPerItem as number;
  if (input.costL === null) return { target, point, cost, savings: null, by: 'cost', note: 'always-L cost unknown: no savings figure' };
  if (input.costL === 0) return { target, point, cost, savings: null, by: 'cost', note: 'always-L costs 0: savings undefined' };
  return { target, point, cost, savings: 1 - cost / input.costL, by: 'cost', note: null };
}

export interface DeltaIbc {
  /** IBC_base = (Q_L − Q_S)/(C_L − C_S): the slope of the Zero router. */
  readonly base: number | null;
  /** ΔIBC per point, (IBC_π − IBC_base)/IBC_base with IBC_π = (Q − Q_S)/(C − C_S); null where undefined. */
  readonly values: readonly (number | null)[];
}

/**
 * AutoMix's incremental benefit per cost, relative to the Zero router (for cascades). Null at a
 * point that costs exactly C_S (no increment), when the base is 0 or undefined, or when a cost is unknown.
 */
export function deltaIbc(points: readonly PolicyPoint[], s: CostQuality, l: CostQuality): DeltaIbc {
  const base = l.cost === s.cost ? null : (l.quality - s.quality) / (l.cost - s.cost);
  const values = points.map((p) => {
    if (base === null || base === 0 || p.costPerItem === null || p.quality === null) return null;
    if (Math.abs(p.costPerItem - s.cost) <= EPS * Math.max(1, Math.abs(s.cost))) return null;
    const ibc = (p.quality - s.quality) / (p.costPerItem - s.cost);
    return (ibc - base) / base;
  });
  return { base, values };
}
