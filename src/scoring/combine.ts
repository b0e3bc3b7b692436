import type { Score } from '../types.js';

/** How a sample's scores become one verdict. Explicit in every spec (default: all must pass). */
export type PassRule =
  | { readonly mode: 'all' }
  | { readonly mode: 'any' }
  | { readonly mode: 'weighted'; readonly threshold: number };

export interface CombinedScore {
  readonly pass: boolean;
  /** Weighted mean of the score values, 0..1. */
  readonly score: number;
}

export function combine(scores: readonly Score[], weights: readonly number[], rule: PassRule): CombinedScore {
  if (scores.length === 0) return { pass: true, score: 1 };
  let total = 0;
  let sum = 0;
  scores.forEach((s, i) => {
    const w = weights[i] ?? 1;
    total += w;
    sum += w * s.value;
  });
  const score = total > 0 ? sum / total : 0;
  // A scorer with weight 0 is informational: reported, never part of the verdict.
  const gating = scores.filter((_s, i) => (weights[i] ?? 1) > 0);
  switch (rule.mode) {
    case 'all':
      return { pass: gating.every((s) => s.pass), score };
    case 'any':
      return { pass: gating.length === 0 || gating.some((s) => s.pass), score };
    case 'weighted':
      // Tolerance for float rounding: weights 0.1/0.2/0.3 with the last passing give 0.4999999999999999.
      return { pass: gating.length === 0 || score >= rule.threshold - 1e-9, score };
  }
}
