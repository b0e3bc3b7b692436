import { describe, expect, it } from 'vitest';
import { apgr, cpt, deltaIbc, isoQualityCost, nonInferiorTarget, pgr, pgrCurve, type CurvePoint } from '../../../../src/route/analysis/metrics.js';
import { sweepPolicy } from '../../../../src/route/analysis/sweep.js';
import type { PolicyPoint } from '../../../../src/route/analysis/types.js';
import { dp6, toyItems } from '../fixture.js';

const curve = (pairs: readonly (readonly [number, number])[]): CurvePoint[] => pairs.map(([c, p]) => ({ c, pgr: p }));

function point(quality: number | null, costPerItem: number | null, strongShare: number, threshold: number): PolicyPoint {
  return {
    policy: 'p', costing: 'router', threshold, n: 10, quality, strongShare, escalatedShare: 0, costPerItem,
    costPer1k: costPerItem === null ? null : costPerItem * 1000, latencyMeanMs: null, latencyP95Ms: null, unknown: [],
  };
}

describe('pgr', () => {
  it.each([
    [0.65, 0.5, 0.8, 0.5],
    [0.9, 0.5, 0.8, 4 / 3],
    [0.4, 0.5, 0.8, -1 / 3],
    [0.5, 0.5, 0.5, null],
  ])('Q = %f, Q_S = %f, Q_L = %f → %s', (q, qS, qL, want) => {
    const got = pgr(q, qS, qL);
    expect(got === null ? null : dp6(got)).toBe(want === null ? null : dp6(want));
  });

  it('the curve is null when Q_L = Q_S', () => {
    expect(pgrCurve([], 0.5, 0.5)).toBeNull();
  });
});

describe('apgr', () => {
  it.each([
    ['diagonal (random mixing) = 0.5', [[0, 0], [1, 1]], 0.5],
    ['endpoints added to an interior point', [[0.5, 1]], 0.75],
    ['no points: the diagonal', [], 0.5],
    ['a step to 1 at c = 0.2', [[0, 0], [0.2, 1], [1, 1]], 0.9],
  ] as const)('%s', (_name, pairs, want) => {
    expect(dp6(apgr(curve(pairs)))).toBe(want);
  });

  it('toy cascade contrasts: paper-style mean of PGR(0.1..1) = 0.866667, trapezoid over the running max = 0.9', () => {
    const raw = pgrCurve(sweepPolicy(toyItems(), 'cascade'), 0.5, 0.8) ?? [];
    expect(dp6(raw.slice(1).reduce((s, p) => s + p.pgr, 0) / 10)).toBe(0.866667);
    let best = -Infinity;
    const runningMax = raw.map((p) => ({ c: p.c, pgr: (best = Math.max(best, p.pgr)) }));
    expect(dp6(apgr(runningMax))).toBe(0.9);
    expect(dp6(apgr(raw))).toBe(0.816667);
  });
});

describe('cpt: first crossing, never np.interp on a non-monotone curve', () => {
  // Non-monotone: up to 0.6, down to 0.3, up to 0.9. np.interp(0.8, pgr, c) on the unsorted pgr would
  // give garbage; the first crossing of 0.8 lies between (0.2, 0.3) and (0.3, 0.9): 0.2 + 0.1·0.5/0.6.
  const wobbly = curve([[0, 0], [0.1, 0.6], [0.2, 0.3], [0.3, 0.9], [1, 1]]);
  it.each([
    [0.5, 0.1 * (0.5 / 0.6)],
    [0.6, 0.1],
    [0.8, 0.2 + (0.1 * 0.5) / 0.6],
    [0.95, 0.3 + (0.7 * 0.05) / 0.1],
    [1, 1],
  ])('CPT(%f) = %f', (target, want) => {
    expect(dp6(cpt(wobbly, target))).toBe(dp6(want));
  });

  it('null when the curve never gets there (PGR_all below target)', () => {
    expect(cpt(curve([[0, 0], [0.5, 0.4]]), 0.95, 0.9)).toBeNull();
  });

  it('a curve starting above the target at c > 0 interpolates from (0, 0)', () => {
    expect(dp6(cpt(curve([[0.4, 1]]), 0.5))).toBe(0.2);
  });
});

describe('isoQualityCost', () => {
  const pts = [point(0.5, 1, 0, -Infinity), point(0.78, 3, 0.3, 0.2), point(0.8, 5, 0.5, 0.4), point(0.8, 10, 1, 0.9)];
  it.each([
    ['margin 0.01', { rule: 'margin' as const }, 5, 0.5],
    ['margin 0.03', { rule: 'margin' as const, epsilon: 0.03 }, 3, 0.7],
    ['relative 0.95·Q_L = 0.76', { rule: 'relative' as const }, 3, 0.7],
    ['margin 0', { epsilon: 0 }, 5, 0.5],
  ])('%s', (_name, opts, cost, savings) => {
    const r = isoQualityCost(pts, { qL: 0.8, costL: 10, ...opts });
    expect([r.cost, dp6(r.savings), r.by, r.note]).toEqual([cost, savings, 'cost', null]);
  });

  it('unknown costs: the fewest strong calls, cost and savings null, said so', () => {
    const unknown = pts.map((p) => ({ ...p, costPerItem: null, costPer1k: null }));
    const r = isoQualityCost(unknown, { qL: 0.8, costL: null });
    expect([r.point?.threshold, r.cost, r.savings, r.by]).toEqual([0.4, null, null, 'strong-share']);
    expect(r.note).toMatch(/cost unknown/);
  });

  it('unknown always-L cost: C* known, savings null', () => {
    const r = isoQualityCost(pts, { qL: 0.8, costL: null });
    expect([r.cost, r.savings]).toEqual([5, null]);
  });

  it('no feasible point', () => {
    expect(isoQualityCost([point(0.5, 1, 0, 0)], { qL: 0.8, costL: 10 }).point).toBeNull();
  });

  it('nonInferiorTarget rejects a negative margin', () => {
    expect(() => nonInferiorTarget(0.8, { epsilon: -1 })).toThrow(RangeError);
  });
});

describe('deltaIbc', () => {
  it('null everywhere when Q_L = Q_S or C_L = C_S', () => {
    const pts = [point(0.6, 2, 0.1, 0)];
    expect(deltaIbc(pts, { cost: 1, quality: 0.5 }, { cost: 10, quality: 0.5 }).values).toEqual([null]);
    expect(deltaIbc(pts, { cost: 1, quality: 0.5 }, { cost: 1, quality: 0.8 })).toEqual({ base: null, values: [null] });
  });
});
