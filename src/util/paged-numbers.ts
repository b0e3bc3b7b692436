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
export function pagedNumbers(make: (n: number) => Float64Array | Uint32Array | Int32Array): NumberColumn & { push(v: number): void } {
  const pages: (Float64Array | Uint32Array | Int32Array)[] = [];
  let n = 0;
  return {
    get length() { return n; },
    push(v) {
      const p = n >>> PAGE_BITS;
      if (p === pages.length) pages.push(make(PAGE));
      (pages[p] as Float64Array | Uint32Array | Int32Array)[n & MASK] = v;
      n += 1;
    },
    get(i) {
      if (!(i >= 0 && i < n)) return undefined;
      return pages[i >>> PAGE_BITS]?.[i & MASK];
    },
  };
}

/**
 * A column for numbers that grow slowly within a page, such as byte offsets and line numbers of
 * consecutive records: each page keeps its first number and the others as whole-number offsets from it
 * in `bits` bits (a Uint16Array or Uint32Array page), so a byte offset costs 4 bytes, not 8. A page
 * that meets a number that does not fit (smaller than the page's first, not whole, or too far above
 * it) is turned into a Float64Array page of the numbers themselves: every number reads back exactly.
 * With `stride`, a page whose numbers so far all step by exactly that much (the lines of a JSONL
 * file's records, one a line: stride 1) keeps no array at all until one does not.
 */
export function pagedOffsets(bits: 16 | 32, stride?: number): NumberColumn & { push(v: number): void } {
  const limit = 2 ** bits;
  // A page is null while it is a run from its base by `stride`.
  const pages: (Uint16Array | Uint32Array | Float64Array | null)[] = [];
  const bases: number[] = [];
  let n = 0;
  return {
    get length() { return n; },
    push(v) {
      const p = n >>> PAGE_BITS;
      const j = n & MASK;
      n += 1;
      if (p === pages.length) {
        pages.push(stride === undefined ? (bits === 16 ? new Uint16Array(PAGE) : new Uint32Array(PAGE)) : null);
        bases.push(v);
        return;
      }
      const base = bases[p] as number;
      let page = pages[p] as Uint16Array | Uint32Array | Float64Array | null;
      if (page === null) {
        const step = stride as number;
        if (v === base + j * step) return;
        // The run so far, as offsets when they fit, else as the numbers themselves.
        const fits = Number.isInteger(step) && step >= 0 && (j - 1) * step < limit;
        page = fits ? (bits === 16 ? new Uint16Array(PAGE) : new Uint32Array(PAGE)) : new Float64Array(PAGE);
        for (let k = 0; k < j; k++) page[k] = fits ? k * step : base + k * step;
        if (!fits) bases[p] = 0;
        pages[p] = page;
      }
      const offset = v - (bases[p] as number);
      if (!(page instanceof Float64Array) && !(Number.isInteger(offset) && offset >= 0 && offset < limit)) {
        const wide = new Float64Array(PAGE);
        for (let k = 0; k < j; k++) wide[k] = (bases[p] as number) + (page[k] as number);
        pages[p] = page = wide;
        bases[p] = 0;
      }
      page[j] = page instanceof Float64Array ? v : offset;
    },
    get(i) {
      if (!(Number.isInteger(i) && i >= 0 && i < n)) return undefined;
      const p = i >>> PAGE_BITS;
      const page = pages[p];
      return (bases[p] as number) + (page === null ? (i & MASK) * (stride as number) : page?.[i & MASK] as number);
    },
  };
}
