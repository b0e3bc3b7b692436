// Sample moments shared by the comparison statistics. Callers handle n = 0 and n = 1 first.

export const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

/** Sample variance with ddof 1 (n ≥ 2). */
export function sampleVariance(xs: readonly number[]): number {
  if (isConstant(xs)) return 0; // exactly 0, where the float mean of e.g. [0.1, 0.1, 0.1] leaves ~1e-34
  const m = mean(xs);
  return xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1);
}

/** Pearson correlation of two equal-length series; null when n < 2 or either has zero variance. */
export function correlation(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n < 2 || isConstant(a) || isConstant(b)) return null;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** True when every value is exactly 0 or 1. */
export const isBinary = (xs: readonly number[]): boolean => xs.every((v) => v === 0 || v === 1);

/** True when all values are identical (vacuously for n = 0). */
export const isConstant = (xs: readonly number[]): boolean => xs.every((v) => v === xs[0]);
