import { describe, expect, it } from 'vitest';
import { calibrate, meetsMinimum, type PreferenceLabel, type ScoreLabel } from '../../../../src/judge/agreement/human-agreement.js';
import { kappaFromLabels } from '../../../../src/stats/kappa.js';
import type { Winner } from '../../../../src/types/judge-task.js';

const dp = (x: number | null | undefined) => (typeof x === 'number' ? Number(x.toFixed(6)) : x);

// rows judge, columns human, scores 1..4.
const RUBRIC4 = [
  [10, 3, 1, 0],
  [2, 12, 4, 1],
  [1, 3, 14, 3],
  [0, 1, 2, 13],
];
const fromTable = (table: number[][]): ScoreLabel[] =>
  table.flatMap((row, i) => row.flatMap((c, j) => Array.from({ length: c }, (_, t) => ({ id: `${i}${j}${t}`, judge: i + 1, human: j + 1 }))));

const SCALE = { type: 'integer', min: 1, max: 4 } as const;

describe('calibrate: scores', () => {
  const report = calibrate({ scores: { items: fromTable(RUBRIC4), scale: SCALE } });

  it('accuracy, quadratic and unweighted kappa and the confusion matrix match the worked example', () => {
    const s = report.scores;
    if (s === undefined) throw new Error('no scores section');
    expect(s.n).toBe(70);
    expect(s.accuracy).toMatchObject({ x: 49, n: 70, rate: 0.7 });
    expect(s.kappa).toMatchObject({ defined: true, weighting: 'quadratic' });
    expect(dp(s.kappa.kappa)).toBe(0.785992);
    expect(s.kappa.defined && dp(s.kappa.se)).toBe(0.056937);
    expect(dp(s.unweightedKappa.kappa)).toBe(0.596597);
    expect(s.confusion).toEqual({ categories: [1, 2, 3, 4], table: RUBRIC4 });
  });

  it('linear weighting on request', () => {
    const r = calibrate({ scores: { items: fromTable(RUBRIC4), scale: SCALE, weighting: 'linear' } });
    expect(dp(r.scores?.kappa.kappa)).toBe(0.69459);
  });

  it('length bias: a judge that tracks length and humans who do not → positive excess', () => {
    const items: ScoreLabel[] = [1, 2, 3, 4, 5].map((judge, i) => ({ id: `${i}`, judge, human: [3, 1, 5, 2, 4][i] ?? 0, length: 100 * judge }));
    const bias = calibrate({ scores: { items, scale: { type: 'integer', min: 1, max: 5 } } }).scores?.lengthBias;
    expect(bias?.n).toBe(5);
    expect(bias?.judge).toBeCloseTo(1, 12);
    expect(bias?.human).toBeCloseTo(0.3, 12);
    expect(bias?.excess).toBeCloseTo(0.7, 12);
  });

  it('no lengths: the length bias is null', () => {
    expect(report.scores?.lengthBias).toEqual({ n: 0, judge: null, human: null, excess: null });
  });

  it.each([
    [[{ id: 'a', judge: 2.5, human: 2 }], SCALE, /judge score 2.5 of item a is not on the scale/],
    [[{ id: 'b', judge: 2, human: 7 }], SCALE, /human score 7/],
    [[], { type: 'continuous', min: 0, max: 1 } as const, /discrete scale/],
  ])('rejects off-scale data (%#)', (items, scale, message) => {
    expect(() => calibrate({ scores: { items, scale } })).toThrow(message);
  });
});

/** A consistent judge picking `w` in canonical terms: shown A-first says w, shown B-first says the mirror. */
const consistent = (w: Winner): [Winner, Winner] => [w, w === 'A' ? 'B' : w === 'B' ? 'A' : 'tie'];

const pref = (id: string, human: Winner, judge: [Winner | null, Winner | null], lengths?: [number, number]): PreferenceLabel => ({
  id,
  human,
  judgeAFirst: judge[0],
  judgeBFirst: judge[1],
  ...(lengths === undefined ? {} : { lengthA: lengths[0], lengthB: lengths[1] }),
});

