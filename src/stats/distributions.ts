import binomCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomPmf from '@stdlib/stats-base-dists-binomial-pmf';
import normCdf from '@stdlib/stats-base-dists-normal-cdf';
import normQuantile from '@stdlib/stats-base-dists-normal-quantile';
import studentCdf from '@stdlib/stats-base-dists-t-cdf';
import studentQuantile from '@stdlib/stats-base-dists-t-quantile';

// The distributions the statistics need, wrapped from stdlib's modular packages (pure JS, typed,
// ported from Boost/Cephes). Nothing here is hand-written numerics: project rule.

/** Φ⁻¹(p) of the standard normal. NaN outside [0, 1]. */
export const normalQuantile = (p: number): number => normQuantile(p, 0, 1);

/** Φ(x) of the standard normal. Accurate in the lower tail (erfc), so use Φ(−x) for upper tails. */
export const normalCdf = (x: number): number => normCdf(x, 0, 1);

/** Quantile of Student's t with df degrees of freedom (df > 0; NaN otherwise). */
export const tQuantile = (p: number, df: number): number => studentQuantile(p, df);

/** CDF of Student's t with df degrees of freedom (df > 0; NaN otherwise). */
export const tCdf = (x: number, df: number): number => studentCdf(x, df);

/** P(X ≤ k) for X ~ Binomial(n, p), via the regularised incomplete beta: stable for n in the thousands. */
export const binomialCdf = (k: number, n: number, p: number): number => binomCdf(k, n, p);

/** P(X = k) for X ~ Binomial(n, p), computed in log space. */
export const binomialPmf = (k: number, n: number, p: number): number => binomPmf(k, n, p);

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** Two-sided critical z for a confidence level: Φ⁻¹(1 − (1 − level)/2); 1.959963984540054 at 0.95. */
export function zCritical(level: number): number {
  checkLevel(level);
  return normalQuantile(1 - (1 - level) / 2);
}

/** Two-sided critical t for a confidence level and df > 0. */
export function tCritical(level: number, df: number): number {
  checkLevel(level);
  if (!(df > 0)) throw new RangeError(`t distribution needs df > 0, got ${df}`);
  return tQuantile(1 - (1 - level) / 2, df);
}

/** Upper-tail p of a χ² statistic with 1 df: P(χ²₁ ≥ x) = 2·Φ(−√x), exact for 1 df and accurate in the tail. */
export const chiSquare1Sf = (x: number): number => 2 * normalCdf(-Math.sqrt(x));
