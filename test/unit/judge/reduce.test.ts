import { describe, expect, it } from 'vitest';
import {
  reduceScores,
  reduceVerdicts,
  reduceWinners,
  scoreSelfAgreement,
  winnerSelfAgreement,
  type ReduceMethod,
} from '../../../src/judge/reduce.js';
import type { JudgeVerdict, Winner } from '../../../src/types/judge-task.js';

describe('reduceScores', () => {
  it.each([
    // samples, method, value, agreement
    [[7, 7, 8], 'mean', 22 / 3, 2 / 3],
    [[7, 7, 8], 'median', 7, 2 / 3],
    [[7, 7, 8], 'majority', 7, 2 / 3],
    [[7, 8], 'mean', 7.5, 1 / 2],
    [[7, 8], 'median', 7.5, 1 / 2],
    [[8, 7], 'majority', 7, 1 / 2], // tie between modes → the lower score
    [[1, 5, 5, 9], 'majority', 5, 1 / 2],
    [[1, 2, 3], 'median', 2, 1 / 3],
    [[4, 4, 4], 'mean', 4, 1],
    [[6], 'median', 6, 1],
  ] as const)('%j by %s → %d (agreement %d)', (values, method, value, agreement) => {
    const r = reduceScores(values, method as ReduceMethod);
    expect(r?.value).toBeCloseTo(value, 12);
    expect(r?.agreement).toBeCloseTo(agreement, 12);
    expect(r?.k).toBe(values.length);
  });

  it('sd is the sample standard deviation, 0 for one sample', () => {
    expect(reduceScores([2, 4, 4, 4, 5, 5, 7, 9], 'mean')?.sd).toBeCloseTo(2.138090, 6);
    expect(reduceScores([3], 'mean')?.sd).toBe(0);
  });

  it('no samples → undefined (no verdict, never a zero)', () => {
    expect(reduceScores([], 'mean')).toBeUndefined();
    expect(reduceWinners([], 'majority')).toBeUndefined();
    expect(reduceVerdicts([], 'majority')).toBeUndefined();
  });
});

describe('reduceWinners: A = +1, tie = 0, B = −1', () => {
  it.each([
    [['A', 'A', 'B'], 'majority', 'A', 2 / 3],
    [['A', 'B'], 'majority', 'tie', 0], // a split has no winner
    [['A', 'tie', 'tie'], 'majority', 'tie', 2 / 3],
    [['A', 'A', 'tie', 'tie', 'B'], 'majority', 'tie', 2 / 5],
    [['A', 'tie', 'tie'], 'mean', 'A', 1 / 3],
    [['A', 'tie', 'tie'], 'median', 'tie', 2 / 3],
    [['B', 'B', 'A'], 'mean', 'B', 2 / 3],
    [['A', 'B'], 'median', 'tie', 0],
  ] as const)('%j by %s → %s', (winners, method, winner, agreement) => {
    const r = reduceWinners(winners as readonly Winner[], method as ReduceMethod);
    expect(r?.winner).toBe(winner);
    expect(r?.agreement).toBeCloseTo(agreement, 12);
  });

  it('counts every winner', () => {
    expect(reduceWinners(['A', 'B', 'tie', 'A'], 'majority')?.counts).toEqual({ A: 2, B: 1, tie: 1 });
  });
});

describe('reduceVerdicts', () => {
  it('rubric verdicts reduce by score', () => {
    const vs: JudgeVerdict[] = [7, 8, 8].map((score) => ({ kind: 'rubric', reasoning: '', score }));
    expect(reduceVerdicts(vs, 'majority')).toMatchObject({ kind: 'rubric', k: 3, score: { value: 8, agreement: 2 / 3 } });
  });

  it('pairwise verdicts reduce by winner', () => {
    const vs: JudgeVerdict[] = (['A', 'A', 'B'] as const).map((winner) => ({ kind: 'pairwise', reasoning: '', winner }));
    expect(reduceVerdicts(vs, 'majority')).toMatchObject({ kind: 'pairwise', winner: { winner: 'A' } });
  });

  it('criteria verdicts reduce per criterion', () => {
    const vs: JudgeVerdict[] = [
      { kind: 'criteria', reasoning: '', scores: { acc: 4, tone: 1 } },
      { kind: 'criteria', reasoning: '', scores: { acc: 5, tone: 1 } },
      { kind: 'criteria', reasoning: '', scores: { acc: 4, tone: 0 } },
    ];
    const r = reduceVerdicts(vs, 'median');
    expect(r).toMatchObject({ kind: 'criteria', k: 3, scores: { acc: { value: 4, agreement: 2 / 3 }, tone: { value: 1 } } });
  });

  it('refuses to mix kinds', () => {
    const vs: JudgeVerdict[] = [
      { kind: 'rubric', reasoning: '', score: 1 },
      { kind: 'pairwise', reasoning: '', winner: 'A' },
    ];
    expect(() => reduceVerdicts(vs, 'mean')).toThrow(/different kinds/);
  });
});

describe('self-agreement across items (Krippendorff)', () => {
  it("scores: interval alpha, Inspect's vector [[1,2],[3,4],[1,1]] = 19/24", () => {
    expect(scoreSelfAgreement([[1, 2], [3, 4], [1, 1]]).alpha).toBeCloseTo(19 / 24, 12);
  });

  it('3 samples × 5 items, pass/fail: 0.44 for scores and for winners alike', () => {
    const items = [[1, 1, 1], [1, 1, 0], [0, 0, 0], [1, 0, 1], [1, 1, 1]];
    expect(scoreSelfAgreement(items).alpha).toBeCloseTo(0.44, 12);
    const asWinners = items.map((u) => u.map((v): Winner => (v === 1 ? 'A' : 'B')));
    expect(winnerSelfAgreement(asWinners).alpha).toBeCloseTo(0.44, 12);
  });

  it('a perfectly consistent judge across varied items: alpha = 1', () => {
    expect(winnerSelfAgreement([['A', 'A'], ['B', 'B'], ['tie', 'tie']]).alpha).toBe(1);
  });

  it('k = 1 everywhere, or a judge that never varies: undefined with a reason', () => {
    expect(scoreSelfAgreement([[3], [4]])).toMatchObject({ defined: false, alpha: null });
    expect(winnerSelfAgreement([['A', 'A'], ['A', 'A']])).toMatchObject({ defined: false, alpha: null });
  });
});