describe('calibrate: preferences', () => {
  it('agreement and kappa over {A, tie, B} from judge verdicts resolved across both orders', () => {
    const humans: Winner[] = ['A', 'A', 'A', 'B', 'B', 'B', 'tie', 'tie', 'A', 'B'];
    const judges: Winner[] = ['A', 'A', 'B', 'B', 'B', 'tie', 'tie', 'A', 'A', 'B'];
    const items = humans.map((h, i) => pref(`p${i}`, h, consistent(judges[i] ?? 'tie')));
    const p = calibrate({ preferences: { items } }).preferences;
    expect(p?.n).toBe(10);
    expect(p?.agreement).toMatchObject({ x: 7, n: 10, rate: 0.7 });
    expect(p?.kappa.kappa).toBeCloseTo(kappaFromLabels(judges, humans, ['A', 'tie', 'B']).kappa ?? NaN, 12);
    expect(p?.position.flips.rate).toBe(0);
    expect(p?.confusion.categories).toEqual(['A', 'tie', 'B']);
  });

  it('a first-position-biased judge: every verdict a tie, 100% flips, kappa 0, and it fails a minimum', () => {
    const items = Array.from({ length: 12 }, (_, i) => pref(`p${i}`, i % 2 === 0 ? 'A' : 'B', ['A', 'A']));
    const report = calibrate({ preferences: { items } });
    const p = report.preferences;
    expect(p?.position.flips.rate).toBe(1);
    expect(p?.position.firstPositionWins.rate).toBe(1);
    expect(p?.position.wins.x).toBe(0);
    expect(p?.agreement.rate).toBe(0);
    expect(p?.kappa.kappa).toBe(0);
    expect(meetsMinimum(report, { minKappa: 0.4 })).toEqual({ pass: false, reason: 'preferences: kappa 0.000 < 0.4' });
  });

  it('length bias: the judge overrules the human in favour of the longer output', () => {
    const items = [
      pref('1', 'B', consistent('A'), [900, 100]), // judge picks the longer against the human
      pref('2', 'tie', consistent('B'), [100, 800]), // again
      pref('3', 'A', consistent('A'), [700, 100]), // agrees: not counted against the human
      pref('4', 'A', consistent('A'), [100, 700]), // agrees, shorter
      pref('5', 'B', consistent('A'), [100, 100]), // equal lengths: left out
      pref('6', 'B', ['A', null], [900, 100]), // incomplete: left out
    ];
    const p = calibrate({ preferences: { items } }).preferences;
    expect(p?.incomplete).toBe(1);
    expect(p?.lengthBias.againstHuman).toMatchObject({ x: 2, n: 2, rate: 1 });
    expect(p?.lengthBias.judgeLongerWins).toMatchObject({ x: 3, n: 4 });
    expect(p?.lengthBias.humanLongerWins).toMatchObject({ x: 1, n: 3 });
  });
});

describe('meetsMinimum', () => {
  const good = calibrate({ scores: { items: fromTable(RUBRIC4), scale: SCALE } }); // quadratic κ 0.786, CI low 0.675, accuracy 0.7

  it.each([
    [{}, true, 'no minimum set'],
    [{ minKappa: 0.7 }, true, /meets the minimum \(scores\)/],
    [{ minKappa: 0.7, minAccuracy: 0.65 }, true, /meets/],
    [{ minKappa: 0.8 }, false, 'scores: kappa 0.786 < 0.8'],
    [{ minKappa: 0.7, bound: 'lower' }, false, /scores: kappa lower bound 0\.674 < 0\.7/],
    [{ minAccuracy: 0.75 }, false, 'scores: accuracy 0.700 < 0.75'],
    [{ minAccuracy: 0.65, minKappa: 0.9 }, false, 'scores: kappa 0.786 < 0.9'],
    [{ minAccuracy: 0.8, minKappa: 0.9 }, false, 'scores: accuracy 0.700 < 0.8; scores: kappa 0.786 < 0.9'],
  ] as const)('%j → %s', (min, pass, reason) => {
    const r = meetsMinimum(good, min);
    expect(r.pass).toBe(pass);
    if (typeof reason === 'string') expect(r.reason).toBe(reason);
    else expect(r.reason).toMatch(reason);
  });

  it('undefined kappa (every label in one category) fails with the reason', () => {
    const report = calibrate({ scores: { items: [{ id: 'a', judge: 3, human: 3 }, { id: 'b', judge: 3, human: 3 }], scale: SCALE } });
    expect(meetsMinimum(report, { minKappa: 0.2 })).toMatchObject({ pass: false, reason: expect.stringMatching(/kappa undefined \(chance agreement is 1/) });
    expect(meetsMinimum(report, { minAccuracy: 0.9 }).pass).toBe(true);
  });

  it('no labelled items, or no sections at all, fail', () => {
    expect(meetsMinimum(calibrate({}), { minKappa: 0.1 })).toEqual({ pass: false, reason: 'no calibration data' });
    const empty = calibrate({ scores: { items: [], scale: SCALE } });
    expect(meetsMinimum(empty, { minAccuracy: 0.5 })).toEqual({ pass: false, reason: 'scores: no labelled items' });
  });
});
