import { describe, expect, it } from 'vitest';
import { int, ms, pct, twoSignificant, usd } from '../../../src/report/render/format.js';

describe('pct', () => {
  it.each([
    [0.8, undefined, '80.0%'],
    [0.123456, undefined, '12.3%'],
    [0, undefined, '0.0%'],
    [1, undefined, '100.0%'],
    [0.25, 0, '25%'],
    [0.666667, 2, '66.67%'],
    [null, undefined, '—'],
  ])('pct(%s, %s) → %s', (x, digits, expected) => {
    expect(pct(x, digits)).toBe(expected);
  });
});

describe('usd: unknown is never $0, tiny costs keep two significant digits in plain decimals', () => {
  it.each([
    [null, 'unknown'],
    [0, '$0'],
    [1.25, '$1.250'],
    [0.25, '$0.250'],
    [12.5, '$12.50'],
    [1234.5, '$1234.50'],
    // below one cent: two significant digits
    [0.0042, '$0.0042'],
    [0.006, '$0.0060'],
    [0.0000123, '$0.000012'],
    // one Haiku 5.5 input token ($0.10/MTok) = $0.0000001: a plain decimal, not "$1.0e-7" and not "$0"
    [1e-7, '$0.00000010'],
    // 1 in + 1 out on Haiku 5.5 = 0.1e-6 + 0.5e-6 = 6e-7
    [6e-7, '$0.00000060'],
    [1e-12, '$0.0000000000010'],
  ])('usd(%s) → %s', (x, expected) => {
    expect(usd(x)).toBe(expected);
  });
});

describe('ms', () => {
  it.each([
    [null, '—'],
    [0, '0 ms'],
    [640.4, '640 ms'],
    [9_999, '9999 ms'],
    [10_000, '10.0 s'],
    [12_345, '12.3 s'],
  ])('ms(%s) → %s', (x, expected) => {
    expect(ms(x)).toBe(expected);
  });
});

describe('int', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1_234_567, '1,234,567'],
  ])('int(%i) → %s', (x, expected) => {
    expect(int(x)).toBe(expected);
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
