import { describe, expect, it } from 'vitest';
import { calibrateAndTest, chooseThreshold, crossFit } from '../../../../src/route/analysis/cross-fit.js';
import { evaluateDecision } from '../../../../src/route/analysis/evaluate.js';
import { assignFolds } from '../../../../src/route/analysis/folds.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { CONF, dp6, repeated, toyItems } from '../fixture.js';

describe('chooseThreshold on the toy cascade', () => {
  it.each([
    ['router', 0.6, 5.5],
    ['cascade', 0.6, 6],
    ['gate-or-threshold', 0.6, 6],
  ] as const)('%s: τ* = %f (k = 5, the cheapest with Q ≥ 0.79), cost %f', (kind, tau, cost) => {
    const items = toyItems({ checkPassed: true });
    const c = chooseThreshold(items, { kind });
    expect([c?.threshold, dp6(c?.point.costPerItem), dp6(c?.target), c?.by]).toEqual([tau, cost, 0.79, 'cost']);
  });

  it('a looser margin (ε = 0.15) stops at k = 2', () => {
    expect(chooseThreshold(toyItems(), { kind: 'cascade', epsilon: 0.15 })?.threshold).toBe(0.3);
  });

  it('unknown prices: the fewest strong calls that reach the target', () => {
    const c = chooseThreshold(toyItems({ cS: null }), { kind: 'cascade' });
    expect([c?.threshold, c?.by, c?.point.costPerItem]).toEqual([0.6, 'strong-share', null]);
  });

  it('n = 0 → null', () => {
    expect(chooseThreshold([], { kind: 'cascade' })).toBeNull();
  });
});

describe('calibrateAndTest: choose on one split, report on the other', () => {
  it('a shifted held-out signal escalates 4 items, not the 5 aimed at, and misses the target', () => {
    const shifted = [0.95, 0.9, 0.85, 0.8, 0.7, 0.65, 0.55, 0.45, 0.35, 0.25];
    const heldOut = toyItems().map((it, i) => ({ ...it, signal: shifted[i] as number }));
    const r = calibrateAndTest(toyItems(), heldOut, { kind: 'cascade' });
    expect([r?.choice.threshold, r?.targetShare, r?.achievedShare, dp6(r?.heldOut.quality), r?.meetsTarget]).toEqual([0.6, 0.5, 0.4, 0.7, false]);
  });

  it('held-out = calibration: the in-sample figures', () => {
    const r = calibrateAndTest(toyItems(), toyItems(), { kind: 'router' });
    expect([r?.achievedShare, r?.meetsTarget, dp6(r?.heldOut.costPerItem)]).toEqual([0.5, true, 5.5]);
  });

  it('empty calibration → null; empty held-out → null figures', () => {
    expect(calibrateAndTest([], toyItems(), { kind: 'cascade' })).toBeNull();
    expect(calibrateAndTest(toyItems(), [], { kind: 'cascade' })).toMatchObject({ achievedShare: null, meetsTarget: null });
  });
});

/** Items in uneven clusters (sizes 5, 3, 3, 2, 2, 1, 1, 1) plus 4 unclustered items. */
function clustered(): RouteItem[] {
  const sizes = [5, 3, 3, 2, 2, 1, 1, 1];
  const items: RouteItem[] = sizes.flatMap((size, c) =>
    Array.from({ length: size }, (_, j) => ({ ...(toyItems()[(c + j) % 10] as RouteItem), cluster: `c${c}` })));
  return [...items, ...toyItems().slice(0, 4)];
}

describe('assignFolds', () => {
  it('is deterministic given the seed, and the seed matters', () => {
    const items = toyItems();
    expect(assignFolds(items, { seed: 42 })).toEqual(assignFolds(items, { seed: 42 }));
    const seeds = [1, 2, 3, 4].map((seed) => JSON.stringify(assignFolds(items, { seed })?.fold));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('never splits a cluster, uses every fold, and balances sizes', () => {
    const items = clustered();
    for (const seed of [1, 2, 3, 99]) {
      const f = assignFolds(items, { seed, k: 4 });
      expect(f?.k).toBe(4);
      const byCluster = new Map<string, Set<number>>();
      items.forEach((it, i) => {
        if (it.cluster === undefined) return;
        const s = byCluster.get(it.cluster) ?? new Set<number>();
        s.add(f?.fold[i] as number);
        byCluster.set(it.cluster, s);
      });
      expect([...byCluster.values()].every((s) => s.size === 1)).toBe(true);
      const sizes = [0, 1, 2, 3].map((k) => f?.fold.filter((x) => x === k).length ?? 0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(5);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(22);
    }
  });

  it('fewer units than k: k drops to the number of units; one unit: null', () => {
    const three = toyItems().slice(0, 3).map((it, i) => ({ ...it, cluster: `c${i}` }));
    expect(assignFolds(three, { seed: 1 })?.k).toBe(3);
    expect(assignFolds(toyItems({ cluster: 'only' }), { seed: 1 })).toBeNull();
    expect(assignFolds([], { seed: 1 })).toBeNull();
    expect(() => assignFolds(toyItems(), { seed: 1, k: 1 })).toThrow(RangeError);
  });
});

describe('crossFit', () => {
  it('ten identical copies as clusters: every fold picks τ = 0.6, held-out = in-sample', () => {
    const r = crossFit(repeated(10, true), { kind: 'router', seed: 3 });
    expect(r?.k).toBe(5);
    expect(r?.folds.map((f) => [f.n, f.threshold])).toEqual(Array.from({ length: 5 }, () => [20, 0.6]));
    expect([dp6(r?.heldOut.quality), r?.achievedShare, r?.targetShare, dp6(r?.savings), r?.meetsTarget]).toEqual([0.8, 0.5, 0.5, 0.45, true]);
    expect([r?.inSample.label, r?.inSample.threshold, dp6(r?.inSample.point.costPerItem)]).toEqual(['in-sample (optimistic)', 0.6, 5.5]);
  });

  it('is deterministic given the seed, and its pooled point is the decision evaluated', () => {
    const items = toyItems();
    const a = crossFit(items, { kind: 'cascade', seed: 11 });
    expect(crossFit(items, { kind: 'cascade', seed: 11 })).toEqual(a);
    expect(a?.decision.weights.every((w) => w === 0 || w === 1)).toBe(true);
    expect(a?.heldOut).toEqual(evaluateDecision(items, a?.decision ?? { costing: 'cascade', weights: [] }, { policy: a?.heldOut.policy ?? '', threshold: null }));
    expect(a?.folds.every((f) => f.threshold === -Infinity || CONF.includes(f.threshold as (typeof CONF)[number]))).toBe(true);
    expect(a?.folds.reduce((s, f) => s + f.n, 0)).toBe(10);
  });

  it('n < 2 units → null', () => {
    expect(crossFit(toyItems().slice(0, 1), { kind: 'cascade', seed: 1 })).toBeNull();
    expect(crossFit([], { kind: 'cascade', seed: 1 })).toBeNull();
  });
});
