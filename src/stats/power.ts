import { normalQuantile } from './distributions.js';

// Power analysis for a two-sided comparison of two models on n shared questions (Miller 2024,
// Eq. 9 and 10):
//   n = (z_{α/2} + z_β)² · V / δ²,   δ = (z_{α/2} + z_β) · sqrt(V / n),   V = ω² + σ_A²/K_A + σ_B²/K_B
// where ω² = Var(x_A − x_B) across questions, σ² the mean within-question variance and K the samples
// (epochs) per question. For runs that share no questions, ω² = Var(x_A) + Var(x_B) and n is per run.

export interface PowerInput {
  /** Two-sided significance level; 0.05 by default. */
  readonly alpha?: number;
  /** 1 − β; 0.8 by default. */
  readonly power?: number;
  /** Between-question variance of the paired difference, ω² ≥ 0. */
  readonly omega2: number;
  /** Mean within-question variance of A's scores; 0 by default. */
  readonly sigmaA2?: number;
  readonly sigmaB2?: number;
  /** Samples per question for A; 1 by default. */
  readonly kA?: number;
  readonly kB?: number;
}

export interface SampleSizeInput extends PowerInput {
  /** Smallest true difference to detect, > 0. */
  readonly delta: number;
}

export interface MdeInput extends PowerInput {
  /** Questions in the eval, > 0. */
  readonly n: number;
}

export interface SampleSize {
  /** Questions needed: ⌈nExact⌉. */
  readonly n: number;
  readonly nExact: number;
  /** (z_{α/2} + z_β)². */
  readonly multiplier: number;
  /** ω² + σ_A²/K_A + σ_B²/K_B. */
  readonly variance: number;
}

function positive(name: string, x: number): void {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`${name} must be a positive number, got ${x}`);
}

function nonNegative(name: string, x: number): void {
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`${name} must be ≥ 0, got ${x}`);
}

function probability(name: string, x: number): void {
  if (!(x > 0 && x < 1)) throw new RangeError(`${name} must be in (0, 1), got ${x}`);
}

/** (z_{α/2} + z_β)²: 7.848880 at α = 0.05, power 0.8. */
export function powerMultiplier(alpha = 0.05, power = 0.8): number {
  probability('alpha', alpha);
  probability('power', power);
  return (normalQuantile(1 - alpha / 2) + normalQuantile(power)) ** 2;
}

function totalVariance(input: PowerInput): number {
  const { omega2, sigmaA2 = 0, sigmaB2 = 0, kA = 1, kB = 1 } = input;
  nonNegative('omega2', omega2);
  nonNegative('sigmaA2', sigmaA2);
  nonNegative('sigmaB2', sigmaB2);
  positive('kA', kA);
  positive('kB', kB);
  return omega2 + sigmaA2 / kA + sigmaB2 / kB;
}

/** Questions needed to detect a true difference δ (Eq. 9). */
export function sampleSize(input: SampleSizeInput): SampleSize {
  positive('delta', input.delta);
  const multiplier = powerMultiplier(input.alpha, input.power);
  const variance = totalVariance(input);
  const nExact = (multiplier * variance) / input.delta ** 2;
  // Guard against 969.0000000000001 from rounding turning into 970.
  return { n: Math.ceil(nExact * (1 - 1e-12)), nExact, multiplier, variance };
}

/** Smallest true difference detectable with n questions (Eq. 10). */
export function minimumDetectableEffect(input: MdeInput): number {
  positive('n', input.n);
  return Math.sqrt((powerMultiplier(input.alpha, input.power) * totalVariance(input)) / input.n);
}

/**
 * ω² for paired pass/fail scores from the discordance rate q = (b + c)/n and a mean difference d̄:
 * Var(d) = q − d̄² (population form). For a sample size, d̄ is the δ to detect; the MDE
 * figures (8.86 / 3.96 pts) use d̄ = 0, the default.
 */
export function pairedPassRateOmega2(input: { readonly discordance: number; readonly meanDiff?: number }): number {
  const { discordance, meanDiff = 0 } = input;
  if (!(discordance >= 0 && discordance <= 1)) throw new RangeError(`discordance must be in [0, 1], got ${discordance}`);
  if (Math.abs(meanDiff) > discordance) throw new RangeError(`|meanDiff| ${meanDiff} cannot exceed the discordance rate ${discordance}`);
  return discordance - meanDiff ** 2;
}

/** ω² for pass rates of runs that share no questions: pA(1 − pA) + pB(1 − pB). */
export function unpairedPassRateOmega2(input: { readonly pA: number; readonly pB: number }): number {
  const { pA, pB } = input;
  for (const [name, p] of [['pA', pA], ['pB', pB]] as const) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${p}`);
  }
  return pA * (1 - pA) + pB * (1 - pB);
}
