import { describe, expect, it } from 'vitest';
import { mcnemar } from '../../../src/stats/mcnemar.js';
import { cohenKappa } from '../../../src/stats/kappa.js';

const dp = (x: number | null, places: number) => (x === null ? null : Number(x.toFixed(places)));

describe('mcnemar: table (statsmodels mcnemar(exact=True), scipy binomtest)', () => {
  it.each([
    // b, c, exact p, mid-p, χ²_cc, its p
    [14, 26, 0.08069, 0.059584, 3.025, 0.08199],
    [1, 9, 0.021484, 0.011719, 4.9, 0.026857],
    [0, 6, 0.03125, 0.015625, 4.1667, 0.041227],
    [5, 5, 1, 1, 0.1, 0.75183],
  ])('b = %i, c = %i', (b, c, exact, mid, chi2, chi2P) => {
    const r = mcnemar(b, c);
    expect(dp(r.exactP, 6)).toBe(exact);
    expect(dp(r.midP, 6)).toBe(mid);
    expect(dp(r.chi2, 4)).toBe(chi2);
    expect(dp(r.chi2P, 6)).toBe(chi2P);
    expect(r.discordant).toBe(b + c);
  });

  it('is symmetric in b and c', () => {
    expect(mcnemar(26, 14)).toEqual({ ...mcnemar(14, 26), b: 26, c: 14 });
  });

  it('exact-test floor: all discordance one way gives 2·0.5^(b+c); 6 items are needed for p < 0.05', () => {
    expect(mcnemar(0, 5).exactP).toBe(2 * 0.5 ** 5); // 0.0625
    expect(mcnemar(0, 6).exactP).toBe(2 * 0.5 ** 6); // 0.03125
  });
});

describe('mcnemar: edge cases', () => {
  it('all pairs concordant (b = c = 0): p = 1, mid-p = 1, no χ²', () => {
    expect(mcnemar(0, 0)).toEqual({ b: 0, c: 0, discordant: 0, exactP: 1, midP: 1, chi2: null, chi2P: null });
  });

  // References: scipy 1.17.1 on this machine: 2·binom.cdf(k, n, .5), minus binom.pmf(k, n, .5) for
  // mid-p, and chi2.sf((|b−c|−1)²/n, 1).
  it.each([
    [3000, 3100, 0.2049495446515585, 0.2004484237967243, 1.6067213114754098, 0.20495329773152784],
    [1000, 1200, 2.1817026407914194e-5, 1.991641656460151e-5, 18.000454545454545, 2.2085222894420412e-5],
    [300, 500, 1.5263155581540037e-12, 1.2166619623571893e-12, 49.50125, 1.982453687656055e-12],
  ])('large b + c (%i, %i): exact, finite, full relative precision', (b, c, exact, mid, chi2, chi2P) => {
    const r = mcnemar(b, c);
    for (const [got, want] of [[r.exactP, exact], [r.midP, mid], [r.chi2, chi2], [r.chi2P, chi2P]] as const) {
      expect(got).not.toBeNull();
      expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-9 * want);
    }
  });

  it.each([[0, 3000], [0, 1100], [3000, 0]])('p below the smallest double (%i vs %i) is the smallest positive double, never 0 or NaN', (b, c) => {
    const r = mcnemar(b, c);
    expect(r.exactP).toBe(Number.MIN_VALUE);
    expect(r.midP).toBe(Number.MIN_VALUE);
    expect(r.chi2P).toBeGreaterThan(0); // χ² with 1 df reaches 0 later: 0 vs 1100 gives about 1e-239
    expect(JSON.stringify(r.exactP)).toBe('5e-324');
  });

  it('p values stay in [0, 1] across a grid', () => {
    for (let b = 0; b <= 30; b++) {
      for (let c = 0; c <= 30; c++) {
        const r = mcnemar(b, c);
        expect(r.exactP).toBeGreaterThanOrEqual(0);
        expect(r.exactP).toBeLessThanOrEqual(1);
        expect(r.midP).toBeLessThanOrEqual(r.exactP);
        expect(r.midP).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it.each([[-1, 2], [1.5, 2], [2, Number.NaN]])('rejects non-count input (%f, %f)', (b, c) => {
    expect(() => mcnemar(b, c)).toThrow(RangeError);
  });
});

describe('no p-value of a test is 0', () => {
  it('kappa on 10,000 items in perfect agreement gives the smallest positive double', () => {
    const k = cohenKappa([[5000, 0], [0, 5000]]);
    expect(k.defined && k.p).toBe(Number.MIN_VALUE);
  });
});
