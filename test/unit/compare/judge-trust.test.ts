import { describe, expect, it } from 'vitest';
import { withJudgeTrust } from '../../../src/compare/judge-trust.js';
import type { Comparison } from '../../../src/compare/compare.js';
import type { JudgeCalibrationEntry } from '../../../src/judge/agreement/run-calibration.js';
import type { RunSummary } from '../../../src/summary/run-summary.js';

// Gates against a baseline fail as "not trusted" when either run's judge of a scorer that takes part
// in the verdict fell short of its required agreement on the model compared.

const M = 'sim:m';
const entry = (model: string, met: JudgeCalibrationEntry['met'], inVerdict = true) => ({
  scorer: 'rubric', criterion: null, model, met, inVerdict, reason: 'kappa 0.410 < 0.60 on 48 labelled items',
}) as Partial<JudgeCalibrationEntry> as JudgeCalibrationEntry;
const run = (entries?: JudgeCalibrationEntry[]) => (entries === undefined ? {} : { judgeCalibration: entries }) as Partial<RunSummary> as RunSummary;
const comparison = (gates: Comparison['gates'] = [{ gate: 'pass rate drop ≤ 2.0 pts (interval)', pass: true, status: 'pass', reason: 'change +1.0 pts' }]) =>
  ({ baseline: { run: 'b', runId: 'b', model: M, simulated: true }, candidate: { run: 'c', runId: 'c', model: M, simulated: true }, gates }) as Partial<Comparison> as Comparison;

describe('withJudgeTrust', () => {
  it.each([
    { what: 'runs without calibration (older runs)', base: run(), cand: run(), pass: true },
    { what: 'both judges met', base: run([entry(M, true)]), cand: run([entry(M, true)]), pass: true },
    { what: 'the candidate\'s judge below', base: run(), cand: run([entry(M, false)]), pass: false, why: /^change \+1\.0 pts; not trusted: candidate judge of rubric below required agreement/ },
    { what: 'the baseline\'s judge insufficient', base: run([entry(M, 'insufficient')]), cand: run(), pass: false, why: /not trusted: baseline judge of rubric has too few labelled items/ },
    { what: 'another model\'s judge below', base: run(), cand: run([entry('sim:other', false)]), pass: true },
    { what: 'a weight-0 scorer\'s judge below', base: run(), cand: run([entry(M, false, false)]), pass: true },
  ])('$what → gates pass: $pass', ({ base, cand, pass, why }) => {
    const out = withJudgeTrust(comparison(), base, cand);
    expect(out.gates.map((g) => g.pass)).toEqual([pass]);
    if (why !== undefined) expect(out.gates[0]?.reason).toMatch(why);
  });

  it('a comparison without gates is left as it is', () => {
    const c = comparison([]);
    expect(withJudgeTrust(c, run(), run([entry(M, false)]))).toBe(c);
  });
});
