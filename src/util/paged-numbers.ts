/** Numbers appended one by one and read by position. */
export interface NumberColumn {
  readonly length: number;
  /** The number at position i (undefined outside 0..length-1). */
  get(i: number): number | undefined;
}

/** Numbers read by position: an array, a typed array or a column. */
export type Numbers = ArrayLike<number> | NumberColumn;

/** Reads `values` by position (0..length-1), whichever kind of list it is. */
export function numberAt(values: Numbers): (i: number) => number {
  if ('get' in values && typeof values.get === 'function') return (i) => values.get(i) as number;
  const list = values as ArrayLike<number>;
  return (i) => list[i] as number;
}

/** Numbers a page holds: a page is made when the first number that needs it arrives. */
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

/**
 * A column of numbers in typed-array pages of 4,096 slots. It grows without copying what it holds, so
 * appending a million numbers never has the old and the new array alive at once (a doubling array's
 * peak is 2.5 times its contents), and it holds at most one page more than its numbers.
 */
export function pagedNumbers(make: (n: number) => Float64Array | Uint32Array): NumberColumn & { push(v: number): void } {
  const pages: (Float64Array | Uint32Array)[] = [];
  let n = 0;
  return {
    get length() { return n; },
    push(v) {
      const p = n >>> PAGE_BITS;
      if (p === pages.length) pages.push(make(PAGE));
      (pages[p] as Float64Array | Uint32Array)[n & MASK] = v;
      n += 1;
    },
    get(i) {
      if (!(i >= 0 && i < n)) return undefined;
      return pages[i >>> PAGE_BITS]?.[i & MASK];
    },
  };
}
