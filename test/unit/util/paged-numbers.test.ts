import { describe, expect, it } from 'vitest';
import { numberAt, pagedNumbers, pagedOffsets } from '../../../src/util/paged-numbers.js';

// Each column must hand back exactly the numbers appended, in order, across its pages.

const value = (i: number) => (i % 3 === 0 ? i * 1_000_003.25 : i % 3 === 1 ? 2 ** 40 + i : i / 7);

describe('pagedNumbers', () => {
  it.each([0, 1, 4095, 4096, 4097, 8192, 10_001])('%i numbers read back by position, across page boundaries', (n) => {
    const col = pagedNumbers((size) => new Float64Array(size));
    for (let i = 0; i < n; i++) col.push(value(i));
    expect(col.length).toBe(n);
    const back = Array.from({ length: n }, (_, i) => col.get(i));
    expect(back).toEqual(Array.from({ length: n }, (_, i) => value(i)));
  });

  it.each([-1, 3, 3.5, Number.NaN, 4096])('position %d outside the numbers (3 of them): undefined', (i) => {
    const col = pagedNumbers((size) => new Uint32Array(size));
    for (const v of [7, 8, 9]) col.push(v);
    expect(col.get(i)).toBeUndefined();
  });

  it('keeps the type of its pages: a Uint32 column wraps as a Uint32Array does', () => {
    const col = pagedNumbers((size) => new Uint32Array(size));
    col.push(0xffffffff);
    col.push(2 ** 32 + 5);
    expect([col.get(0), col.get(1)]).toEqual([0xffffffff, 5]);
  });
});

describe('pagedOffsets', () => {
  // Each list is pushed whole and must read back exactly, whatever mix of narrow and widened pages it took.
  const cases: readonly (readonly [string, 16 | 32, (i: number) => number, number])[] = [
    ['byte offsets of ~80-byte records', 32, (i) => i * 83 + (i % 7), 10_000],
    ['offsets past 4 GiB (a page base above 2^32)', 32, (i) => 2 ** 33 + i * 1_000_003, 9_000],
    ['a jump of more than 2^32 inside a page', 32, (i) => (i < 5000 ? i : 2 ** 32 + 10 + i), 9_000],
    ['near 2^53', 32, (i) => 2 ** 53 - 20_000 + i, 10_000],
    ['going down inside a page', 32, (i) => (i === 100 ? 3 : 1000 + i), 5_000],
    ['not whole numbers', 32, (i) => i / 3, 5_000],
    ['lines of one-line records', 16, (i) => i + 1, 10_000],
    ['lines with a run of 70,000 blank lines inside a page', 16, (i) => (i < 2000 ? i + 1 : i + 70_001), 10_000],
    ['every page widened: lines 100,000 apart', 16, (i) => i * 100_000, 9_000],
  ];
  it.each(cases)('%s (%i-bit offsets)', (_name, bits, value, n) => {
    const col = pagedOffsets(bits);
    for (let i = 0; i < n; i++) col.push(value(i));
    expect(col.length).toBe(n);
    for (let i = 0; i < n; i++) if (col.get(i) !== value(i)) expect([i, col.get(i)]).toEqual([i, value(i)]);
    expect([col.get(-1), col.get(n), col.get(1.5)]).toEqual([undefined, undefined, undefined]);
  });

  const strided: readonly (readonly [string, 16 | 32, (i: number) => number, number, number])[] = [
    ...cases.map(([name, bits, value, n]) => [`${name}, stride 1`, bits, value, n, 1] as const),
    ['lines with one blank line in the middle of a page, stride 1', 16, (i) => (i < 5000 ? i + 1 : i + 2), 10_000, 1],
    ['a break at the second number of a page, stride 1', 16, (i) => (i % 4096 === 1 ? i + 5 : i + 1), 9_000, 1],
    ['the first number of a page below the run before it, stride 1', 16, (i) => (i === 4096 ? 7 : i + 1), 9_000, 1],
    ['lines of two-line records, stride 2', 16, (i) => 2 * i + 2, 10_000, 2],
    ['a stride too wide for 16 bits, then a break', 16, (i) => (i === 3000 ? 5 : 1000 + i * 40), 5_000, 40],
    ['a fractional stride, then a break', 32, (i) => (i === 3000 ? 1 : i * 0.5), 5_000, 0.5],
  ];
  it.each(strided)('%s (%i-bit offsets)', (_name, bits, value, n, stride) => {
    const col = pagedOffsets(bits, stride);
    for (let i = 0; i < n; i++) col.push(value(i));
    expect(col.length).toBe(n);
    for (let i = 0; i < n; i++) if (col.get(i) !== value(i)) expect([i, col.get(i)]).toEqual([i, value(i)]);
    expect([col.get(-1), col.get(n), col.get(1.5)]).toEqual([undefined, undefined, undefined]);
  });
});

describe('numberAt', () => {
  it.each([
    ['an array', [3, 1.5, -2]],
    ['a Float64Array', Float64Array.of(3, 1.5, -2)],
  ])('reads %s by position', (_name, list) => {
    const at = numberAt(list);
    expect([at(0), at(1), at(2)]).toEqual([3, 1.5, -2]);
  });

  it('reads a column by position', () => {
    const col = pagedNumbers((size) => new Float64Array(size));
    for (const v of [3, 1.5, -2]) col.push(v);
    const at = numberAt(col);
    expect([at(0), at(1), at(2)]).toEqual([3, 1.5, -2]);
  });
});
