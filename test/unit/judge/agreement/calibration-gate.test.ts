import { describe, expect, it } from 'vitest';
import { calibrationEntry, type JudgeCalibrationEntry } from '../../../../src/judge/agreement/run-calibration.js';
import { calibrationMessage } from '../../../../src/judge/agreement/calibration-gate.js';
import { applyJudgeCalibration } from '../../../../src/summary/verdict.js';
import type { JudgeCalibrationSpec } from '../../../../src/types/judge.js';
import type { ScorerSpec } from '../../../../src/scoring/create.js';
import type { GateResult, RunSummary } from '../../../../src/summary/run-summary.js';

// The in-run calibration of a judge and what it does to the gates. The records realise the 2×2 table
// (judge rows × human columns [[40,10],[5,45]], n = 100): kappa 0.7, SE 0.071056,
// 95% CI (0.560732, 0.839268), accuracy 0.85.

const M = 'sim:m';
const SCORER: ScorerSpec = { type: 'reference', name: 'reference', weight: 1, negate: false, options: {} };
const CAL: JudgeCalibrationSpec = { labels: '/x/h.jsonl', shown: 'h.jsonl', at: '/judge/calibration', weighting: 'quadratic', bound: 'estimate', idField: 'id', labelField: 'human', minKappa: 0.6 };

/** [judge, human, count] cells of the table. */
const CELLS: [number, number, number][] = [[1, 1, 40], [1, 0, 10], [0, 1, 5], [0, 0, 45]];
function fixture(): { records: unknown[]; labels: Map<string, number> } {
  const records: unknown[] = [];
  const labels = new Map<string, number>();
  for (const [judge, human, count] of CELLS) {
    for (let k = 0; k < count; k++) {
      const id = `s${records.length}`;
      records.push({ sampleId: id, model: M, epoch: 1, status: 'ok', output: 'x', scores: [{ name: 'reference', value: judge, pass: judge === 1, judge: { verdict: judge } }] });
      labels.set(id, human);
    }
  }
  records.push({ sampleId: 'jerr', model: M, status: 'error', scores: [], error: { kind: 'judge', stage: 'judge', message: 'm' } });
  labels.set('jerr', 1);
  return { records, labels };
}

describe('calibrationEntry: the gate decision', () => {
  const { records, labels } = fixture();
  it('reproduces the hand figures and counts the judge error apart', () => {
    const e = calibrationEntry({ scorer: SCORER, calibration: CAL, labels }, M, records);
    expect(e.n).toBe(100);
    expect(e.accuracy).toMatchObject({ x: 85, n: 100, rate: 0.85 });
    expect(e.kappa.value).toBeCloseTo(0.7, 9);
    expect(e.kappa.se).toBeCloseTo(0.071056, 6);
    expect(e.kappa.ci95?.[0]).toBeCloseTo(0.560732, 5);
    expect(e.leftOut).toEqual({ judgeErrors: 1, modelErrors: 0, notInRun: 0, unlabelled: 0 });
  });

  it.each([
    { what: 'kappa above the minimum', cal: { minKappa: 0.6 }, met: true, reason: 'kappa 0.700 on 100 labelled items meets the required kappa ≥ 0.60' },
    { what: 'kappa below', cal: { minKappa: 0.75 }, met: false, reason: 'kappa 0.700 < 0.75 on 100 labelled items' },
    { what: 'the lower bound below', cal: { minKappa: 0.6, bound: 'lower' as const }, met: false, reason: 'kappa lower bound 0.561 < 0.60 on 100 labelled items' },
    { what: 'accuracy below', cal: { minKappa: undefined, minAccuracy: 0.9 }, met: false, reason: 'accuracy 0.850 < 0.90 on 100 labelled items' },
    { what: 'both met', cal: { minKappa: 0.5, minAccuracy: 0.8 }, met: true, reason: 'kappa 0.700, accuracy 0.850 on 100 labelled items meets the required kappa ≥ 0.50 and accuracy ≥ 0.80' },
  ])('$what → $met', ({ cal, met, reason }) => {
    const e = calibrationEntry({ scorer: SCORER, calibration: { ...CAL, ...cal }, labels }, M, records);
    expect([e.met, e.reason]).toEqual([met, reason]);
  });

  it.each([
    { what: 'no labelled sample has a verdict', labels: new Map([['jerr', 1]]), reason: /^no labelled sample has a judge verdict/ },
    { what: 'kappa undefined (every label in one category)', labels: new Map([['s0', 1], ['s1', 1]]), reason: /^kappa is undefined on 2 labelled items/ },
    { what: 'labels of another model only', labels, model: 'sim:other', reason: /^no labelled sample has a judge verdict/ },
  ])('insufficient: $what', ({ labels: l, model, reason }) => {
    const e = calibrationEntry({ scorer: SCORER, calibration: CAL, labels: l }, model ?? M, records);
    expect(e.met).toBe('insufficient');
    expect(e.reason).toMatch(reason);
  });
});

