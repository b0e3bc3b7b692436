import { normalCdf, normalQuantile } from '../stats/distributions.js';
import { keyedNormal } from '../util/random.js';

// The simulator's stated confidence: what a model asked "how sure are you (0 to 1)?" appends to its
// answer. Binormal: the latent confidence is bias ± δ/2 plus a keyed standard normal (+ on a right
// answer, − on a wrong one), so P(latent on a right answer > on a wrong one) = Φ(δ/√2) = auroc; the
// stated figure is Φ(latent) rounded to two decimals and kept within 0.01..0.99, as models write it.
// With bias 1 (the default) the mean stated figure is about 0.85 whatever the accuracy: overconfident
// where a model is often wrong, underconfident where it is nearly always right (a ranking signal, not
// a calibrated probability, like real models' stated confidence).

export interface StatedConfidence {
  readonly auroc: number;
  readonly bias: number;
}

/** The separation δ of the two latent means that gives this AUROC. */
export const separationFor = (auroc: number): number => Math.SQRT2 * normalQuantile(auroc);

/** The confidence a simulated answer states, keyed by the call (so it does not depend on scheduling). */
export function statedConfidence(c: StatedConfidence, correct: boolean, ...key: readonly (string | number)[]): number {
  const half = separationFor(c.auroc) / 2;
  const latent = c.bias + (correct ? half : -half) + keyedNormal(...key, 'confidence');
  return Math.min(0.99, Math.max(0.01, Math.round(normalCdf(latent) * 100) / 100));
}

/** The line appended to the answer. */
export const confidenceLine = (value: number): string => `Confidence: ${value.toFixed(2)}`;
