import { describe, expect, it } from 'vitest';
import {
  accuracy,
  agreementTable,
  cohenKappa,
  kappaFromLabels,
  kappaWeights,
  type KappaWeighting,
} from '../../../src/stats/kappa.js';
import { krippendorffAlpha, unitsFromRaters, type AlphaLevel } from '../../../src/stats/krippendorff.js';

const dp = (x: number | null | undefined, places = 6) => (x === null || x === undefined ? x : Number(x.toFixed(places)));

const RUBRIC4 = [
  [10, 3, 1, 0],
  [2, 12, 4, 1],
  [1, 3, 14, 3],
  [0, 1, 2, 13],
];

describe('cohenKappa: every row (statsmodels cohens_kappa, sklearn) to 6 dp', () => {
  it.each([
    // label, table, weighting, κ, SE (FCE), SE₀, p_o, p_e
    ['judge vs human 2×2', [[40, 10], [5, 45]], 'unweighted', 0.7, 0.071056, 0.099499, 0.85, 0.5],
    ['3×3 diagnostic', [[75, 1, 4], [5, 4, 1], [0, 0, 10]], 'unweighted', 0.676471, 0.087703, 0.076187, 0.89, 0.66],
    ['4-point rubric, unweighted', RUBRIC4, 'unweighted', 0.596597, 0.074233, 0.069601, 0.7, 0.256327],
    ['4-point rubric, linear', RUBRIC4, 'linear', 0.69459, 0.063258, 0.083743, 0.880952, 0.610204],
    ['4-point rubric, quadratic', RUBRIC4, 'quadratic', 0.785992, 0.056937, 0.119423, 0.947619, 0.755238],
  ] as const)('%s', (_label, table, weighting, kappa, se, se0, po, pe) => {
    const r = cohenKappa(table, weighting as KappaWeighting);
    if (!r.defined) throw new Error(r.reason);
    expect(dp(r.kappa)).toBe(kappa);
    expect(dp(r.se)).toBe(se);
    expect(dp(r.se0)).toBe(se0);
    expect(dp(r.po)).toBe(po);
    expect(dp(r.pe)).toBe(pe);
    expect(dp(r.z)).toBe(dp(r.kappa / r.se0));
  });

  it('2×2 example: 95% CI (0.560732, 0.839268) and a tiny p', () => {
    const r = cohenKappa([[40, 10], [5, 45]]);
    if (!r.defined) throw new Error(r.reason);
    expect(r.ci.map((x) => dp(x))).toEqual([0.560732, 0.839268]);
    expect(r.p).toBeLessThan(1e-10);
  });

  it('the unweighted null variance matches the simplified form', () => {
    const t = [[75, 1, 4], [5, 4, 1], [0, 0, 10]];
    const r = cohenKappa(t);
    if (!r.defined) throw new Error(r.reason);
    const rows = [0.8, 0.1, 0.1];
    const cols = [0.8, 0.05, 0.15];
    const pe = 0.66;
    const v0 = (pe + pe * pe - rows.reduce((s, p, i) => s + p * (cols[i] ?? 0) * (p + (cols[i] ?? 0)), 0)) / (100 * (1 - pe) ** 2);
    expect(r.se0).toBeCloseTo(Math.sqrt(v0), 12);
  });
});

describe('cohenKappa: edge cases', () => {
  it('n = 0: undefined with a reason', () => {
    expect(cohenKappa([[0, 0], [0, 0]])).toMatchObject({ defined: false, kappa: null, n: 0, reason: 'no items' });
  });

  it.each([
    ['all items in one category', [[30, 0], [0, 0]]],
    ['n = 1 with agreement', [[0, 0], [0, 1]]],
    ['a single category (k = 1)', [[5]]],
  ])('p_e = 1 (%s): kappa undefined, not 0 or 1', (_l, t) => {
    const r = cohenKappa(t, 'quadratic');
    expect(r.defined).toBe(false);
    expect(r.kappa).toBeNull();
    if (!r.defined) expect(r.reason).toMatch(/chance agreement is 1/);
  });

  it('n = 1 with disagreement: κ = 0 (p_o = p_e = 0)', () => {
    const r = cohenKappa([[0, 1], [0, 0]]);
    expect(r).toMatchObject({ defined: true, kappa: 0, po: 0, pe: 0 });
  });

  it.each(['unweighted', 'linear', 'quadratic'] as const)('perfect agreement (%s): κ = 1, SE = 0, CI [1, 1]', (w) => {
    const r = cohenKappa([[5, 0, 0], [0, 3, 0], [0, 0, 2]], w);
    if (!r.defined) throw new Error(r.reason);
    expect(r.kappa).toBeCloseTo(1, 12);
    expect(r.se).toBeCloseTo(0, 6);
    expect(r.ci[0]).toBeCloseTo(1, 6);
    expect(r.z).toBeGreaterThan(0);
  });

  it('a category never used: unweighted κ unchanged, weighted κ sees the extra distance', () => {
    const two = cohenKappa([[40, 10], [5, 45]]);
    const withGap = [[40, 0, 10], [0, 0, 0], [5, 0, 45]];
    expect(cohenKappa(withGap).kappa).toBeCloseTo(two.kappa ?? NaN, 12);
    // 2 categories: every weighting is the identity; with an unused middle, a 0↔2 miss weighs 0 either way.
    expect(cohenKappa(withGap, 'linear').kappa).toBeCloseTo(0.7, 12);
    const adjacent = [[40, 10, 0], [0, 0, 0], [0, 5, 45]];
    const r = cohenKappa(adjacent, 'linear');
    if (!r.defined) throw new Error(r.reason);
    expect(r.kappa).toBeGreaterThan(0.7); // half credit for misses one step apart
  });

  it('rejects a non-square table and negative counts', () => {
    expect(() => cohenKappa([[1, 2], [3]])).toThrow(/k×k/);
    expect(() => cohenKappa([[1, -2], [3, 4]])).toThrow(/≥ 0/);
    expect(() => cohenKappa([])).toThrow(/at least one/);
  });
});

