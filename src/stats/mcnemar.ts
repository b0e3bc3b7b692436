import { binomialCdf, binomialPmf, chiSquare1Sf } from './distributions.js';
import { positiveP } from './p-value.js';

// McNemar's test for paired binary outcomes. b = A right & B wrong,
// c = A wrong & B right; under H₀ b ~ Binomial(b + c, ½).

export interface McNemarResult {
  readonly b: number;
  readonly c: number;
  /** Number of discordant pairs, b + c. */
  readonly discordant: number;
  /** Exact two-sided p = min(1, 2·P(X ≤ min(b, c))). 1 when b = c = 0. */
  readonly exactP: number;
  /** Mid-p = min(1, 2·P(X ≤ min(b, c)) − P(X = min(b, c))): 1 when b = c. */
  readonly midP: number;
  /** Continuity-corrected χ² = (|b − c| − 1)²/(b + c), unclamped as in statsmodels; null when b + c = 0. */
  readonly chi2: number | null;
  /** P(χ²₁ ≥ chi2); null when b + c = 0. */
  readonly chi2P: number | null;
}

function checkCount(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`mcnemar: ${name} must be a non-negative integer, got ${x}`);
}

/** McNemar's exact, mid-p and continuity-corrected χ² tests from the discordant counts. */
export function mcnemar(b: number, c: number): McNemarResult {
  checkCount('b', b);
  checkCount('c', c);
  const n = b + c;
  if (n === 0) return { b, c, discordant: 0, exactP: 1, midP: 1, chi2: null, chi2P: null };
  const k = Math.min(b, c);
  // The lower tail P(X ≤ k) is computed by the library from the regularised incomplete beta, so it
  // keeps full relative precision for n in the thousands (no C(n, k)/2ⁿ overflow).
  const twoTail = 2 * binomialCdf(k, n, 0.5);
  const exactP = positiveP(Math.min(1, twoTail));
  const midP = positiveP(Math.min(1, twoTail - binomialPmf(k, n, 0.5)));
  const chi2 = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, discordant: n, exactP, midP, chi2, chi2P: chi2Sf(chi2) };
}

const chi2Sf = (x: number): number => positiveP(Math.min(1, chiSquare1Sf(x)));
