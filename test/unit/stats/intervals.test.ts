import { describe, expect, it } from 'vitest';
import { meanWithSe, percentile, percentilesOf, wilson, Z95 } from '../../../src/stats/intervals.js';

const dp6 = (x: number) => Number(x.toFixed(6));

describe('wilson: fixtures (statsmodels proportion_confint, 6 dp)', () => {
  it.each([
    [8, 10, 0.490162, 0.943318],
    [0, 10, 0, 0.277533],
    [0, 30, 0, 0.113513],
    [10, 10, 0.722467, 1],
    [81, 263, 0.255289, 0.36621],
  ])('%i/%i → (%f, %f)', (x, n, lo, hi) => {
    const [a, b] = wilson(x, n);
    expect(dp6(a)).toBe(lo);
    expect(dp6(b)).toBe(hi);
  });
});

describe('wilson: edge cases', () => {
  // n = 1 by hand: p̂ ∈ {0, 1}, so p̂(1−p̂) = 0 and half = z·sqrt(z²/4)/(1+z²) = (z²/2)/(1+z²).
  // x = 0: center = (z²/2)/(1+z²) = half → CI = [0, z²/(1+z²)].
  // x = 1: center = (1 + z²/2)/(1+z²), half = (z²/2)/(1+z²) → CI = [1/(1+z²), 1].
  // z² = 3.841458820694124 → z²/(1+z²) = 0.793454..., 1/(1+z²) = 0.206546...
  const z2 = 1.959963984540054 ** 2;
  it.each([
    ['n = 0 gives the whole unit interval', 0, 0, 0, 1],
    ['n = 1, x = 0', 0, 1, 0, z2 / (1 + z2)],
    ['n = 1, x = 1', 1, 1, 1 / (1 + z2), 1],
  ])('%s', (_name, x, n, lo, hi) => {
    const [a, b] = wilson(x, n);
    expect(a).toBeCloseTo(lo, 12);
    expect(b).toBeCloseTo(hi, 12);
  });

  it('z is Φ⁻¹(0.975)', () => {
    expect(Z95).toBe(1.959963984540054);
  });

  it.each([1, 2, 3, 10, 30, 263, 1000])('n = %i: every x gives lo ≤ p̂ ≤ hi inside [0, 1], with exact 0 and 1 at the extremes', (n) => {
    for (let x = 0; x <= n; x++) {
      const [lo, hi] = wilson(x, n);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(x / n);
      expect(hi).toBeGreaterThanOrEqual(x / n);
    }
    // The lower bound at x = 0 and the upper at x = n are 0 and 1 analytically; float noise must be clamped.
    expect(wilson(0, n)[0]).toBe(0);
    expect(wilson(n, n)[1]).toBe(1);
  });
});

describe('percentile: type 7 (numpy default), pos = (n−1)·q, linear between neighbours', () => {
  it.each([
    // [1,2,3,4], q = .5: pos 1.5 → 2 + .5·(3−2) = 2.5
    ['median of four', [1, 2, 3, 4], 0.5, 2.5],
    // q = .95: pos 2.85 → 3 + .85·(4−3) = 3.85
    ['p95 of four', [1, 2, 3, 4], 0.95, 3.85],
    ['q = 0 is the minimum', [1, 2, 3, 4], 0, 1],
    ['q = 1 is the maximum', [1, 2, 3, 4], 1, 4],
    // [10, 20], q = .25: pos .25 → 10 + .25·10 = 12.5
    ['two values, q = .25', [10, 20], 0.25, 12.5],
    ['odd count median is the middle value', [5, 1, 3], 0.5, 3],
    ['single value, median', [7], 0.5, 7],
    ['single value, p95', [7], 0.95, 7],
    ['unsorted input is sorted first', [4, 1, 3, 2], 0.95, 3.85],
    // numeric, not lexicographic, order: sorted [2, 10, 100], q = .5 → 10
    ['sorted numerically', [100, 2, 10], 0.5, 10],
  ])('%s', (_name, values, q, expected) => {
    expect(percentile(values, q)).toBeCloseTo(expected, 12);
    expect(percentilesOf(values, [q])[0]).toBe(percentile(values, q)); // sorted once, the same figure
  });

  it('percentilesOf: several q at once, exactly what percentile gives, input untouched', () => {
    const values = [12.5, 0, 3.1, 250, 0.4, 3.1, 99.9, 7, 1e-3, 41];
    const copy = [...values];
    const qs = [0, 0.05, 0.5, 0.9, 0.95, 0.99, 1];
    expect(percentilesOf(values, qs)).toEqual(qs.map((q) => percentile(values, q)));
    expect(percentilesOf([], [0.5, 0.95])).toEqual([undefined, undefined]);
    expect(values).toEqual(copy);
  });

  it('empty input → undefined', () => {
    expect(percentile([], 0.5)).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const values = [4, 1, 3, 2];
    percentile(values, 0.5);
    expect(values).toEqual([4, 1, 3, 2]);
  });
});

describe('meanWithSe: mean and SE = sqrt(var/n), var with ddof 1', () => {
  it.each([
    // [1,2,3,4]: mean 2.5, Σ(x−m)² = 2.25+.25+.25+2.25 = 5, var = 5/3, se = sqrt(5/12) = 0.645497...
    ['1..4', [1, 2, 3, 4], 2.5, Math.sqrt(5 / 12)],
    // [0,1,1,1]: mean .75, Σ = .5625 + 3·.0625 = .75, var = .25, se = sqrt(.25/4) = .25
    ['binary 3/4', [0, 1, 1, 1], 0.75, 0.25],
    // [2,4,4,4,5,5,7,9]: mean 5, Σ = 9+1+1+1+0+0+4+16 = 32, var = 32/7, se = sqrt(32/56) = sqrt(4/7)
    ['classic eight', [2, 4, 4, 4, 5, 5, 7, 9], 5, Math.sqrt(4 / 7)],
    ['n = 1 → se 0', [0.3], 0.3, 0],
    ['constant values → se 0', [0.5, 0.5, 0.5, 0.5], 0.5, 0],
  ])('%s', (_name, values, mean, se) => {
    const r = meanWithSe(values);
    expect(r).toBeDefined();
    expect(r?.mean).toBeCloseTo(mean, 12);
    expect(r?.se).toBeCloseTo(se, 12);
  });

  it('empty → undefined', () => {
    expect(meanWithSe([])).toBeUndefined();
  });

  it('matches the Bernoulli SE at ddof 1: [1,1,0,0] → sqrt(p(1−p)/(n−1)) = sqrt(.25/3)', () => {
    expect(meanWithSe([1, 1, 0, 0])?.se).toBeCloseTo(Math.sqrt(0.25 / 3), 12);
  });
});
