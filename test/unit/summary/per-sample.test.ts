import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_MAX_SAMPLES, scoreInterval } from '../../../src/summary/per-sample.js';
import { bootstrapMeanCi } from '../../../src/stats/bootstrap.js';
import { meanWithSe, wilson } from '../../../src/stats/intervals.js';

// The mean score's interval in a model summary: Wilson for 0/1 scores, else a seeded percentile
// bootstrap over samples, or the CLT interval above BOOTSTRAP_MAX_SAMPLES.

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const graded = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919) % 101) / 100); // 0..1, spread out

describe('scoreInterval', () => {
  it('is the seeded bootstrap of bootstrapMeanCi (2,000 resamples), deterministic for a seed', () => {
    const values = graded(300);
    const b = bootstrapMeanCi(values, { seed: 7, level: 0.9, resamples: 2000 });
    expect(scoreInterval(values, 0.9, 7)).toEqual({ method: 'bootstrap', ci: [r6(b?.ci[0] ?? NaN), r6(b?.ci[1] ?? NaN)], resamples: 2000 });
    expect(scoreInterval(values, 0.9, 7)).toEqual(scoreInterval(values, 0.9, 7));
  });

  it('agrees with the CLT interval to within a point at n = 400', () => {
    const values = graded(400);
    const m = meanWithSe(values);
    const half = 1.959963984540054 * (m?.se ?? 0);
    const ci = scoreInterval(values, 0.95, 1)?.ci ?? [NaN, NaN];
    expect(Math.abs(ci[0] - ((m?.mean ?? 0) - half))).toBeLessThan(0.01);
    expect(Math.abs(ci[1] - ((m?.mean ?? 0) + half))).toBeLessThan(0.01);
  });

  it(`above ${BOOTSTRAP_MAX_SAMPLES} samples it is the CLT interval, and says so`, () => {
    const values = graded(BOOTSTRAP_MAX_SAMPLES + 1);
    const m = meanWithSe(values);
    const half = 1.959963984540054 * (m?.se ?? 0);
    expect(scoreInterval(values, 0.95, 1)).toEqual({ method: 'clt', ci: [r6((m?.mean ?? 0) - half), r6((m?.mean ?? 0) + half)], resamples: 0 });
  });

  it.each([
    ['no values', [], null],
    ['one value', [0.4], { method: 'bootstrap', ci: [0.4, 0.4], resamples: 2000 }],
    ['all equal, not 0/1', [0.7, 0.7, 0.7], { method: 'bootstrap', ci: [0.7, 0.7], resamples: 2000 }],
    ['all 1: a proportion, Wilson', [1, 1, 1, 1], { method: 'wilson', ci: wilson(4, 4).map(r6), resamples: 0 }],
    ['0/1 scores: Wilson 3/5', [1, 0, 1, 1, 0], { method: 'wilson', ci: wilson(3, 5).map(r6), resamples: 0 }],
  ])('%s', (_label, values, expected) => {
    expect(scoreInterval(values, 0.95, 3)).toEqual(expected);
  });
});
