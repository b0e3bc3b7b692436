import { describe, expect, it } from 'vitest';
import { aiq, costQualityPoints, ndch, zeroRouterAiq } from '../../../src/route/analysis/aiq.js';
import { apgr, cpt, deltaIbc, isoQualityCost, pgrCurve } from '../../../src/route/analysis/metrics.js';
import { runPolicy } from '../../../src/route/analysis/policies.js';
import { signalAuroc } from '../../../src/route/analysis/signal.js';
import { sweepPolicy } from '../../../src/route/analysis/sweep.js';
import type { CostQuality } from '../../../src/route/analysis/types.js';
import { dp6, toyItems } from './fixture.js';

// Every number of the toy example.
const items = toyItems();
const router = sweepPolicy(items, 'router');
const cascade = sweepPolicy(items, 'cascade');
const s = runPolicy(items, { kind: 'always-s' });
const l = runPolicy(items, { kind: 'always-l' });

const TABLE = [
  // k, c, Q, PGR, router cost, cascade cost
  [0, 0.0, 0.5, 0, 1.0, 1.0],
  [1, 0.1, 0.6, 0.333333, 1.9, 2.0],
  [2, 0.2, 0.7, 0.666667, 2.8, 3.0],
  [3, 0.3, 0.7, 0.666667, 3.7, 4.0],
  [4, 0.4, 0.7, 0.666667, 4.6, 5.0],
  [5, 0.5, 0.8, 1, 5.5, 6.0],
  [6, 0.6, 0.8, 1, 6.4, 7.0],
  [7, 0.7, 0.9, 1.333333, 7.3, 8.0],
  [8, 0.8, 0.8, 1, 8.2, 9.0],
  [9, 0.9, 0.8, 1, 9.1, 10.0],
  [10, 1.0, 0.8, 1, 10.0, 11.0],
] as const;

describe('the toy cascade', () => {
  it('endpoints Q_S = 0.5, Q_L = 0.8, C_S = 1, C_L = 10', () => {
    expect([dp6(s.quality), dp6(l.quality), s.costPerItem, l.costPerItem]).toEqual([0.5, 0.8, 1, 10]);
  });

  it('sweeps 11 points, k = 0..10', () => {
    expect(router).toHaveLength(11);
    expect(cascade).toHaveLength(11);
  });

  it.each(TABLE)('k = %i: c = %f, Q = %f, PGR = %f, router cost %f, cascade cost %f', (k, c, q, p, rc, cc) => {
    const curve = pgrCurve(router, 0.5, 0.8) ?? [];
    for (const pts of [router, cascade]) {
      expect(dp6(pts[k]?.strongShare)).toBe(c);
      expect(dp6(pts[k]?.quality)).toBe(q);
    }
    expect(dp6(curve[k]?.pgr)).toBe(p);
    expect(dp6(router[k]?.costPerItem)).toBe(rc);
    expect(dp6(cascade[k]?.costPerItem)).toBe(cc);
    expect(dp6(cascade[k]?.escalatedShare)).toBe(c);
    expect(router[k]?.escalatedShare).toBe(0);
  });

  it('APGR (trapezoid, raw curve, RouteLLM code convention) = 0.816667 for router and cascade', () => {
    expect(dp6(apgr(pgrCurve(router, 0.5, 0.8) ?? []))).toBe(0.816667);
    expect(dp6(apgr(pgrCurve(cascade, 0.5, 0.8) ?? []))).toBe(0.816667);
  });

  it.each([
    [0.5, 0.15],
    [0.8, 0.44],
    [1, 0.5],
  ])('CPT(%f) = %f (first crossing, linear interpolation)', (target, want) => {
    expect(dp6(cpt(pgrCurve(cascade, 0.5, 0.8) ?? [], target))).toBe(want);
  });

  it('ΔIBC (AutoMix) of the cascade at k = 1..10, and IBC_base = 0.033333', () => {
    const r = deltaIbc(cascade, { cost: 1, quality: 0.5 }, { cost: 10, quality: 0.8 });
    expect(dp6(r.base)).toBe(0.033333);
    expect(r.values[0]).toBeNull();
    expect(r.values.slice(1).map(dp6)).toEqual([2.0, 2.0, 1.0, 0.5, 0.8, 0.5, 0.714286, 0.125, 0.0, -0.1]);
  });

  const hull = (pts: readonly CostQuality[]) => pts.map((p) => [dp6(p.cost), dp6(p.quality)]);

  it('NDCH of the cascade = [(1,.5),(3,.7),(8,.9),(11,.9)] and AIQ over [1, 11] = 0.79', () => {
    const pts = costQualityPoints(cascade) ?? [];
    expect(hull(ndch(pts))).toEqual([[1, 0.5], [3, 0.7], [8, 0.9], [11, 0.9]]);
    expect(dp6(aiq(pts, { min: 1, max: 11 }))).toBe(0.79);
  });

  it('NDCH of the router = [(1,.5),(2.8,.7),(7.3,.9),(10,.9)] and AIQ over [1, 10] = 0.79', () => {
    const pts = costQualityPoints(router) ?? [];
    expect(hull(ndch(pts))).toEqual([[1, 0.5], [2.8, 0.7], [7.3, 0.9], [10, 0.9]]);
    expect(dp6(aiq(pts, { min: 1, max: 10 }))).toBe(0.79);
  });

  it.each([
    [10, 0.65],
    [11, 0.665],
  ])('Zero router over [1, %i] = %f', (max, want) => {
    expect(dp6(zeroRouterAiq({ cost: 1, quality: 0.5 }, { cost: 10, quality: 0.8 }, { min: 1, max }))).toBe(want);
  });

  it('AUROC of the confidence for "S fails" = P(conf_ok > conf_fail) = 0.84', () => {
    expect(signalAuroc(items, 'post')).toEqual({ auroc: 0.84, nOk: 5, nFail: 5, note: null });
    expect(signalAuroc(items, 'pre').auroc).toBe(0.84);
  });

  it('cost at iso-quality (Q ≥ Q_L − 0.01 or ≥ 0.95·Q_L): k = 5; savings 0.45 (router), 0.4 (cascade)', () => {
    for (const rule of ['margin', 'relative'] as const) {
      const r = isoQualityCost(router, { qL: 0.8, costL: 10, rule });
      const c = isoQualityCost(cascade, { qL: 0.8, costL: 10, rule });
      expect([dp6(r.cost), dp6(r.savings), r.point?.threshold]).toEqual([5.5, 0.45, 0.6]);
      expect([dp6(c.cost), dp6(c.savings), c.point?.threshold]).toEqual([6, 0.4, 0.6]);
    }
  });
});
