import type { GapCheck } from './gap.js';
import { apgr, cpt, type CurvePoint } from './metrics.js';
import type { RouteItem } from './types.js';

// The oracle's PGR curve (RouteLLM-style quality against the share c of calls sent to the strong model):
// the best any router could do at each c, knowing both answers. It sends to L the items where L gains
// most over S, largest gain first, so its quality is Q(c) = Q_S + (1/n)·(sum of the ⌊cn⌋ largest gains
// g_i = max(q_L,i − q_S,i, 0)), linear between those points and flat once every gain is taken. For
// pass/fail this is Q_S + min(c, g₊), with g₊ the share of items only L gets right: it passes through the
// oracle's own point (c = g₊, Q = Q_S + g₊ ≥ Q_L) and can recover more than the gap (PGR > 1).
// APGR and CPT(x) are then metrics.ts's trapezoid and first crossing on this curve. For pass/fail they
// have closed forms: APGR = g₊(1 − g₊/2)/(Q_L − Q_S), CPT(x) = x·(Q_L − Q_S).

export type OraclePgr =
  | { readonly status: 'ok'; readonly curve: readonly CurvePoint[]; readonly apgr: number; readonly cpt50: number | null; readonly cpt80: number | null; readonly cpt95: number | null }
  | { readonly status: 'skipped'; readonly reason: string };

/** The oracle's PGR curve at c = 0, 1/n, …, K/n (K items with a gain) and c = 1. Null without items or when Q_L = Q_S. */
export function oracleCurve(items: readonly RouteItem[]): CurvePoint[] | null {
  const n = items.length;
  if (n === 0) return null;
  const qS = items.reduce((s, it) => s + it.qS, 0) / n;
  const qL = items.reduce((s, it) => s + it.qL, 0) / n;
  if (qL === qS) return null;
  const gains = items.map((it) => it.qL - it.qS).filter((g) => g > 0).sort((a, b) => b - a);
  const curve: CurvePoint[] = [{ c: 0, pgr: 0 }];
  let gained = 0;
  gains.forEach((g, k) => {
    gained += g;
    curve.push({ c: (k + 1) / n, pgr: gained / n / (qL - qS) });
  });
  const last = curve[curve.length - 1] as CurvePoint;
  if (last.c < 1) curve.push({ c: 1, pgr: last.pgr });
  return curve;
}

/** APGR and CPT(50/80/95%) on the oracle's curve, or why they are skipped (gap not significant, Q_L = Q_S). */
export function oraclePgr(items: readonly RouteItem[], gap: GapCheck): OraclePgr {
  if (!gap.significant) return { status: 'skipped', reason: `${gap.reason ?? 'gap not significant'}: PGR, APGR and CPT skipped` };
  const curve = oracleCurve(items);
  if (curve === null) return { status: 'skipped', reason: 'Q_L = Q_S: PGR undefined' };
  const all = (curve[curve.length - 1] as CurvePoint).pgr;
  return { status: 'ok', curve, apgr: apgr(curve, all), cpt50: cpt(curve, 0.5, all), cpt80: cpt(curve, 0.8, all), cpt95: cpt(curve, 0.95, all) };
}
