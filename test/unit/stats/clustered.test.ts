import { describe, expect, it } from 'vitest';
import { clusterCount, clusteredSe, clusteredSePaper, groupByCluster } from '../../../src/stats/clustered.js';
import { meanWithSe } from '../../../src/stats/intervals.js';

const dp = (x: number | null, places: number) => (x === null ? null : Number(x.toFixed(places)));

describe('clusteredSe: fixture (Inspect test: values 0..19, cluster = i mod 4)', () => {
  const values = Array.from({ length: 20 }, (_, i) => i);
  const clusters = values.map((i) => i % 4);

  it.each([
    ['Inspect form, C/(C−1)', () => clusteredSe(values, clusters), 0.645],
    ['paper form, no correction', () => clusteredSePaper(values, clusters), 0.559],
    ['plain CLT, ddof 1', () => meanWithSe(values)?.se ?? null, 1.323],
  ])('%s', (_name, f, expected) => {
    expect(dp(f(), 3)).toBe(expected);
  });

  // Exact forms (by hand): cluster c holds c, c+4, …, c+16, sum 5c + 40; s̄ = 9.5, so its residual sum is
  // 5c + 40 − 47.5 = −7.5, −2.5, 2.5, 7.5 → meat = 2·56.25 + 2·6.25 = 125, n = 20.
  // Paper: √125/20 = 0.5590169943749475. Inspect: √(125·4/3)/20 = 0.6454972243679028 (numpy agrees).
  it('matches the closed forms', () => {
    expect(clusteredSePaper(values, clusters)).toBeCloseTo(Math.sqrt(125) / 20, 14);
    expect(clusteredSe(values, clusters)).toBeCloseTo(Math.sqrt((125 * 4) / 3) / 20, 14);
  });

  it('string ids and number ids cluster the same way', () => {
    expect(clusteredSe(values, clusters.map((c) => `q${c}`))).toBe(clusteredSe(values, clusters));
  });
});

describe('clusteredSe: edge cases', () => {
  it.each([
    ['empty → null (Inspect form)', () => clusteredSe([], []), null],
    ['empty → null (paper form)', () => clusteredSePaper([], []), null],
    ['a single cluster → 0, as Inspect', () => clusteredSe([1, 2, 3], ['a', 'a', 'a']), 0],
    ['a single cluster, paper form → 0 (residuals sum to 0)', () => clusteredSePaper([1, 2, 3], ['a', 'a', 'a']), 0],
    ['one value → 0', () => clusteredSe([5], ['a']), 0],
    ['identical values → 0', () => clusteredSe([0.1, 0.1, 0.1, 0.1], [1, 1, 2, 2]), 0],
  ])('%s', (_name, f, expected) => {
    const got = f();
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 15);
  });

  // One item per cluster: meat = Σ(s_i − s̄)², so Inspect form = √(Σ(s−s̄)²·n/(n−1))/n = sd(ddof 1)/√n = CLT SE.
  it('singleton clusters reduce to the plain CLT SE (ddof 1)', () => {
    const values = [0.2, 0.9, 0.4, 0.4, 1, 0];
    expect(clusteredSe(values, values.map((_, i) => i))).toBeCloseTo(meanWithSe(values)?.se ?? Number.NaN, 14);
  });

  it('rejects mismatched lengths and NaN ids', () => {
    expect(() => clusteredSe([1, 2], ['a'])).toThrow(RangeError);
    expect(() => clusteredSePaper([1, 2], [1, Number.NaN])).toThrow(RangeError);
  });

  it('groupByCluster keeps first-appearance order; clusterCount counts distinct ids', () => {
    expect(groupByCluster(['b', 'a', 'b', 3, 'a'])).toEqual([[0, 2], [1, 4], [3]]);
    expect(clusterCount(['b', 'a', 'b', 3, 'a'])).toBe(3);
  });
});
