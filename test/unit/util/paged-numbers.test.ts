import { describe, expect, it } from 'vitest';
import { pagedNumbers } from '../../../src/util/paged-numbers.js';
import { growable } from '../../../src/util/growable.js';

// Both lists must hand back exactly the numbers appended, in order, across their growth steps.

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

describe('growable', () => {
  it.each([0, 1, 256, 257, 1000, 100_000])('%i numbers: done() is exactly them, in order', (n) => {
    const list = growable((size) => new Float64Array(size));
    for (let i = 0; i < n; i++) list.push(value(i));
    expect(list.length).toBe(n);
    expect(Array.from(list.done())).toEqual(Array.from({ length: n }, (_, i) => value(i)));
  });
});
