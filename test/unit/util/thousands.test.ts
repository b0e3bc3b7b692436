import { describe, expect, it } from 'vitest';
import { thousands } from '../../../src/util/thousands.js';

// The text must be toLocaleString('en-US')'s, for every number.

describe('thousands', () => {
  it.each([
    0, 1, 12, 123, 1234, 12345, 123456, 1234567, 1000, 999_999, 1_000_000, 65_536, 100_000, 20_000_000,
    -1, -999, -1000, -1234567, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
    -0, 0.5, 1234.5678, -1234.0005, 1e21, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-7,
  ])('%d', (x) => {
    expect(thousands(x)).toBe(x.toLocaleString('en-US'));
  });

  it('every whole number in a range, and around each power of ten', () => {
    for (let x = -2100; x <= 2100; x++) if (thousands(x) !== x.toLocaleString('en-US')) expect([x, thousands(x)]).toEqual([x, x.toLocaleString('en-US')]);
    for (let p = 1; p < 1e16; p *= 10) for (const x of [p - 1, p, p + 1, -p]) expect(thousands(x)).toBe(x.toLocaleString('en-US'));
  });
});
