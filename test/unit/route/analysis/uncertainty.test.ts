import { describe, expect, it } from 'vitest';
import { decide } from '../../../../src/route/analysis/policies.js';
import { bootstrapOperatingPoint, mcnemarVsAlwaysL } from '../../../../src/route/analysis/uncertainty.js';
import { dp6, repeated, toyItems } from '../fixture.js';

const atK5 = { kind: 'cascade', threshold: 0.6 } as const;

describe('bootstrapOperatingPoint (paired, seeded)', () => {
  it('identical clusters: every resample is the same, so the CIs collapse on the estimates', () => {
    const items = repeated(10, true);
    const r = bootstrapOperatingPoint(items, decide(items, atK5), { seed: 5, resamples: 200 });
    expect([dp6(r?.quality.estimate), r?.quality.ci.map(dp6), dp6(r?.savings?.estimate), r?.savings?.ci.map(dp6)]).toEqual([0.8, [0.8, 0.8], 0.4, [0.4, 0.4]]);
    expect([r?.units, r?.clustered]).toEqual([10, true]);
  });

  it('items: deterministic given the seed; the interval brackets the estimate', () => {
    const items = toyItems();
    const d = decide(items, atK5);
    const a = bootstrapOperatingPoint(items, d, { seed: 9 });
    expect(bootstrapOperatingPoint(items, d, { seed: 9 })).toEqual(a);
    // With 20 resamples the percentiles of a 10-item sample depend visibly on the draws.
    const ten = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(bootstrapOperatingPoint(items, d, { seed, resamples: 20 })));
    expect(new Set(ten).size).toBeGreaterThan(1);
    const [lo, hi] = a?.quality.ci ?? [NaN, NaN];
    expect(lo).toBeLessThanOrEqual(0.8);
    expect(hi).toBeGreaterThanOrEqual(0.8);
    expect([a?.units, a?.clustered, a?.resamples, a?.level]).toEqual([10, false, 2000, 0.95]);
  });

  it('unknown prices: savings null, quality still bootstrapped', () => {
    const items = toyItems({ cL: null });
    const r = bootstrapOperatingPoint(items, decide(items, atK5), { seed: 1, resamples: 50 });
    expect(r?.savings).toBeNull();
    expect(r?.quality.estimate).toBeCloseTo(0.8, 12);
  });

  it('n = 0 → null; bad options throw', () => {
    expect(bootstrapOperatingPoint([], { costing: 'cascade', weights: [] }, { seed: 1 })).toBeNull();
    const items = toyItems();
    expect(() => bootstrapOperatingPoint(items, decide(items, atK5), { seed: 1, resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapOperatingPoint(items, decide(items, atK5), { seed: 1, level: 1 })).toThrow(RangeError);
  });
});

describe('mcnemarVsAlwaysL', () => {
  it('the toy cascade at k = 5: b = 1 (item 2 kept, S right, L wrong), c = 1 (item 3 kept, S wrong, L right)', () => {
    const items = toyItems();
    const r = mcnemarVsAlwaysL(items, decide(items, atK5));
    expect(r.status === 'ok' ? [r.result.b, r.result.c, r.result.exactP] : r).toEqual([1, 1, 1]);
  });

  it('skipped for graded scores and for a random mix', () => {
    const graded = toyItems().map((it, i) => ({ ...it, qS: i === 0 ? 0.5 : it.qS }));
    expect(mcnemarVsAlwaysL(graded, decide(graded, atK5))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/0\/1/) });
    const items = toyItems();
    expect(mcnemarVsAlwaysL(items, decide(items, { kind: 'random', share: 0.5 }))).toMatchObject({ status: 'skipped' });
    expect(mcnemarVsAlwaysL([], { costing: 'router', weights: [] })).toMatchObject({ status: 'skipped', reason: 'no items' });
  });
});
