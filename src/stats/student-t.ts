import { betaContinuedFraction, logBeta } from './special-functions.js';

// Student's t with ν > 0 degrees of freedom, through the regularised incomplete beta:
// P(T ≥ x) = ½ I_w(ν/2, ½) with w = ν/(ν + x²) for x ≥ 0 (A&S 26.7.1). The quantile inverts it by
// Newton's method on ln P(T ≥ x), kept inside a bracket and falling back to bisection.

/** P(T ≥ x) for x ≥ 0. */
export function tUpperTail(x: number, df: number): number {
  const a = df / 2;
  const r = df / x / x; // ν/x², written so that neither x² overflows nor r/… loses the tail
  const w = 1 / (1 + 1 / r);
  const y = 1 / (1 + r);
  const lw = -Math.log1p(1 / r);
  const ly = -Math.log1p(r);
  const front = Math.exp(a * lw + 0.5 * ly - logBeta(a, 0.5)); // w^a y^½ / B(ν/2, ½)
  const viaComplement = (): number => 0.5 * (1 - 2 * front * betaContinuedFraction(y, 0.5, a, w));
  if (w >= (a + 1) / (a + 2.5)) return viaComplement();
  // With many degrees of freedom the direct fraction, at w near 1, loses ~1e-11 (df = 1e6): while the
  // complement keeps three digits of the tail (x ≤ 3, i.e. ν/2 · y ≈ x²/2 ≤ 4.5), it is the more accurate one.
  if (df > 1000 && a * y <= 4.5) return viaComplement();
  return ((0.5 * front) / a) * betaContinuedFraction(w, a, 0.5, y);
}

/** The density of t at x. */
export function tDensity(x: number, df: number): number {
  const u = Math.abs(x) / Math.sqrt(df);
  const logKernel = u < 1e150 ? Math.log1p(u * u) : 2 * Math.log(u);
  return Math.exp(-((df + 1) / 2) * logKernel - logBeta(df / 2, 0.5)) / Math.sqrt(df);
}

/** A point x > 0 with P(T ≥ x) ≤ q: the power-law tail bound P(T ≥ x) ≤ ν^(ν/2 − 1) x^(−ν) / B(ν/2, ½). */
function tailBound(q: number, df: number): number {
  const x = Math.exp(-(Math.log(q) + Math.log(df) + logBeta(df / 2, 0.5) - (df / 2) * Math.log(df)) / df);
  return Number.isFinite(x) && x > 0 ? x : 1;
}

/** The x > 0 with P(T ≥ x) = q, for 0 < q < ½, to a few ulps. */
export function tUpperQuantile(q: number, df: number, normalGuess: number): number {
  const logQ = Math.log(q);
  const gap = (x: number): number => Math.log(tUpperTail(x, df)) - logQ; // decreasing in x
  let lo = 0;
  let hi = Math.max(tailBound(q, df), normalGuess);
  while (gap(hi) > 0) hi *= 2;
  let x = Math.max(normalGuess, Number.MIN_VALUE);
  if (!(x < hi) || gap(x) < 0) x = hi;
  for (let i = 0; i < 400; i++) {
    const g = gap(x);
    if (g === 0) return x;
    if (g > 0) lo = x;
    else hi = x;
    let next = x + (g * tUpperTail(x, df)) / tDensity(x, df);
    if (!(next > lo && next < hi)) next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
    if (Math.abs(next - x) <= 2e-16 * x || hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  return x;
}
