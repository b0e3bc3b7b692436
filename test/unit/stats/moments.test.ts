import { describe, expect, it } from 'vitest';
import { correlation, isBinary, isConstant, mean, sampleVariance } from '../../../src/stats/moments.js';

describe('moments', () => {
  it.each([
    // by hand: mean 2.5; Σ(x−2.5)² = 2.25+0.25+0.25+2.25 = 5; /3
    ['[1,2,3,4]', [1, 2, 3, 4], 2.5, 5 / 3],
    ['identical floats have variance exactly 0', [0.1, 0.1, 0.1], 0.1, 0],
  ])('mean and ddof-1 variance of %s', (_name, xs, m, v) => {
    expect(mean(xs)).toBeCloseTo(m, 14);
    if (v === 0) expect(sampleVariance(xs)).toBe(0);
    else expect(sampleVariance(xs)).toBeCloseTo(v, 14);
  });

  it.each([
    ['perfectly correlated', [1, 2, 3], [2, 4, 6], 1],
    ['perfectly anti-correlated', [1, 2, 3], [3, 2, 1], -1],
    // numpy.corrcoef([0.9,0.4,0.7,1.0,0.2,0.55],[0.8,0.5,0.3,0.9,0.2,0.35]) = 0.8294854998508873
    ['graded scores (numpy)', [0.9, 0.4, 0.7, 1.0, 0.2, 0.55], [0.8, 0.5, 0.3, 0.9, 0.2, 0.35], 0.8294854998508873],
  ])('correlation: %s', (_name, a, b, r) => {
    expect(correlation(a, b)).toBeCloseTo(r, 12);
  });

  it.each([
    ['n = 0', [], []],
    ['n = 1', [1], [0]],
    ['a constant', [1, 1, 1], [0, 1, 0]],
    ['b constant', [0, 1, 0], [0.3, 0.3, 0.3]],
  ])('correlation is null for %s', (_name, a, b) => {
    expect(correlation(a, b)).toBeNull();
  });

  it('isBinary and isConstant', () => {
    expect(isBinary([0, 1, 1])).toBe(true);
    expect(isBinary([0, 0.5])).toBe(false);
    expect(isConstant([2, 2])).toBe(true);
    expect(isConstant([2, 3])).toBe(false);
  });
});
