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
  ])('%s: reads back as a typed array stores it, for every type', (_label, values) => {
    for (const [, make] of kinds) {
      const want = make(values.length);
      const col = lazyColumn(make, values.length);
      values.forEach((v, i) => { want[i] = v; col.set(i, v); });
      expect(values.map((_, i) => col.get(i))).toEqual([...want]);
    }
  });

  it('a slot written again keeps only its last value', () => {
    const col = lazyColumn((n) => new Float64Array(n), 3);
    col.set(0, 1); col.set(1, 1); col.set(0, 2); col.set(2, 1); col.set(0, 1);
    expect([col.get(0), col.get(1), col.get(2)]).toEqual([1, 1, 1]);
  });
});
