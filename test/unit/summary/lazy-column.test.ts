import { describe, expect, it } from 'vitest';
import { lazyColumn } from '../../../src/summary/lazy-column.js';

// A lazy column must read back what a typed array of its type would, whether its values all agree
// (no array yet) or not.

type Make = Parameters<typeof lazyColumn>[0];
const kinds: [string, Make][] = [
  ['Float64Array', (n) => new Float64Array(n)],
  ['Uint32Array', (n) => new Uint32Array(n)],
  ['Uint16Array', (n) => new Uint16Array(n)],
  ['Uint8Array', (n) => new Uint8Array(n)],
  ['Int8Array', (n) => new Int8Array(n)],
];

describe('lazyColumn', () => {
  it.each<[string, number[]]>([
    ['all the same', [3, 3, 3, 3]],
    ['all NaN', [Number.NaN, Number.NaN, Number.NaN]],
    ['differs at the end', [1, 1, 1, 2]],
    ['differs at once', [0, 1, 0, 1]],
    ['NaN then a number', [Number.NaN, Number.NaN, 5]],
    ['negative, fractional and too large for small types', [-1, -1, 1.5, 70000, 300]],
    ['zero and minus zero', [0, -0, 0]],
    ['small whole numbers, then NaN, then a fraction', [0, 1, 1, Number.NaN, 0, 0.5, 1]],
    ['small whole numbers up to the byte limits, then beyond', [1, -127, 127, -128, 128, 3]],
    ['small whole numbers, then minus zero', [1, 0, -0, 0]],
    ['NaN and small numbers only', [Number.NaN, 1, Number.NaN, 0]],
    ['latencies in tenths of a millisecond', [412.3, 0.1, 0, 9876.5, 412.3, Number.NaN, 214748364.7]],
    ['small whole numbers, then tenths, then a double', [0, 1, 12.5, 3, Number.NaN, 0.30000000000000004, 7.1]],
    ['tenths, then minus zero', [1.5, 0, -0, 2.5]],
    ['negative tenths and the 32-bit edges', [-0.1, -214748364.7, 214748364.7, 214748364.8, -214748364.8, 5]],
    ['tenths, then infinities', [0.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5]],
    ['token counts past a byte, then a fraction', [12, 4096, 70000, 1e9, 0.25]],
    ['a constant tenth, then a whole number beyond 32 bits', [2.2, 2.2, 2 ** 40]],
    ['hundredths are not tenths', [0.01, 0.02, 1.05]],
  ])('%s: reads back as a typed array stores it, for every type', (_label, values) => {
    for (const [, make] of kinds) {
      const want = make(values.length);
      const col = lazyColumn(make, values.length);
      values.forEach((v, i) => { want[i] = v; col.set(i, v); });
      expect(values.map((_, i) => col.get(i))).toEqual([...want]);
    }
  });

  it('reads back exactly the latencies a run writes (rounded to 0.1 ms), 20,000 of them, in any mix', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 997 === 0 ? Number.NaN : Math.round(rand() * 6e5 * 10) / 10));
    const col = lazyColumn((n) => new Float64Array(n), values.length);
    values.forEach((v, i) => col.set(i, v));
    expect(values.every((v, i) => Object.is(col.get(i), v))).toBe(true);
    col.set(5, 1 / 3); // a value that is not tenths: every slot still reads back
    expect(values.every((v, i) => i === 5 || Object.is(col.get(i), v))).toBe(true);
    expect(col.get(5)).toBe(1 / 3);
  });

  it('a slot written again keeps only its last value', () => {
    const col = lazyColumn((n) => new Float64Array(n), 3);
    col.set(0, 1); col.set(1, 1); col.set(0, 2); col.set(2, 1); col.set(0, 1);
    expect([col.get(0), col.get(1), col.get(2)]).toEqual([1, 1, 1]);
  });
});
