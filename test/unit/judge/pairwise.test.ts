import { describe, expect, it } from 'vitest';
import { resolvePair, summarizePairwise, type PairwiseItem } from '../../../src/judge/pairwise.js';
import type { Winner } from '../../../src/types/judge-task.js';

const dp = (x: number) => Number(x.toFixed(6));
const items = (pairs: readonly (readonly [Winner | null, Winner | null])[]): PairwiseItem[] =>
  pairs.map(([candidateFirst, candidateSecond], i) => ({ id: `s${i}`, candidateFirst, candidateSecond }));

describe('resolvePair: both orders for the candidate (first order: candidate is A; second: candidate is B)', () => {
  it.each([
    ['A', 'B', 'win', true],
    ['B', 'A', 'loss', true],
    ['tie', 'tie', 'tie', true],
    ['A', 'A', 'tie', false], // position A won both times: a flip, not a win
    ['B', 'B', 'tie', false], // position B won both times
    ['A', 'tie', 'tie', false],
    ['tie', 'B', 'tie', false],
    ['B', 'tie', 'tie', false],
    ['tie', 'A', 'tie', false],
  ] as const)('%s then %s → %s (consistent: %s)', (first, second, outcome, consistent) => {
    expect(resolvePair({ id: 'x', candidateFirst: first, candidateSecond: second })).toEqual({
      id: 'x',
      outcome,
      positionConsistent: consistent,
      positionWinners: [first, second],
    });
  });

  it('a missing order leaves the item incomplete', () => {
    expect(resolvePair({ id: 'x', candidateFirst: 'A', candidateSecond: null })).toMatchObject({ outcome: null, positionConsistent: null });
  });
});

describe('summarizePairwise', () => {
  it('a judge that always prefers the first position: 100% flips, all ties, no false winner', () => {
    const { summary } = summarizePairwise(items(Array.from({ length: 20 }, () => ['A', 'A'] as const)));
    expect(summary.flips).toMatchObject({ x: 20, n: 20, rate: 1 });
    expect(summary.wins).toMatchObject({ x: 0, rate: 0 });
    expect(summary.losses).toMatchObject({ x: 0, rate: 0 });
    expect(summary.ties).toMatchObject({ x: 20, rate: 1 });
    expect(summary.firstPositionWins).toMatchObject({ x: 40, n: 40, rate: 1 });
    expect(summary.wins.ci[1]).toBeLessThan(0.17); // Wilson upper bound for 0/20
  });

  it('a judge that always prefers the second position: the mirror image', () => {
    const { summary } = summarizePairwise(items(Array.from({ length: 10 }, () => ['B', 'B'] as const)));
    expect(summary).toMatchObject({ flips: { rate: 1 }, ties: { rate: 1 }, firstPositionWins: { x: 0, rate: 0 } });
  });

  it('an unbiased, consistent judge: no flips, first position wins half the verdicts', () => {
    const { summary } = summarizePairwise(items([...Array(8).fill(['A', 'B']), ...Array(2).fill(['B', 'A'])]));
    expect(summary.wins).toMatchObject({ x: 8, n: 10, rate: 0.8 });
    expect(summary.wins.ci.map(dp)).toEqual([0.490162, 0.943318]);
    expect(summary.losses.rate).toBe(0.2);
    expect(summary.flips.rate).toBe(0);
    expect(summary.firstPositionWins).toMatchObject({ x: 10, n: 20, rate: 0.5 });
  });

  it('incomplete items are counted and left out of every rate', () => {
    const { items: resolved, summary } = summarizePairwise(items([['A', 'B'], [null, 'B'], ['A', null], ['A', 'A']]));
    expect(resolved.map((r) => r.outcome)).toEqual(['win', null, null, 'tie']);
    expect(summary).toMatchObject({ n: 2, incomplete: 2, wins: { x: 1, n: 2 }, flips: { x: 1, n: 2 }, firstPositionWins: { x: 3, n: 4 } });
  });

  it('no items: rates are null with [0, 1] intervals', () => {
    const { summary } = summarizePairwise([]);
    expect(summary.wins).toEqual({ x: 0, n: 0, rate: null, ci: [0, 1] });
  });
});