describe('weights, labels, agreement table, accuracy', () => {
  it.each([
    ['unweighted', [[1, 0, 0], [0, 1, 0], [0, 0, 1]]],
    ['linear', [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]]],
    ['quadratic', [[1, 0.75, 0], [0.75, 1, 0.75], [0, 0.75, 1]]],
  ] as const)('%s weights for k = 3', (w, expected) => {
    expect(kappaWeights(3, w)).toEqual(expected);
  });

  it('agreement table: rows = first list, columns = second, in category order', () => {
    expect(agreementTable(['a', 'b', 'b', 'c'], ['a', 'c', 'b', 'c'], ['a', 'b', 'c'])).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('kappaFromLabels rebuilds the 2×2 example', () => {
    const judge = [...Array(50).fill('pass'), ...Array(50).fill('fail')] as string[];
    const human = [...Array(40).fill('pass'), ...Array(10).fill('fail'), ...Array(5).fill('pass'), ...Array(45).fill('fail')] as string[];
    expect(kappaFromLabels(judge, human, ['pass', 'fail']).kappa).toBeCloseTo(0.7, 12);
  });

  it('throws on unknown labels, duplicate categories and different lengths', () => {
    expect(() => agreementTable([1, 9], [1, 1], [1, 2])).toThrow(/not one of the categories/);
    expect(() => agreementTable([1], [1], [1, 1])).toThrow(/distinct/);
    expect(() => kappaFromLabels([1], [1, 2], [1, 2])).toThrow(/1 labels against 2/);
  });

  it.each([
    [[1, 2, 3, 4], [1, 2, 3, 3], 3, 0.75],
    [[], [], 0, null],
    [['A'], ['B'], 0, 0],
  ])('accuracy %j vs %j', (a, b, agree, rate) => {
    const r = accuracy<unknown>(a, b);
    expect(r.agree).toBe(agree);
    expect(r.rate).toBe(rate);
    expect(r.ci[0]).toBeGreaterThanOrEqual(0);
  });
});

// Krippendorff's alpha lives in src/stats/krippendorff.ts; its fixtures sit here with the other
// agreement statistics (the brief limits new stats tests to this file).
describe('krippendorffAlpha: worked examples', () => {
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
  const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
  const canonical = unitsFromRaters([A, B, C, D]);

  it.each([
    ['nominal', 0.743421],
    ['ordinal', 0.815388],
    ['interval', 0.849107],
    ['ratio', 0.797403],
  ] as const)('canonical 4 observers × 12 units, %s', (level, alpha) => {
    const r = krippendorffAlpha(canonical, level);
    if (!r.defined) throw new Error(r.reason);
    expect(dp(r.alpha)).toBe(alpha);
    expect(r.n).toBe(40);
  });

  it('canonical nominal: D_o = 0.2, D_e = 0.779487', () => {
    const r = krippendorffAlpha(canonical, 'nominal');
    if (!r.defined) throw new Error(r.reason);
    expect(dp(r.dO)).toBe(0.2);
    expect(dp(r.dE)).toBe(0.779487);
  });

  it.each([
    [[[1, 1, 1], [0, 0, 0], [1, 1, 1], [0, 0, 1]], 'nominal', 1 - 132 / 420],
    [[[0, 1], [0, 1], [1, 0], [1, 0]], 'nominal', -0.75],
    [[[1, 1, 0], [0, 0]], 'nominal', 1 / 3],
    [[[1, 2], [3, 4], [1, 1]], 'interval', 19 / 24],
    [[[1, 1], [3, 4], [5, 5]], 'ordinal', 94 / 99],
    [[[1, 1, 1], [1, 1, 0], [0, 0, 0], [1, 0, 1], [1, 1, 1]], 'nominal', 0.44],
  ] as const)("Inspect's vector %j (%s)", (units, level, alpha) => {
    expect(krippendorffAlpha(units, level as AlphaLevel).alpha).toBeCloseTo(alpha, 10);
  });

  it('2 raters, table [[40,10],[5,45]]: α = 0.700752', () => {
    const units = [
      ...Array.from({ length: 40 }, () => [0, 0]),
      ...Array.from({ length: 10 }, () => [0, 1]),
      ...Array.from({ length: 5 }, () => [1, 0]),
      ...Array.from({ length: 45 }, () => [1, 1]),
    ];
    expect(dp(krippendorffAlpha(units, 'nominal').alpha)).toBe(0.700752);
  });

  it('string labels work at the nominal level', () => {
    expect(krippendorffAlpha([['A', 'A'], ['B', 'A'], ['tie', 'tie']], 'nominal').defined).toBe(true);
  });

  it.each([
    [[[3, 3], [3, 3, 3]], /no variation/],
    [[[1], [2]], /fewer than 2/],
    [[], /fewer than 2/],
  ])('undefined for %j', (units, reason) => {
    const r = krippendorffAlpha(units, 'interval');
    expect(r.alpha).toBeNull();
    if (!r.defined) expect(r.reason).toMatch(reason);
  });

  it('rejects strings at the interval level', () => {
    expect(() => krippendorffAlpha([['a', 'b']], 'interval')).toThrow(/finite numbers/);
  });
});
