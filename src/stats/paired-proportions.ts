import { wilson } from './intervals.js';

// Intervals for a difference of proportions that never leave [−1, 1].
//
// Paired 0/1 outcomes: Newcombe's hybrid score interval for the difference of paired proportions
// (R. G. Newcombe, "Improved confidence intervals for the difference between binomial proportions based
// on paired data", Statistics in Medicine 17, 1998; method 10). Each side's rate gets its Wilson
// interval; the two distances from the rates to their bounds are combined "square and add", less a term
// for the correlation of the two rates within the pairs:
//
//   L = Δ − sqrt((p₁ − l₁)² − 2φ(p₁ − l₁)(u₂ − p₂) + (u₂ − p₂)²)
//   U = Δ + sqrt((p₂ − l₂)² − 2φ(p₂ − l₂)(u₁ − p₁) + (u₁ − p₁)²)
//
// with Δ = p₁ − p₂ and φ the phi coefficient of the 2×2 table with Newcombe's continuity correction:
// A = (both)(neither) − (first only)(second only); φ = (A − n/2)/sqrt(margins) when A > n/2, 0 when
// 0 ≤ A ≤ n/2, A/sqrt(margins) when A < 0, and 0 when a margin is empty. The interval exists from n = 1,
// keeps good coverage at small n (Newcombe's evaluation), and at b = c = 0 it is not the degenerate
// point the CLT gives.
//
// Independent samples: the same construction with φ = 0 (Newcombe 1998, "Interval estimation for the
// difference between independent proportions", Statistics in Medicine 17, method 10).

/** The 2×2 table of paired 0/1 outcomes: both 1, first only, second only, both 0. */
export interface PairedTable {
  readonly both: number;
  readonly firstOnly: number;
  readonly secondOnly: number;
  readonly neither: number;
}

const clamp1 = (x: number): number => Math.min(1, Math.max(-1, x));

/** Newcombe's continuity-corrected phi of the paired table (0 when a margin is empty). */
export function newcombePhi(t: PairedTable): number {
  const n = t.both + t.firstOnly + t.secondOnly + t.neither;
  const margins = (t.both + t.firstOnly) * (t.secondOnly + t.neither) * (t.both + t.secondOnly) * (t.firstOnly + t.neither);
  if (margins === 0) return 0;
  const a = t.both * t.neither - t.firstOnly * t.secondOnly;
  if (a > n / 2) return (a - n / 2) / Math.sqrt(margins);
  if (a >= 0) return 0;
  return a / Math.sqrt(margins);
}

/** Square-and-add: combine the two Wilson intervals around Δ = p₁ − p₂ with correlation φ. */
function squareAndAdd(p1: number, w1: readonly [number, number], p2: number, w2: readonly [number, number], phi: number): [number, number] {
  const [l1, u1] = w1;
  const [l2, u2] = w2;
  const delta = p1 - p2;
  const down = Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2);
  const up = Math.max(0, (p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2);
  return [clamp1(delta - Math.sqrt(down)), clamp1(delta + Math.sqrt(up))];
}

/**
 * Newcombe's hybrid score interval (method 10) for p₁ − p₂ of paired 0/1 outcomes, where p₁ is the
 * first member's rate, (both + firstOnly)/n. z is the two-sided critical value. null when n = 0.
 */
export function newcombePairedCi(t: PairedTable, z: number): [number, number] | null {
  const n = t.both + t.firstOnly + t.secondOnly + t.neither;
  if (n === 0) return null;
  const x1 = t.both + t.firstOnly;
  const x2 = t.both + t.secondOnly;
  return squareAndAdd(x1 / n, wilson(x1, n, z), x2 / n, wilson(x2, n, z), newcombePhi(t));
}

/** Newcombe's hybrid score interval (method 10) for x₁/n₁ − x₂/n₂ of independent samples; null when either n is 0. */
export function newcombeIndependentCi(x1: number, n1: number, x2: number, n2: number, z: number): [number, number] | null {
  if (n1 === 0 || n2 === 0) return null;
  return squareAndAdd(x1 / n1, wilson(x1, n1, z), x2 / n2, wilson(x2, n2, z), 0);
}

/** The table of two paired 0/1 vectors (first = a, second = b). */
export function pairedTable(a: readonly number[], b: readonly number[]): PairedTable {
  let both = 0;
  let firstOnly = 0;
  let secondOnly = 0;
  let neither = 0;
  a.forEach((x, i) => {
    const y = b[i];
    if (x === 1 && y === 1) both++;
    else if (x === 1) firstOnly++;
    else if (y === 1) secondOnly++;
    else neither++;
  });
  return { both, firstOnly, secondOnly, neither };
}

/**
 * Half-width that replaces a zero-width interval of a difference of [0, 1] scores: the exact
 * (Clopper–Pearson) upper bound of the share of items on which the two sides differ, when none of n
 * items was seen to, u(n) = 1 − ((1 − level)/2)^(1/n): ±0.84 at n = 2, ±0.028 at n = 130 (level 0.95).
 */
export function noDifferenceBound(n: number, level: number): number {
  if (!(n >= 1)) return 1;
  return 1 - ((1 - level) / 2) ** (1 / n);
}

/** An interval of a difference of [0, 1] scores, cut to the parameter range [−1, 1] (coverage is unchanged). */
export function clampDifference(ci: readonly [number, number]): [number, number] {
  return [clamp1(ci[0]), clamp1(ci[1])];
}
