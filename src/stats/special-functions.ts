// Special functions behind src/stats/distributions.ts, each accurate to a few ulps in relative
// (or, for logarithms, absolute) terms over the arguments the distributions give it.
//   - ln Γ by the Stirling series with the error term δ(z) = ln Γ(z) − [(z − ½)ln z − z + ½ ln 2π]
//     summed to z⁻¹⁵ for z ≥ 10 (error < 1e-17), and the recurrence Γ(z + 1) = zΓ(z) below.
//   - ln B(a, b) from δ, arranged so that no two large terms cancel (as in Loader 2000 and
//     DiDonato & Morris 1992, TOMS 708).
//   - The binomial term with Loader's saddle-point deviance bd0 (C. Loader, "Fast and accurate
//     computation of binomial probabilities", 2000), the method of R's dbinom and scipy's.
//   - The continued fraction of the regularised incomplete beta (Abramowitz & Stegun 26.5.8),
//     evaluated by the modified Lentz algorithm (Thompson & Barnett 1986).

const LN_SQRT_2PI = 0.9189385332046728; // ½ ln 2π
const TINY = 1e-300;

// Coefficients of δ(z) = Σ B₂ₖ / (2k(2k − 1) z²ᵏ⁻¹), k = 1…8.
const STIRLING = [
  1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400,
];

function stirlingSeries(z: number): number {
  const z2 = 1 / (z * z);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * z2 + STIRLING[k]!;
  return sum / z;
}

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (z >= 10) return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlingSeries(z);
  let product = 1;
  let shifted = z;
  while (shifted < 10) product *= shifted++;
  return logGamma(shifted) - Math.log(product);
}

/** δ(z) = ln Γ(z) − [(z − ½)ln z − z + ½ ln 2π], Stirling's error term, for z > 0. */
export function stirlingError(z: number): number {
  if (z >= 10) return stirlingSeries(z);
  return logGamma(z) - (z - 0.5) * Math.log(z) + z - LN_SQRT_2PI;
}

/** ln Γ(a + b) − ln Γ(a) for a ≥ 10, b > 0, without cancelling the two large logarithms. */
function logGammaRatio(a: number, b: number): number {
  return (a - 0.5) * Math.log1p(b / a) + b * Math.log(a + b) - b + stirlingError(a + b) - stirlingError(a);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0. */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  if (small < 10) return logGamma(small) - logGammaRatio(big, small);
  const sum = a + b;
  return LN_SQRT_2PI - (a - 0.5) * Math.log1p(b / a) - (b - 0.5) * Math.log1p(a / b) - 0.5 * Math.log(sum)
    + stirlingError(a) + stirlingError(b) - stirlingError(sum);
}

/** Loader's deviance term bd0(x, m) = x ln(x/m) + m − x, by its series when x is near m. */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) >= 0.1 * (x + m)) return x * Math.log(x / m) + m - x;
  let v = (x - m) / (x + m);
  let sum = (x - m) * v;
  let term = 2 * x * v;
  v *= v;
  for (let j = 1; j < 1000; j++) {
    term *= v;
    const next = sum + term / (2 * j + 1);
    if (next === sum) return next;
    sum = next;
  }
  return sum;
}

/** P(X = k) for X ~ Binomial(n, p), integer 0 ≤ k ≤ n, q = 1 − p given separately (Loader 2000). */
export function binomialTerm(k: number, n: number, p: number, q: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  // qⁿ and pⁿ: a power of the base when it is the larger of p, q (then q = 1 − p is exact, and ½ⁿ is
  // exact), through log1p of the other (exact by construction) when it is the smaller.
  if (k === 0) return p < 0.5 ? Math.exp(n * Math.log1p(-p)) : Math.pow(q, n);
  if (k === n) return q < 0.5 ? Math.exp(n * Math.log1p(-q)) : Math.pow(p, n);
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = 2 * LN_SQRT_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * The continued fraction of I_x(a, b) (A&S 26.5.8): I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · cf.
 * Converges quickly for x < (a + 1)/(a + b + 2); use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) above.
 * y = 1 − x, given exactly by the caller, keeps the first denominator 1 − (a + b)x/(a + 1) free of
 * cancellation when x is near 1 and a is large (Student's t with a million degrees of freedom).
 */
export function betaContinuedFraction(x: number, a: number, b: number, y = 1 - x): number {
  const clamp = (v: number): number => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / clamp(x > 0.5 ? (1 - b + (a + b) * y) / (a + 1) : 1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / clamp(1 + even * d);
    c = clamp(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / clamp(1 + odd * d);
    c = clamp(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) <= 2.3e-16) return h;
  }
  return h;
}
