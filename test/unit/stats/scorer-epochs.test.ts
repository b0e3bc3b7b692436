import { describe, expect, it } from 'vitest';
import { epochReducer, reduceScorer, reducerName, type EpochReducer, type ScorerVerdict } from '../../../src/stats/scorer-epochs.js';
import { wilson } from '../../../src/stats/intervals.js';

// Per-scorer epoch reducers, by hand. Five samples × 3 epochs, passes per sample: 3, 2, 1, 0, 3
// (values are 1 for a pass, 0.5 for a fail, so the mean reducer differs from the pass share).

const v = (pass: boolean): ScorerVerdict => ({ value: pass ? 1 : 0.5, pass });
const sample = (passes: number, k = 3) => Array.from({ length: k }, (_, e) => v(e < passes));
const data = new Map([['a', sample(3)], ['b', sample(2)], ['c', sample(1)], ['d', sample(0)], ['e', sample(3)]]);
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const wilsonPair = (x: number, n: number) => wilson(x, n).map(r6);

describe('reduceScorer', () => {
  it.each<[string, EpochReducer, string, number]>([
    ['majority: more than 3/2 pass → a, b, e', { kind: 'majority' }, 'majority', 3],
    ['pass@3: any passes → a, b, c, e', { kind: 'pass_at_k' }, 'pass@3', 4],
    ['pass^3: all pass → a, e', { kind: 'pass_hat_k' }, 'pass^3', 2],
    ['at least 1 of 3 = pass@3', { kind: 'at_least', m: 1 }, 'at least 1 of 3', 4],
    ['at least 2 of 3 = majority here', { kind: 'at_least', m: 2 }, 'at least 2 of 3', 3],
    ['at least 3 of 3 = pass^3', { kind: 'at_least', m: 3 }, 'at least 3 of 3', 2],
  ])('%s', (_label, reducer, name, count) => {
    expect(reduceScorer(reducer, data, 3)).toEqual({ reducer: name, k: 3, samples: 5, incomplete: 0, value: count / 5, ci: wilsonPair(count, 5) });
  });

  it('mean: per-sample mean values 1, 5/6, 2/3, 1/2, 1 → 0.8, CLT interval over samples', () => {
    const r = reduceScorer({ kind: 'mean' }, data, 3);
    const means = [1, 5 / 6, 2 / 3, 0.5, 1];
    const sd = Math.sqrt(means.reduce((s, x) => s + (x - 0.8) ** 2, 0) / 4);
    const half = 1.959963984540054 * (sd / Math.sqrt(5));
    expect(r).toEqual({ reducer: 'mean', k: 3, samples: 5, incomplete: 0, value: 0.8, ci: [r6(0.8 - half), r6(0.8 + half)] });
  });

  it('leaves out samples short of k epochs and counts them', () => {
    const r = reduceScorer({ kind: 'pass_hat_k' }, new Map([['a', sample(3)], ['b', sample(2, 2)], ['c', []]]), 3);
    expect(r).toMatchObject({ samples: 1, incomplete: 2, value: 1 });
  });

  it('no complete sample: no value, no interval', () => {
    expect(reduceScorer({ kind: 'majority' }, new Map(), 3)).toEqual({ reducer: 'majority', k: 3, samples: 0, incomplete: 0, value: null, ci: null });
  });

  it('majority on an even k: a tie fails', () => {
    expect(reduceScorer({ kind: 'majority' }, new Map([['a', sample(2, 4)]]), 4).value).toBe(0);
  });
});

describe('epochReducer / reducerName', () => {
  it.each<[Parameters<typeof epochReducer>[0], string]>([
    ['mean', 'mean'], ['majority', 'majority'], ['pass_at_k', 'pass@5'], ['pass_hat_k', 'pass^5'], [{ at_least: 4 }, 'at least 4 of 5'],
  ])('%j', (spec, name) => {
    expect(reducerName(epochReducer(spec), 5)).toBe(name);
  });
});
