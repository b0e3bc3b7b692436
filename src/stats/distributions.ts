import { betaContinuedFraction, binomialTerm } from './special-functions.js';
import { tUpperQuantile, tUpperTail } from './student-t.js';

// The distributions the statistics need, written here (no numerics dependency) and checked against
// scipy to a relative 1e-10 from the far tails to the centre (test/unit/stats/distributions-scipy.test.ts).
//   - Φ: the series Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/(3·5) + …) (A&S 26.2.10) on [−1, 2.5), and
//     Laplace's continued fraction for the Mills ratio (A&S 26.2.14) outside, by the modified Lentz
//     algorithm; e^(−x²/2) is split as in Cody's ANORM so the tail keeps its relative accuracy.
//   - Φ⁻¹: Newton's method from A&S 26.2.23, on Φ(x) − ½ in the centre and on ln Φ(x) in the tails.
//   - t: the regularised incomplete beta (src/stats/student-t.ts); binomial: Loader's saddle-point
//     term and the same incomplete beta (src/stats/special-functions.ts), or, for p = ½ and n ≤ 50,
//     exact sums of binomial coefficients.

const SQRT_2PI = 2.5066282746310002;
const LN_SQRT_2PI = 0.9189385332046728; // ½ ln 2π
const EPS = Number.EPSILON;
// Below −1 (Φ < 0.16) Φ is taken from the Mills ratio, so that ½ + (Φ − ½) never cancels more than two bits.
const CENTRAL_BELOW = 1;

/** φ(x), with x² split into an exact (x rounded to 1/16)² and a small rest. */
function normalDensity(x: number): number {
  const head = Math.round(x * 16) / 16;
  return (Math.exp((-head * head) / 2) * Math.exp((-(x - head) * (x + head)) / 2)) / SQRT_2PI;
}

/** Φ(x) − ½ = φ(x) Σ x^(2k+1)/(1·3·…·(2k+1)), all terms of one sign: for −1 ≤ x < 2.5. */
function normalCentral(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= x2 / (2 * k + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return normalDensity(x) * sum;
}

/** The Mills ratio R(x) = (1 − Φ(x))/φ(x) = 1/(x + 1/(x + 2/(x + 3/(x + …)))) for x ≥ 1 (modified Lentz; ~400 terms at 1, ~100 at 2). */
function millsRatio(x: number): number {
  const tiny = 1e-300;
  let f = tiny;
  let c = f;
  let d = 0;
  for (let j = 1; j < 5000; j++) {
    const a = j === 1 ? 1 : j - 1;
    d = x + a * d;
    d = 1 / (d === 0 ? tiny : d);
    c = x + a / c;
    if (c === 0) c = tiny;
    const step = c * d;
    f *= step;
    if (Math.abs(step - 1) <= EPS) break;
  }
  return f;
}

const normalUpperTail = (x: number): number => normalDensity(x) * millsRatio(x);

/** Φ(x) of the standard normal, to a relative 1e-15 in both tails (so Φ(−x) for upper tails too). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < -CENTRAL_BELOW) return normalUpperTail(-x);
  return x < 2.5 ? 0.5 + normalCentral(x) : 1 - normalUpperTail(x);
}

/** The x < 0 with Φ(x) = p, for 0 < p < ½. */
function lowerNormalQuantile(p: number): number {
  if (p >= 0.25) {
    // Φ(x) − ½ is convex and increasing on x < 0 and x₀ = (p − ½)√(2π) lies right of the root: Newton
    // descends monotonically. p − ½ is exact here.
    const target = p - 0.5;
    let x = target * SQRT_2PI;
    for (let i = 0; i < 50; i++) {
      const step = (normalCentral(x) - target) / normalDensity(x);
      x -= step;
      if (!(Math.abs(step) > 2 * EPS * Math.abs(x))) break;
    }
    return x;
  }
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  const logP = Math.log(p);
  for (let i = 0; i < 50; i++) {
    // ln Φ(x) and Φ(x)/φ(x), in logarithms in the tail so that p down to the subnormals is reached.
    const tail = x < -CENTRAL_BELOW;
    const ratio = tail ? millsRatio(-x) : normalCdf(x) / normalDensity(x);
    const logCdf = tail ? (-x * x) / 2 - LN_SQRT_2PI + Math.log(ratio) : Math.log(normalCdf(x));
    const step = (logCdf - logP) * ratio;
    x -= step;
    if (!(Math.abs(step) > 2 * EPS * Math.abs(x))) break;
  }
  return x;
}

/** Φ⁻¹(p) of the standard normal. NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p < 0.5 ? lowerNormalQuantile(p) : -lowerNormalQuantile(1 - p);
}

/** Quantile of Student's t with df degrees of freedom (df > 0; NaN otherwise). */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  const x = tUpperQuantile(q, df, -lowerNormalQuantile(q));
  return p < 0.5 ? -x : x;
}

/** CDF of Student's t with df degrees of freedom (df > 0; NaN otherwise). */
export function tCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x === 0) return 0.5;
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const tail = tUpperTail(Math.abs(x), df);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Σ_{i ≤ k} C(n, i) · 2⁻ⁿ, exactly: for p = ½ and n ≤ 50 every C(n, i) and their sum are integers below
 * 2⁵³, so McNemar's small-sample p-values come out as the dyadic fractions they are.
 */
function halfBinomialExact(k: number, n: number, cumulative: boolean): number {
  let coefficient = 1;
  let sum = 1;
  for (let i = 0; i < k; i++) {
    coefficient = (coefficient * (n - i)) / (i + 1);
    sum += coefficient;
  }
  return (cumulative ? sum : coefficient) * 2 ** -n;
}

const HALF_EXACT_UP_TO = 50;

const binomialInvalid = (n: number, p: number): boolean => !(Number.isInteger(n) && n >= 0 && p >= 0 && p <= 1);

/**
 * P(X ≤ k) for X ~ Binomial(n, p), via the regularised incomplete beta: P(X ≤ k) = I_{1−p}(n − k, k + 1),
 * whose prefactor is exactly p·P(X = k) (and that of the complement, P(X ≥ k + 1), is (1 − p)·P(X = k + 1)).
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (Number.isNaN(k) || binomialInvalid(n, p)) return Number.NaN;
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  const q = 1 - p;
  if (p === 0) return 1;
  if (q === 0) return 0;
  if (j === 0) return binomialTerm(0, n, p, q);
  if (p === 0.5 && n <= HALF_EXACT_UP_TO) return halfBinomialExact(j, n, true);
  if (q < (n - j + 1) / (n + 3)) return p * binomialTerm(j, n, p, q) * betaContinuedFraction(q, n - j, j + 1, p);
  return 1 - q * binomialTerm(j + 1, n, p, q) * betaContinuedFraction(p, j + 1, n - j, q);
}

/** P(X = k) for X ~ Binomial(n, p), by Loader's saddle-point method (relative error ~1e-15). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (Number.isNaN(k) || binomialInvalid(n, p)) return Number.NaN;
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0.5 && n <= HALF_EXACT_UP_TO) return halfBinomialExact(k, n, false);
  return binomialTerm(k, n, p, 1 - p);
}

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
