import { describe, expect, it } from 'vitest';
import { combine } from '../../../../src/scoring/combine.js';
import type { PassRule } from '../../../../src/scoring/combine.js';
import type { Score } from '../../../../src/types.js';

const P = (value = 1): Score => ({ name: 'p', value, pass: true });
const F = (value = 0): Score => ({ name: 'f', value, pass: false, reason: 'no' });
const ALL: PassRule = { mode: 'all' };
const ANY: PassRule = { mode: 'any' };
const W = (threshold: number): PassRule => ({ mode: 'weighted', threshold });

type Row = readonly [label: string, scores: readonly Score[], weights: readonly number[], rule: PassRule, pass: boolean, score: number];

describe('combine', () => {
  it.each<Row>([
    ['no scorers', [], [], ALL, true, 1],
    ['all: every scorer passes', [P(), P()], [1, 1], ALL, true, 1],
    ['all: one fails', [P(), F()], [1, 1], ALL, false, 0.5],
    ['all: score is the weighted mean', [P(), F()], [3, 1], ALL, false, 0.75],
    ['all: a failing weight-0 scorer does not gate', [P(), F()], [1, 0], ALL, true, 1],
    ['all: a passing weight-0 scorer does not rescue', [F(), P()], [1, 0], ALL, false, 0],
    ['all: missing weights default to 1', [P(), F()], [], ALL, false, 0.5],
    ['any: one passes', [F(), P()], [1, 1], ANY, true, 0.5],
    ['any: none passes', [F(), F()], [1, 1], ANY, false, 0],
    ['any: only a weight-0 scorer passes', [F(), P()], [1, 0], ANY, false, 0],
    ['weighted: above the threshold', [P(), F()], [2, 1], W(0.6), true, 2 / 3],
    ['weighted: below the threshold', [P(), F()], [2, 1], W(0.7), false, 2 / 3],
    ['weighted: exactly at the threshold', [P(), F()], [1, 1], W(0.5), true, 0.5],
    // 0.3 / (0.1 + 0.2 + 0.3) is 0.4999999999999999 in floating point; half the weight passed.
    ['weighted: at the threshold despite float rounding', [F(), F(), P()], [0.1, 0.2, 0.3], W(0.5), true, 0.5],
    ['weighted: at 0.8 despite float rounding', [P(), F(), P()], [0.1, 0.2, 0.7], W(0.8), true, 0.8],
    ['weighted: partial values count', [P(0.5), P(1)], [1, 1], W(0.75), true, 0.75],
    ['weighted: a pass flag does not matter, the value does', [P(0.2), F(0.9)], [1, 1], W(0.5), true, 0.55],
    ['weighted: a failing weight-0 scorer changes nothing', [P(), F()], [1, 0], W(1), true, 1],
    ['weighted: threshold 0 always passes', [F(), F()], [1, 1], W(0), true, 0],
    ['weighted: threshold 1 needs everything', [P(), P(0.99)], [1, 1], W(1), false, 0.995],
  ])('%s', (_label, scores, weights, rule, pass, score) => {
    const v = combine(scores, weights, rule);
    expect(v.pass).toBe(pass);
    expect(v.score).toBeCloseTo(score, 10);
  });

  it.each<readonly [string, PassRule]>([
    ['all', ALL],
    ['any', ANY],
    ['weighted', W(0.5)],
  ])('%s: only weight-0 scorers never gate, whatever they say', (_label, rule) => {
    expect(combine([F(), F()], [0, 0], rule).pass).toBe(true);
    expect(combine([P(), P()], [0, 0], rule).pass).toBe(true);
  });
});
