import { describe, expect, it } from 'vitest';
import {
  minimumDetectableEffect, pairedPassRateOmega2, powerMultiplier, sampleSize, unpairedPassRateOmega2,
} from '../../../src/stats/power.js';

const dp6 = (x: number) => Number(x.toFixed(6));

describe('power: (Miller Eq. 9/10)', () => {
  it('(z_{α/2} + z_β)² = (1.959964 + 0.841621)² = 7.848880 at α = 0.05, power 0.8', () => {
    expect(dp6(powerMultiplier())).toBe(7.84888);
    expect(dp6(powerMultiplier(0.05, 0.8))).toBe(7.84888);
  });

  it('ω² = 1/9, δ = 0.03, no within-question variance → n = 968.997 → 969', () => {
    const r = sampleSize({ delta: 0.03, omega2: 1 / 9 });
    expect(Number(r.nExact.toFixed(3))).toBe(968.997);
    expect(r.n).toBe(969);
  });

  it.each([
    [1, 0.132733],
    [10, 0.07567],
  ])('n = 198, ω² = 1/9, σ_A² = σ_B² = 1/6, K = %i → MDE %f', (k, mde) => {
    const got = minimumDetectableEffect({ alpha: 0.05, power: 0.8, n: 198, omega2: 1 / 9, sigmaA2: 1 / 6, sigmaB2: 1 / 6, kA: k, kB: k });
    expect(dp6(got)).toBe(mde);
  });

  it('sample size and MDE are inverses', () => {
    const input = { omega2: 0.2, sigmaA2: 0.1, kA: 3 };
    const { nExact } = sampleSize({ ...input, delta: 0.05 });
    expect(minimumDetectableEffect({ ...input, n: nExact })).toBeCloseTo(0.05, 12);
  });

  // scipy on this machine: (norm.ppf(0.995) + norm.ppf(0.9))² = 14.879387169248531
  it('other α and power', () => {
    expect(powerMultiplier(0.01, 0.9)).toBeCloseTo(14.879387169248531, 10);
  });
});

describe('power: pass-rate helpers', () => {
  it('10 % discordance, 3 pts: ω² = 0.1 − 0.03² → n = 864.25 → 865', () => {
    const omega2 = pairedPassRateOmega2({ discordance: 0.1, meanDiff: 0.03 });
    expect(omega2).toBeCloseTo(0.0991, 15);
    const r = sampleSize({ delta: 0.03, omega2 });
    expect(Number(r.nExact.toFixed(2))).toBe(864.25);
    expect(r.n).toBe(865);
  });

  // The doc's MDE figures use ω² = discordance (d̄ = 0): 2.801585·sqrt(0.1/100) = 0.088594 → 8.86 pts;
  // with ω² = 0.0991 they would be 8.82 and 3.94.
  it.each([
    [100, 8.86],
    [500, 3.96],
  ])('10 %% discordance, n = %i → MDE %f pts', (n, pts) => {
    const mde = minimumDetectableEffect({ n, omega2: pairedPassRateOmega2({ discordance: 0.1 }) });
    expect(Number((mde * 100).toFixed(2))).toBe(pts);
  });

  // scipy on this machine: 7.848879734349088·(0.8·0.2 + 0.83·0.17)/0.03² = 2625.886320013901
  it('unpaired pass rates 0.8 vs 0.83: ω² = pA(1−pA) + pB(1−pB) → 2626 per run', () => {
    const omega2 = unpairedPassRateOmega2({ pA: 0.8, pB: 0.83 });
    expect(omega2).toBeCloseTo(0.3011, 15);
    const r = sampleSize({ delta: 0.03, omega2 });
    expect(r.nExact).toBeCloseTo(2625.886320013901, 8);
    expect(r.n).toBe(2626);
  });

  it('pairing helps: the paired n for the 400-item example\'s rates is far below the unpaired n', () => {
    const paired = sampleSize({ delta: 0.03, omega2: pairedPassRateOmega2({ discordance: 0.1, meanDiff: 0.03 }) });
    const unpaired = sampleSize({ delta: 0.03, omega2: unpairedPassRateOmega2({ pA: 0.8, pB: 0.83 }) });
    expect(paired.n).toBeLessThan(unpaired.n / 3);
  });
});

describe('power: invalid input throws RangeError', () => {
  it.each([
    ['alpha 0', () => powerMultiplier(0, 0.8)],
    ['power 1', () => powerMultiplier(0.05, 1)],
    ['delta 0', () => sampleSize({ delta: 0, omega2: 0.1 })],
    ['negative ω²', () => sampleSize({ delta: 0.1, omega2: -0.1 })],
    ['K = 0', () => sampleSize({ delta: 0.1, omega2: 0.1, kA: 0 })],
    ['n = 0', () => minimumDetectableEffect({ n: 0, omega2: 0.1 })],
    ['discordance > 1', () => pairedPassRateOmega2({ discordance: 1.2 })],
    ['|d̄| > discordance', () => pairedPassRateOmega2({ discordance: 0.02, meanDiff: 0.03 })],
    ['pass rate > 1', () => unpairedPassRateOmega2({ pA: 1.1, pB: 0.5 })],
  ])('%s', (_name, f) => {
    expect(f).toThrow(RangeError);
  });

  it('ω² = 0 with no within-question variance needs no questions beyond n = 0', () => {
    expect(sampleSize({ delta: 0.1, omega2: 0 }).n).toBe(0);
  });
});
