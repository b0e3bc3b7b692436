import { describe, expect, it } from 'vitest';
import { doc, FILE, issuesOf, load } from './helpers.js';

// judge.calibration in the spec: resolved with its defaults and the labels path made relative to the
// spec (like dataset.path), or refused before any call with the pointer and the fix.

const JUDGE = 'sim:judge';
const rubric = (judge: Record<string, unknown> = {}) => ({ type: 'rubric', rubric: 'Good?', scale: { min: 1, max: 5 }, pass_at: 4, judge: { model: JUDGE, ...judge } });
const criteria = (judge: Record<string, unknown> = {}) => ({
  type: 'criteria', judge: { model: JUDGE, ...judge },
  criteria: [{ name: 'tone', description: 'polite', scale: { min: 1, max: 3 }, pass_at: 2 }],
});

describe('judge.calibration: resolved', () => {
  it('on a scorer: defaults applied, the labels path relative to the spec', () => {
    const spec = load(doc({ scorers: [rubric({ calibration: { labels: 'labels/h.csv', min_kappa: 0.6 } })] }));
    expect(spec.scorers[0]?.judge?.calibration).toEqual({
      labels: '/work/evals/labels/h.csv', shown: 'labels/h.csv', at: '/scorers/0/judge/calibration',
      minKappa: 0.6, weighting: 'quadratic', bound: 'estimate', idField: 'id', labelField: 'human',
    });
  });

  it('at the spec level: every model-graded scorer without its own gets it; a scorer\'s own wins', () => {
    const spec = load(doc({
      judge: { model: JUDGE, calibration: { labels: 'a.jsonl', min_accuracy: 0.8, bound: 'lower', weighting: 'linear', id_field: 'sample', label_field: 'grade' } },
      scorers: [{ type: 'reference' }, rubric({ calibration: { labels: 'b.jsonl', min_kappa: 0.5 } }), { type: 'equals' }],
    }));
    expect(spec.scorers.map((s) => s.judge?.calibration && [s.judge.calibration.shown, s.judge.calibration.at, s.judge.calibration.minKappa, s.judge.calibration.minAccuracy, s.judge.calibration.bound])).toEqual([
      ['a.jsonl', '/judge/calibration', undefined, 0.8, 'lower'],
      ['b.jsonl', '/scorers/1/judge/calibration', 0.5, undefined, 'estimate'],
      undefined,
    ]);
    expect(spec.scorers[0]?.judge?.calibration).toMatchObject({ weighting: 'linear', idField: 'sample', labelField: 'grade' });
  });

  it('the spec-level one: pairwise scorers do not take it, and its criterion concerns criteria scorers only', () => {
    const spec = load(doc({
      judge: { model: JUDGE, calibration: { labels: 'a.jsonl', min_kappa: 0.6, criterion: 'tone' } },
      scorers: [{ type: 'pairwise', against: 'runs/base' }, rubric(), criteria()],
    }));
    expect(spec.scorers.map((s) => s.judge?.calibration?.criterion ?? (s.judge?.calibration === undefined ? 'none' : 'no criterion'))).toEqual(['none', 'no criterion', 'tone']);
  });

  it('a criteria scorer with its criterion', () => {
    const spec = load(doc({ scorers: [criteria({ calibration: { labels: 'h.jsonl', min_kappa: 0.6, criterion: 'tone' } })] }));
    expect(spec.scorers[0]?.judge?.calibration?.criterion).toBe('tone');
  });
});

describe('judge.calibration: refused before any call', () => {
  it.each([
    { what: 'no minimum', scorers: [rubric({ calibration: { labels: 'h.jsonl' } })], issue: '#/scorers/0/judge/calibration: set the required agreement, min_kappa' },
    { what: 'a criteria scorer without a criterion', scorers: [criteria({ calibration: { labels: 'h.jsonl', min_kappa: 0.6 } })], issue: '#/scorers/0/judge/calibration: scorer criteria is a criteria scorer: name the criterion to calibrate with "criterion:" (one of tone)' },
    { what: 'an unknown criterion', scorers: [criteria({ calibration: { labels: 'h.jsonl', min_kappa: 0.6, criterion: 'tne' } })], issue: '#/scorers/0/judge/calibration/criterion: scorer criteria is a criteria scorer: name the criterion to calibrate with "criterion:" (one of tone); "tne" is not one' },
    { what: 'a criterion on a rubric scorer', scorers: [rubric({ calibration: { labels: 'h.jsonl', min_kappa: 0.6, criterion: 'tone' } })], issue: '#/scorers/0/judge/calibration/criterion: scorer rubric is a rubric scorer, not a criteria one; remove criterion' },
    { what: 'a pairwise scorer', scorers: [{ type: 'pairwise', against: 'runs/base', judge: { model: JUDGE, calibration: { labels: 'h.jsonl', min_kappa: 0.6 } } }], issue: '#/scorers/0/judge/calibration: scorer pairwise is pairwise; calibrating pairwise preferences inside a run is not supported' },
  ])('$what', ({ scorers, issue }) => {
    expect(issuesOf(() => load(doc({ scorers })))).toEqual([expect.stringContaining(`${FILE}${issue}`)]);
  });

  it.each([
    { what: 'a kappa above 1', calibration: { labels: 'h.jsonl', min_kappa: 1.5 } },
    { what: 'an unknown key', calibration: { labels: 'h.jsonl', min_kappa: 0.6, min_kapa: 0.6 } },
    { what: 'no labels', calibration: { min_kappa: 0.6 } },
    { what: 'an unknown weighting', calibration: { labels: 'h.jsonl', min_kappa: 0.6, weighting: 'cubic' } },
  ])('the schema refuses $what', ({ calibration }) => {
    expect(() => load(doc({ scorers: [rubric({ calibration })] }))).toThrow(/judge\/calibration/);
  });
});
