import { describe, expect, it } from 'vitest';
import { bootstrapMeanCi, pairedPermutationTest } from '../../../src/stats/bootstrap.js';
import { mcnemar } from '../../../src/stats/mcnemar.js';

const range20 = Array.from({ length: 20 }, (_, i) => i);
const mod4 = range20.map((i) => i % 4);
const binary = (ones: number, n: number) => Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0));

describe('bootstrapMeanCi', () => {
  it('is deterministic for a fixed seed and differs across seeds', () => {
    const first = bootstrapMeanCi(range20, { seed: 7 });
    expect(bootstrapMeanCi(range20, { seed: 7 })).toEqual(first);
    expect(bootstrapMeanCi(range20, { seed: 8 })?.ci).not.toEqual(first?.ci);
  });

  it('reports the sample mean, the level, the resample count and a CI around the mean', () => {
    const r = bootstrapMeanCi(range20, { seed: 1, level: 0.9, resamples: 500 });
    expect(r).toMatchObject({ n: 20, mean: 9.5, level: 0.9, resamples: 500, clusters: null });
    expect(r?.ci[0]).toBeLessThan(9.5);
    expect(r?.ci[1]).toBeGreaterThan(9.5);
  });

  // The bootstrap SE of the mean converges to the ddof-0 SE, sqrt(Σ(x − x̄)²/n)/√n: for 0..19 that is
  // sqrt(33.25/20) = 1.2893796958227628 (numpy: np.arange(20).std()/sqrt(20)). Resampling the 4 clusters
  // (i mod 4, equal sizes) it converges to the paper-form clustered SE √125/20 = 0.5590169943749475
  // With 20,000 resamples the Monte Carlo error of an SD is ~0.5 %; allow 3 %.
  it.each([
    ['items', undefined, 1.2893796958227628],
    ['whole clusters (i mod 4)', mod4, 0.5590169943749475],
  ])('SE when resampling %s', (_name, clusters, expected) => {
    const r = bootstrapMeanCi(range20, { seed: 42, resamples: 20_000, clusters });
    expect(Math.abs((r?.se ?? 0) - expected) / expected).toBeLessThan(0.03);
    expect(r?.clusters).toBe(clusters ? 4 : null);
  });

  // 320/400 passes: normal-approx 95% CI 0.8 ± 1.959964·sqrt(0.8·0.2/400) = (0.760801, 0.839199).
  it('agrees with the normal interval for a large pass/fail sample', () => {
    const r = bootstrapMeanCi(binary(320, 400), { seed: 3, resamples: 5000 });
    expect(Math.abs((r?.ci[0] ?? 0) - 0.760801)).toBeLessThan(0.006);
    expect(Math.abs((r?.ci[1] ?? 0) - 0.839199)).toBeLessThan(0.006);
  });

  it.each([
    ['one value', [0.4]],
    ['identical values', [0.1, 0.1, 0.1, 0.1]],
  ])('%s: a zero-width interval at the value', (_name, values) => {
    const r = bootstrapMeanCi(values, { seed: 1, resamples: 200 });
    expect(r?.ci[0]).toBeCloseTo(values[0] ?? Number.NaN, 14);
    expect(r?.ci[1]).toBeCloseTo(values[0] ?? Number.NaN, 14);
    expect(r?.se).toBeCloseTo(0, 14);
  });

  it('n = 0 → null', () => {
    expect(bootstrapMeanCi([], { seed: 1 })).toBeNull();
  });

  it.each([
    ['resamples 0', { seed: 1, resamples: 0 }],
    ['fractional resamples', { seed: 1, resamples: 2.5 }],
    ['level 1', { seed: 1, level: 1 }],
    ['clusters of another length', { seed: 1, clusters: [1, 2] }],
  ])('throws RangeError on %s', (_name, opts) => {
    expect(() => bootstrapMeanCi([1, 2, 3], opts)).toThrow(RangeError);
  });
});

describe('pairedPermutationTest', () => {
  // ordered: A right on 320, B right on 306 + 26.
  const A = binary(320, 400);
  const B = [...binary(306, 320), ...binary(26, 80)];

  // For 0/1 scores the sign-flip distribution of Σd is 2X − (b + c), X ~ Bin(b + c, ½), so the test's
  // p estimates McNemar's exact p (0.080690 for b = 14, c = 26). 20,000 resamples: MC SE ≈ 0.002.
  it('estimates McNemar\'s exact p for pass/fail scores', () => {
    const r = pairedPermutationTest(A, B, { seed: 11, resamples: 20_000 });
    expect(r?.diff).toBeCloseTo(-0.03, 14);
    expect(Math.abs((r?.p ?? 0) - mcnemar(14, 26).exactP)).toBeLessThan(0.01);
  });

  it('is deterministic for a fixed seed, differs across seeds, and p = (count + 1)/(R + 1)', () => {
    const r = pairedPermutationTest(A, B, { seed: 5, resamples: 2000 });
    expect(pairedPermutationTest(A, B, { seed: 5, resamples: 2000 })).toEqual(r);
    expect(pairedPermutationTest(A, B, { seed: 6, resamples: 2000 })?.count).not.toBe(r?.count);
    expect(r?.p).toBe(((r?.count ?? Number.NaN) + 1) / 2001);
  });

  it.each([
    ['no differences at all', [1, 0, 0.5], [1, 0, 0.5], 1],
    ['n = 1: every flip is as extreme', [1], [0], 1],
    // 30 pairs all +1: a flip as extreme needs all 30 signs equal (p ≈ 2^−29), so count = 0.
    ['overwhelming effect: the floor 1/(R + 1)', binary(30, 30), binary(0, 30), 1 / 1001],
  ])('p in (0, 1]: %s', (_name, a, b, expected) => {
    const r = pairedPermutationTest(a, b, { seed: 2, resamples: 1000 });
    expect(r?.p).toBeCloseTo(expected, 14);
    expect(r?.p).toBeGreaterThan(0);
    expect(r?.p).toBeLessThanOrEqual(1);
  });

  it('singleton clusters give exactly the unclustered test', () => {
    const opts = { seed: 9, resamples: 500 };
    expect(pairedPermutationTest(A, B, { ...opts, clusters: A.map((_, i) => i) })).toEqual(pairedPermutationTest(A, B, opts));
  });

  it('flipping whole clusters: one cluster holding every pair gives p = 1', () => {
    const r = pairedPermutationTest(A, B, { seed: 9, resamples: 500, clusters: A.map(() => 'all') });
    expect(r?.p).toBe(1);
  });

  it('n = 0 → null; mismatched lengths throw', () => {
    expect(pairedPermutationTest([], [], { seed: 1 })).toBeNull();
    expect(() => pairedPermutationTest([1], [1, 0], { seed: 1 })).toThrow(RangeError);
  });
});
