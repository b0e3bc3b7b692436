import { pagedNumbers } from '../util/paged-numbers.js';
import { percentilesOfSorted } from './intervals.js';
import { wholeTenths } from '../util/tenths.js';

/** Distinct values counted before the list keeps every number instead. */
const MAX_DISTINCT = 4096;

/**
 * Numbers kept for their percentiles (type 7, as percentilesOf): as a count of each distinct value
 * while there are few of them (a replay's or a cached rerun's latencies are all 0; an API's, rounded
 * to 0.1 ms, a few thousand), and in pages of every number once there are more, copied once into a
 * sorted typed array when the percentiles are asked for (a list grown by copying would leave each
 * size it passed through to the garbage collector). Pages and copy hold whole tenths in 4 bytes
 * while every number is one (latencies are: util/tenths.ts), else doubles. The figures are the same
 * either way: a percentile only reads the numbers at two ranks of the sorted list.
 */
export function percentileList(maxDistinct = MAX_DISTINCT) {
  let counts: Map<number, number> | undefined = new Map();
  // Past maxDistinct: every number, as whole tenths (4 bytes) while they all are, else as doubles.
  let tenths: ReturnType<typeof pagedNumbers> | undefined;
  let all: ReturnType<typeof pagedNumbers> | undefined;
  const toDoubles = (from: ReturnType<typeof pagedNumbers>) => {
    const list = pagedNumbers((n) => new Float64Array(n));
    for (let i = 0; i < from.length; i++) list.push((from.get(i) as number) / 10);
    return list;
  };
  return {
    push(v: number): void {
      if (tenths !== undefined) {
        const k = wholeTenths(v);
        if (k !== undefined) {
          tenths.push(k);
          return;
        }
        all = toDoubles(tenths);
        tenths = undefined;
      }
      if (counts === undefined) {
        all?.push(v);
        return;
      }
      counts.set(v, (counts.get(v) ?? 0) + 1);
      if (counts.size <= maxDistinct) return;
      const everyTenths = [...counts.keys()].every((x) => wholeTenths(x) !== undefined);
      const list = everyTenths ? pagedNumbers((n) => new Int32Array(n)) : pagedNumbers((n) => new Float64Array(n));
      for (const [value, n] of counts) for (let i = 0; i < n; i++) list.push(everyTenths ? wholeTenths(value) as number : value);
      if (everyTenths) tenths = list;
      else all = list;
      counts = undefined;
    },
    percentiles(qs: readonly number[]): (number | undefined)[] {
      if (tenths !== undefined) {
        // k sorts as k/10 does, and k/10 is the very number pushed: the same percentiles as the doubles give.
        const sorted = new Int32Array(tenths.length);
        for (let i = 0; i < sorted.length; i++) sorted[i] = tenths.get(i) as number;
        sorted.sort();
        return interpolate(sorted.length, (r) => (sorted[r] as number) / 10, qs);
      }
      if (counts === undefined) {
        const sorted = new Float64Array(all?.length ?? 0);
        for (let i = 0; i < sorted.length; i++) sorted[i] = all?.get(i) as number;
        return percentilesOfSorted(sorted.sort(), qs);
      }
      const values = Float64Array.from(counts.keys()).sort();
      const upTo = new Float64Array(values.length); // how many numbers are <= values[i]
      let total = 0;
      for (let i = 0; i < values.length; i++) {
        total += counts.get(values[i] as number) ?? 0;
        upTo[i] = total;
      }
      /** The number at rank r (0-based) of the sorted list. */
      const at = (r: number): number => {
        let lo = 0;
        let hi = values.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((upTo[mid] as number) > r) hi = mid;
          else lo = mid + 1;
        }
        return values[lo] as number;
      };
      return interpolate(total, at, qs);
    },
  };
}

/** Type-7 percentiles of n sorted numbers read by rank, as percentilesOfSorted computes them. */
function interpolate(n: number, at: (rank: number) => number, qs: readonly number[]): (number | undefined)[] {
  if (n === 0) return qs.map(() => undefined);
  return qs.map((q) => {
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const a = at(lo);
    const b = at(Math.ceil(pos));
    return a + (b - a) * (pos - lo);
  });
}
