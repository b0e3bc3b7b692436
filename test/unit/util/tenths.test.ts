import { describe, expect, it } from 'vitest';
import { wholeTenths } from '../../../src/util/tenths.js';

// k must be given exactly when k/10 is the very number, and never otherwise.

describe('wholeTenths', () => {
  it.each<[number, number | undefined]>([
    [0, 0], [0.1, 1], [412.3, 4123], [9876.5, 98765], [-0.1, -1], [7, 70], [0.30000000000000004, undefined],
    [-0, undefined], [Number.NaN, undefined], [Number.POSITIVE_INFINITY, undefined], [Number.NEGATIVE_INFINITY, undefined],
    [0.05, undefined], [1 / 3, undefined], [214748364.7, 2147483647], [-214748364.7, -2147483647],
    [214748364.8, undefined], [-214748364.8, undefined], [1e300, undefined], [5e-324, undefined],
  ])('%d → %s', (v, k) => {
    expect(wholeTenths(v)).toBe(k);
    if (k !== undefined) expect(Object.is(k / 10, v)).toBe(true);
  });

  it('every latency a run records (Math.round(ms * 10) / 10) is one, up to 59 hours', () => {
    for (let i = 0; i < 200_000; i++) {
      const v = Math.round(i * 10.7) / 10;
      const k = wholeTenths(v);
      if (k === undefined || k / 10 !== v) expect([v, k]).toEqual([v, Math.round(v * 10)]);
    }
  });
});
