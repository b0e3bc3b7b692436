import { describe, expect, it } from 'vitest';
import {
  binomialCdf, binomialPmf, chiSquare1Sf, normalCdf, normalQuantile, tCdf, tCritical, tQuantile, zCritical,
} from '../../../src/stats/distributions.js';
import { Z95 } from '../../../src/stats/intervals.js';

// References: scipy 1.17.1 on this machine (scipy.stats.norm / t / binom / chi2), printed with repr().
const relClose = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('distributions: wrappers agree with scipy', () => {
  it.each([
    ['Φ⁻¹(0.975)', () => normalQuantile(0.975), 1.959963984540054],
    ['Φ⁻¹(0.8)', () => normalQuantile(0.8), 0.8416212335729143],
    ['Φ⁻¹(0.995)', () => normalQuantile(0.995), 2.5758293035489004],
    ['Φ(−1.96)', () => normalCdf(-1.96), 0.024997895148220435],
    ['Φ(−10), deep tail', () => normalCdf(-10), 7.61985302416047e-24],
    ['t⁻¹(0.975; 3)', () => tQuantile(0.975, 3), 3.1824463052837078],
    ['t⁻¹(0.975; 1)', () => tQuantile(0.975, 1), 12.706204736174694],
    ['t⁻¹(0.975; 19)', () => tQuantile(0.975, 19), 2.0930240544083087],
    ['t⁻¹(0.95; 30)', () => tQuantile(0.95, 30), 1.697260886593957],
    ['T(−2; 5)', () => tCdf(-2, 5), 0.050969739414929174],
    ['Bin(40, ½) P(X = 14)', () => binomialPmf(14, 40, 0.5), 0.021106579733896097],
    ['Bin(40, ½) P(X ≤ 14)', () => binomialCdf(14, 40, 0.5), 0.0403452338759962],
    ['Bin(800, ½) P(X ≤ 300)', () => binomialCdf(300, 800, 0.5), 7.631577790770019e-13],
    ['Bin(2200, ½) P(X ≤ 1000)', () => binomialCdf(1000, 2200, 0.5), 1.0908513203957097e-5],
    ['χ²₁ sf(3.025)', () => chiSquare1Sf(3.025), 0.08199032100038259],
    ['χ²₁ sf(50)', () => chiSquare1Sf(50), 1.537459794428033e-12],
  ])('%s', (_name, f, expected) => {
    relClose(f(), expected, 1e-10);
  });

  it('zCritical(0.95) is Z95 to the last bit or one ulp', () => {
    expect(Math.abs(zCritical(0.95) - Z95)).toBeLessThanOrEqual(Number.EPSILON * 2);
  });

  it.each([
    // scipy: norm.ppf(0.95) = 1.6448536269514722; t.ppf(0.975, 19) = 2.0930240544083087
    ['z at 90%', () => zCritical(0.9), 1.6448536269514722],
    ['t at 95%, 19 df', () => tCritical(0.95, 19), 2.0930240544083087],
  ])('%s', (_name, f, expected) => {
    relClose(f(), expected, 1e-10);
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN])('level %f is rejected', (level) => {
    expect(() => zCritical(level)).toThrow(RangeError);
    expect(() => tCritical(level, 5)).toThrow(RangeError);
  });

  it('t with df ≤ 0 is rejected', () => {
    expect(() => tCritical(0.95, 0)).toThrow(RangeError);
  });
});
