import { describe, expect, it } from 'vitest';
import { decide } from '../../../../src/route/analysis/policies.js';
import { neededToDecide, nonInferiority, verdictOf } from '../../../../src/route/analysis/non-inferiority.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { pairedDifference } from '../../../../src/stats/paired.js';

// Non-inferiority of a policy against always-L: within the tolerance only when the interval of Q − Q_L
// says so. Sample sizes are closed forms: (z.975 + z.8)² = 7.848880 (scipy: norm.ppf), n = ⌈7.848880·ω²/δ²⌉.

const item = (qS: number, qL: number): RouteItem => ({ qS, qL, cS: 1, cL: 10, lS: null, lL: null });

describe('verdictOf: the interval against the margin −τ', () => {
  it.each([
    ['lower bound above the margin', [-0.01, 0.03], 0.02, 'within'],
    ['lower bound exactly on the margin', [-0.02, 0.03], 0.02, 'within'],
    ['straddles the margin', [-0.092, 0.092], 0.02, 'undecided'],
    ['wholly below the margin', [-0.2, -0.05], 0.02, 'worse'],
    ['no interval', null, 0.02, 'undecided'],
  ] as const)('%s', (_name, ci, tol, want) => {
    expect(verdictOf(ci, tol)).toBe(want);
  });
});

describe('neededToDecide: samples to decide at 80% power', () => {
  it.each([
    // d = −1, −1, +1, +1 and 16 zeros: Var(d) = 4/19, δ = 0.02 → 7.848880·0.210526/0.0004 = 4130.99 → 4131
    ['discordant both ways, diff 0', [...Array(16).fill([1, 1]), [0, 1], [0, 1], [1, 0], [1, 0]], 0.02, 4131],
    // every pair alike: the smallest n with 1 − 0.025^(1/n) < 0.02, ⌊ln 0.025/ln 0.98⌋ + 1 = 183
    ['every pair alike (SE 0)', Array(9).fill([1, 1]), 0.02, 183],
    // d = −1 on 3 of 20: diff −0.15, Var(d) = (3 − 20·0.0225)/19 = 0.134211, δ = |−0.15 + 0.05| = 0.1 → 105.34 → 106
    ['a loss past the margin', [...Array(17).fill([1, 1]), [0, 1], [0, 1], [0, 1]], 0.05, 106],
  ] as const)('%s', (_name, pairs, tol, want) => {
    const r = pairedDifference(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
    expect(neededToDecide(r, tol, 0.95)).toBe(want);
  });

  it('null without an SE (n = 1)', () => {
    expect(neededToDecide(pairedDifference([1], [0]), 0.02, 0.95)).toBeNull();
  });
});

describe('nonInferiority of a fixed decision', () => {
  it('always-S on items where S and L each miss 2 of 20: undecided, with the paired interval of Q_S − Q_L', () => {
    const items = [...Array.from({ length: 16 }, () => item(1, 1)), item(0, 1), item(0, 1), item(1, 0), item(1, 0)];
    const v = nonInferiority(items, decide(items, { kind: 'always-s' }), 0.02);
    expect(v).toMatchObject({ diff: 0, verdict: 'undecided', neededN: 4131, tolerance: 0.02, level: 0.95 });
    // Newcombe (16, 2, 2, 0): ± 0.220998 (test/fixtures/stats/newcombe.py)
    expect(v.ci?.map((x) => Number(x.toFixed(6)))).toEqual([-0.220998, 0.220998]);
  });

  it('always-L against itself: diff 0, but 3 items cannot show a 0-pt margin (the table leaves always-L out)', () => {
    const items = [item(0, 1), item(1, 1), item(1, 0)];
    expect(nonInferiority(items, decide(items, { kind: 'always-l' }), 0)).toMatchObject({ diff: 0, verdict: 'undecided' });
    expect(nonInferiority(items, decide(items, { kind: 'always-l' }), 0.99).verdict).toBe('within');
  });
});
