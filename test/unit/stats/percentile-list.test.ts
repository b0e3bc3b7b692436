import { describe, expect, it } from 'vitest';
import { percentileList } from '../../../src/stats/percentile-list.js';
import { percentilesOf } from '../../../src/stats/intervals.js';
import { seededRandom } from '../../../src/util/random.js';

// Counted or listed, the percentiles must be the very same floats as percentilesOf's over the numbers.

const QS = [0, 0.05, 1 / 3, 0.5, 0.95, 0.99, 1];
const rand = seededRandom(3);

const lists: [string, number[]][] = [
  ['no numbers', []],
  ['one number', [203.1]],
  ['100,000 zeros (a replay\'s latencies)', Array.from({ length: 100_000 }, () => 0)],
  ['a few values, many times each', Array.from({ length: 5_000 }, (_, i) => [203.1, 0.1, 812.4, 15.5][i % 4] as number)],
  ['negative, zero and fractional numbers', [-3.25, 0, 0, 7.125, -3.25, 1e-9, 1e9, 7.125]],
  ['latencies at 0.1 ms, more distinct values than are counted', Array.from({ length: 20_000 }, () => Math.round(rand() * 30_000) / 10)],
  ['unsorted input with long runs', [5, 5, 5, 1, 1, 9, 9, 9, 9, 2]],
  ['latencies in tenths, then one that is not (kept as tenths, then as doubles)', [...Array.from({ length: 9_000 }, () => Math.round(rand() * 50_000) / 10), 1 / 3, 12.25, 7.1]],
  ['tenths with NaN, minus zero and infinities among them', [0.1, 0.2, Number.NaN, -0, 0, 5.5, Number.POSITIVE_INFINITY, 3.3, Number.NEGATIVE_INFINITY, 0.3, 2]],
  ['tenths at the edges of 32 bits', [214748364.7, -214748364.7, 0.1, 214748364.8, -0.1, 99.9]],
  ['negative tenths', Array.from({ length: 5_000 }, () => -Math.round(rand() * 10_000) / 10)],
];

describe('percentileList', () => {
  it.each(lists)('%s: the same figures as percentilesOf', (_label, values) => {
    for (const maxDistinct of [1, 3, 4096]) {
      const list = percentileList(maxDistinct);
      for (const v of values) list.push(v);
      expect(list.percentiles(QS)).toEqual(percentilesOf(values, QS));
    }
  });

  it('matches numpy.percentile (linear) on recorded-looking latencies', () => {
    // numpy.percentile([203.1,203.1,0,812.4,812.4,812.4,15.5,99999.9,203.1,0.1], [0, 50, 95, 100, 100/3])
    const list = percentileList();
    for (const v of [203.1, 203.1, 0, 812.4, 812.4, 812.4, 15.5, 99999.9, 203.1, 0.1]) list.push(v);
    const got = list.percentiles([0, 0.5, 0.95, 1, 1 / 3]);
    const want = [0, 203.1, 55365.524999999885, 99999.9, 203.09999999999982];
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i] as number, 9));
  });

  it('switches to keeping every number at maxDistinct + 1 distinct values, and keeps the figures', () => {
    const exactly = percentileList(4);
    const over = percentileList(4);
    for (const v of [4, 3, 2, 1, 4, 3]) { exactly.push(v); over.push(v); }
    over.push(0);
    expect(exactly.percentiles([0.5])).toEqual(percentilesOf([4, 3, 2, 1, 4, 3], [0.5]));
    expect(over.percentiles([0, 0.5, 1])).toEqual(percentilesOf([4, 3, 2, 1, 4, 3, 0], [0, 0.5, 1]));
  });
});
