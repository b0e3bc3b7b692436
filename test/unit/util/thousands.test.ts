import { describe, expect, it } from 'vitest';
import { thousands } from '../../../src/util/thousands.js';
import { twoSignificant } from '../../../src/report/render/format.js';

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

describe('twoSignificant', () => {
  it("writes toLocaleString('en-US')'s two significant digits, for prices below a cent and around the edges", () => {
    const want = (x: number) => x.toLocaleString('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
    const xs = [0.0000027, 0.005, 0.0099999, 0.00995, 0.00994, 1e-7, 1.25e-5, 1.35e-5, 0.000015, 3e-12, 0.5, 0.95, 0.96, 0.999, 5e-324, 0, -0.004, 2, 1234, Number.NaN];
    let seed = 11;
    for (let i = 0; i < 3000; i++) { seed = (seed * 1103515245 + 12345) % 2 ** 31; xs.push((seed / 2 ** 31) * 10 ** -(1 + (i % 12))); }
    for (const x of xs) if (twoSignificant(x) !== want(x)) expect([x, twoSignificant(x)]).toEqual([x, want(x)]);
  });
});