const entry = (over: Partial<JudgeCalibrationEntry>): JudgeCalibrationEntry => ({
  scorer: 'reference', criterion: null, model: M, labels: 'h.jsonl', inVerdict: true, n: 48,
  accuracy: { x: 30, n: 48, rate: 0.625, ci95: [0.48, 0.75] },
  kappa: { weighting: 'quadratic', value: 0.41, se: 0.1, ci95: [0.21, 0.61], undefinedBecause: null },
  minimum: { kappa: 0.6, accuracy: null, bound: 'estimate' }, met: false, reason: 'kappa 0.410 < 0.60 on 48 labelled items',
  leftOut: { judgeErrors: 0, modelErrors: 0, notInRun: 0, unlabelled: 0 }, ...over,
});
const gate = (model: string, pass = true, skipped = false): GateResult => ({ model, minPassRate: 0.8, passRate: 0.9, pass, skipped, reason: 'pass rate 90.0% >= 80.0%' });
const summary = (gates: GateResult[], verdict: RunSummary['verdict'] = 'pass', shard: RunSummary['shard'] = null) => ({ verdict, gates, shard }) as Pick<RunSummary, 'verdict' | 'gates' | 'shard'> as RunSummary;

describe('applyJudgeCalibration', () => {
  it.each([
    { what: 'met: gates judged as usual', entries: [entry({ met: true })], gates: [gate(M)], verdict: 'pass', pass: [true] },
    { what: 'not met: the run fails and the same model\'s gate is not trusted', entries: [entry({})], gates: [gate(M), gate('sim:other')], verdict: 'gate_failed', pass: [false, true] },
    { what: 'insufficient counts as not met', entries: [entry({ met: 'insufficient' })], gates: [gate(M)], verdict: 'gate_failed', pass: [false] },
    { what: 'weight 0: the run fails, gates judged as usual', entries: [entry({ inVerdict: false })], gates: [gate(M)], verdict: 'gate_failed', pass: [true] },
    { what: 'a skipped gate stays skipped', entries: [entry({})], gates: [gate(M, true, true)], verdict: 'gate_failed', pass: [true] },
    { what: 'no gates: the unmet requirement alone fails the run', entries: [entry({})], gates: [], verdict: 'gate_failed', pass: [] },
  ])('$what', ({ entries, gates, verdict, pass }) => {
    const out = applyJudgeCalibration(summary(gates), entries);
    expect(out.verdict).toBe(verdict);
    expect(out.gates.map((g) => g.pass)).toEqual(pass);
    expect(out.judgeCalibration).toEqual(entries);
  });

  it('an incomplete run stays incomplete; no entries leave the summary as it was', () => {
    expect(applyJudgeCalibration(summary([], 'incomplete'), [entry({})]).verdict).toBe('incomplete');
    const s = summary([gate(M)]);
    expect(applyJudgeCalibration(s, [])).toBe(s);
  });

  it('a shard reports its entries but gates nothing on them (merge gates the whole run)', () => {
    const out = applyJudgeCalibration(summary([gate(M)], 'pass', { index: 1, count: 2 }), [entry({})]);
    expect([out.verdict, out.gates.map((g) => g.pass), out.judgeCalibration?.length]).toEqual(['pass', [true], 1]);
  });

  it('a distrusted gate says why', () => {
    const out = applyJudgeCalibration(summary([gate(M)]), [entry({})]);
    expect(out.gates[0]?.reason).toBe('pass rate 90.0% >= 80.0%; not trusted: judge of reference below required agreement (kappa 0.410 < 0.60 on 48 labelled items): its scores do not gate');
  });

  it.each([
    { met: true as const, text: 'judge of reference meets its required agreement (kappa 0.410 < 0.60 on 48 labelled items)' },
    { met: false as const, text: 'judge of reference below required agreement (kappa 0.410 < 0.60 on 48 labelled items): its scores do not gate' },
    { met: 'insufficient' as const, text: 'judge of reference has too few labelled items to measure agreement (kappa 0.410 < 0.60 on 48 labelled items): its scores do not gate' },
  ])('calibrationMessage ($met)', ({ met, text }) => {
    expect(calibrationMessage(entry({ met }))).toBe(text);
  });
});
