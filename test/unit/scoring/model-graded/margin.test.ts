import { describe, expect, it } from 'vitest';
import type { ReducedScore, ReducedVerdict } from '../../../../src/judge/reduce.js';
import { criteria, type CriteriaOptions } from '../../../../src/scoring/model-graded/criteria.js';
import { reference } from '../../../../src/scoring/model-graded/reference.js';
import { rubric } from '../../../../src/scoring/model-graded/rubric.js';

// A cascade's `near` reads each model-graded scorer's margin: how far the cheap verdict is from
// flipping pass/fail, in scale points.

const score = (value: number): ReducedScore => ({ value, k: 1, agreement: 1, sd: 0 });

describe('rubric and reference margins: distance from pass_at', () => {
  const opts = { rubric: 'r', scale: { min: 1, max: 10 }, pass_at: 7 };
  it.each([[7, 0], [6, 1], [8, 1], [6.5, 0.5], [1, 6]])('rubric %d → %d', (value, margin) => {
    expect(rubric.margin({ kind: 'rubric', k: 1, score: score(value) }, opts)).toBeCloseTo(margin, 12);
  });

  it.each([[0.5, 0.5, 0], [1, 0.5, 0.5], [0, 0.5, 0.5]])('reference %d with pass_at %d → %d', (value, passAt, margin) => {
    expect(reference.margin({ kind: 'reference', k: 1, score: score(value) }, { pass_at: passAt })).toBeCloseTo(margin, 12);
  });
});

describe('criteria margin: how far the item\'s verdict is from flipping', () => {
  const opts: CriteriaOptions = {
    criteria: [
      { name: 'tone', description: 'polite', scale: { min: 1, max: 5 }, pass_at: 3 },
      { name: 'facts', description: 'correct', scale: { min: 1, max: 5 }, pass_at: 4 },
    ],
  };
  const v = (tone: number, facts: number): ReducedVerdict => ({ kind: 'criteria', k: 1, scores: { tone: score(tone), facts: score(facts) } });
  it.each<readonly [string, number, number, number]>([
    ['passing: the criterion closest to its threshold', 3, 5, 0],
    ['passing, both clear', 5, 5, 1],
    ['failing one criterion by 1', 5, 3, 1],
    ['failing one by far: not near, however close the other', 3, 1, 3],
    ['failing both: the one furthest below decides', 2, 2, 2],
  ])('%s (tone %d, facts %d) → %d', (_name, tone, facts, margin) => {
    expect(criteria.margin(v(tone, facts), opts)).toBe(margin);
  });
});
