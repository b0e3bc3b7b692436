import { numberAt, type Numbers } from '../util/paged-numbers.js';

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/** Wilson score interval for x successes in n trials. [0, 1] when n = 0. */
export function wilson(x: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At x = 0 and x = n the bound is 0 or 1 exactly; the float formula can land 1e-16 inside it.
  return [x <= 0 ? 0 : Math.max(0, center - half), x >= n ? 1 : Math.min(1, center + half)];
}

/** Linear-interpolation percentile (type 7, as numpy's default). undefined for an empty list. */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/**
 * percentile() at several q of finite numbers, sorted once (a typed array's numeric sort: ~10x faster
 * than a comparator at 1,000,000 latencies); the same figures as percentile() for such numbers.
 */
export function percentilesOf(values: readonly number[] | Float64Array, qs: readonly number[]): (number | undefined)[] {
  return percentilesOfSorted(Float64Array.from(values).sort(), qs);
}

/** percentilesOf() of numbers already sorted ascending (a caller that owns its typed array sorts it in place: no copy). */
export function percentilesOfSorted(sorted: Float64Array, qs: readonly number[]): (number | undefined)[] {
  if (sorted.length === 0) return qs.map(() => undefined);
  return qs.map((q) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const a = sorted[lo] as number;
    const b = sorted[Math.ceil(pos)] as number;
    return a + (b - a) * (pos - lo);
  });
}

/** Mean and its standard error (sample sd, ddof 1). SE is 0 when n < 2. */
export function meanWithSe(values: Numbers): { mean: number; se: number } | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const at = numberAt(values);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += at(i);
  const mean = sum / n;
  if (n < 2) return { mean, se: 0 };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (at(i) - mean) ** 2;
  return { mean, se: Math.sqrt(squares / (n - 1) / n) };
}
