import { describe, expect, it } from 'vitest';
import { escalationReasons } from '../../../src/judge/escalate.js';
import { reduceVerdicts, type ReduceMethod } from '../../../src/judge/reduce.js';
import { rubric } from '../../../src/scoring/model-graded/rubric.js';
import { reference } from '../../../src/scoring/model-graded/reference.js';
import { criteria } from '../../../src/scoring/model-graded/criteria.js';
import type { EscalateWhen } from '../../../src/types.js';
import type { Verdict } from '../../../src/types/judge-task.js';

// Cascaded judging: when the cheap judge counts as unsure, and how far each scorer's verdict lies
// from its pass threshold (the margin `near` compares).

const when = (near: number | null, disagree: boolean, flip = false): EscalateWhen => ({ near, disagree, flip, error: true });

describe('escalationReasons', () => {
  it.each([
    // when, margin, agreement, reasons
    [when(1, false), 0, 1, ['near']], // exactly at pass_at: the most borderline score
    [when(1, false), 1, 1, ['near']], // bound included
    [when(1, false), 1.000001, 1, []],
    [when(1, false), 7 - 20 / 3, 1, ['near']], // a mean of [6, 7, 7] against pass_at 7
    [when(1 / 3, false), 7 - 20 / 3, 1, ['near']], // float slack: 1/3 is still "within 1/3"
    [when(0, false), 0, 1, ['near']], // near 0: only scores exactly at the threshold
    [when(0, false), 0.5, 1, []],
    [when(2, false), Number.NaN, 1, []], // no margin known: never near
    [when(null, true), 5, 0.5, ['disagree']],
    [when(null, true), 0, 1, []], // unanimous; near not asked for
    [when(null, true), 0, 2 / 3, ['disagree']],
    [when(1, true), 0.5, 0.5, ['near', 'disagree']],
    [when(1, true), 3, 1, []],
    [when(null, false), 0, 0.5, []],
  ] as const)('%j, margin %d, agreement %d → %j', (w, margin, agreement, reasons) => {
    expect(escalationReasons(w, { margin, agreement })).toEqual(reasons);
  });

  it.each([
    // when, agreement, flipped, reasons (pairwise: no margin)
    [when(null, false, true), 1, true, ['flip']],
    [when(null, false, true), 1, false, []],
    [when(null, true, true), 0.5, true, ['disagree', 'flip']],
    [when(null, true, false), 0.5, true, ['disagree']], // flip not asked for
    [when(null, false, true), 1, undefined, []], // not a pairwise verdict
  ] as const)('pairwise %j, agreement %d, flipped %s → %j', (w, agreement, flipped, reasons) => {
    expect(escalationReasons(w, { margin: Number.NaN, agreement, ...(flipped !== undefined && { flipped }) })).toEqual(reasons);
  });
});

const scores = (kind: 'rubric' | 'reference', values: readonly number[], method: ReduceMethod = 'mean') =>
  reduceVerdicts(values.map((score): Verdict => ({ kind, reasoning: '', score })), method);

describe('margin: distance of the reduced verdict from pass_at, in scale points', () => {
  const scale = { min: 1, max: 10 };
  it.each([
    // samples, method, pass_at, margin
    [[7], 'mean', 7, 0],
    [[6], 'mean', 7, 1],
    [[10], 'mean', 7, 3],
    [[1], 'mean', 7, 6], // bottom of the scale
    [[1, 10], 'mean', 6, 0.5], // split samples: 5.5
    [[1, 10], 'majority', 6, 5], // a tie between modes goes to the lower score
    [[10], 'mean', 10, 0], // pass_at at the top of the scale
    [[1], 'mean', 1, 0], // pass_at at the bottom: every score passes, the bottom is at it
  ] as const)('rubric %j by %s, pass_at %d → %d', (values, method, passAt, margin) => {
    const v = scores('rubric', values, method);
    if (v === undefined) throw new Error('no verdict');
    expect(rubric.margin(v, { rubric: 'r', scale, pass_at: passAt })).toBeCloseTo(margin, 12);
  });

  it.each([
    // samples, options, margin
    [[1], {}, 0], // binary, pass_at 1 by default
    [[0], {}, 1],
    [[0.5], { partial_credit: true }, 0.5],
    [[0.5], { partial_credit: true, pass_at: 0.5 }, 0],
    [[0, 1], { partial_credit: true }, 0.5],
  ] as const)('reference %j with %j → %d (on its 0..1 scale)', (values, options, margin) => {
    const v = scores('reference', values);
    if (v === undefined) throw new Error('no verdict');
    expect(reference.margin(v, options)).toBeCloseTo(margin, 12);
  });

  it.each([
    // accuracy, tone, margin: a passing item by the criterion nearest its own pass_at; a failing item
    // by its failing criterion furthest below (however close a passing one is)
    [5, 5, 1],
    [4, 5, 0],
    [1, 5, 3],
    [5, 1, 2],
  ] as const)('criteria accuracy %d (pass_at 4), tone %d (pass_at 3 on 1..5) → %d', (accuracy, tone, margin) => {
    const v = reduceVerdicts([{ kind: 'criteria', reasoning: '', scores: { accuracy, tone } }], 'mean');
    if (v === undefined) throw new Error('no verdict');
    const o = { criteria: [
      { name: 'accuracy', description: 'a', scale: { min: 1, max: 5 }, pass_at: 4 },
      { name: 'tone', description: 't', scale: { min: 1, max: 5 }, pass_at: 3 },
    ] };
    expect(criteria.margin(v, o)).toBe(margin);
  });
});
