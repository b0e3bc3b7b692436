import { describe, expect, it } from 'vitest';
import { baselineFailed, decideVerdict, withVerdict, type VerdictParts } from '../../../src/summary/verdict.js';
import type { BaselineSection, GateResult, RunSummary } from '../../../src/summary/run-summary.js';
import type { JudgeCalibrationEntry } from '../../../src/judge/agreement/run-calibration.js';

const M = 'sim:model';
const gate = (pass: boolean, skipped = false): GateResult => ({ model: M, minPassRate: 0.8, passRate: pass ? 0.9 : 0.7, pass, skipped, reason: pass ? 'pass rate 90.0% >= 80.0%' : 'pass rate 70.0% < 80.0%' });
const entry = (met: JudgeCalibrationEntry['met'], inVerdict = true) => ({ scorer: 'rubric', criterion: null, model: M, met, inVerdict, reason: 'kappa 0.410 < 0.60' }) as JudgeCalibrationEntry;
const baseline = (over: Partial<BaselineSection> = {}): BaselineSection => ({ dir: '/b/routed', problem: null, gates: [{ model: M, gate: 'pass rate drop ≤ 2.0 pts (interval)', pass: true, reason: 'ok' }], ...over });
const failedGate = { model: M, gate: 'pass rate drop ≤ 2.0 pts (interval)', pass: false, reason: 'the interval lies below −2.0 pts' };

describe('decideVerdict', () => {
  it.each<{ what: string; parts: VerdictParts; verdict: RunSummary['verdict']; pass?: boolean[] }>([
    { what: 'no gates: pass', parts: { incomplete: false, shard: false, gates: [] }, verdict: 'pass' },
    { what: 'spec gates pass', parts: { incomplete: false, shard: false, gates: [gate(true), gate(true, true)] }, verdict: 'pass' },
    { what: 'a spec gate fails', parts: { incomplete: false, shard: false, gates: [gate(false)] }, verdict: 'gate_failed' },
    { what: 'incomplete wins over a failed gate', parts: { incomplete: true, shard: false, gates: [gate(false)], baseline: baseline({ gates: [failedGate] }) }, verdict: 'incomplete' },
    { what: 'a judge below its agreement fails the run and distrusts the gate', parts: { incomplete: false, shard: false, gates: [gate(true)], judgeCalibration: [entry(false)] }, verdict: 'gate_failed', pass: [false] },
    { what: 'a judge that meets its agreement', parts: { incomplete: false, shard: false, gates: [gate(true)], judgeCalibration: [entry(true)] }, verdict: 'pass', pass: [true] },
    { what: 'a shard: calibration gates nothing', parts: { incomplete: false, shard: true, gates: [gate(true)], judgeCalibration: [entry(false)] }, verdict: 'pass', pass: [true] },
    { what: 'baseline gates pass', parts: { incomplete: false, shard: false, gates: [gate(true)], baseline: baseline() }, verdict: 'pass' },
    { what: 'a failed baseline gate fails the run', parts: { incomplete: false, shard: false, gates: [gate(true)], baseline: baseline({ gates: [failedGate] }) }, verdict: 'gate_failed', pass: [true] },
    { what: 'runs that could not be compared fail the run', parts: { incomplete: false, shard: false, gates: [], baseline: baseline({ problem: 'no model in common', gates: [] }) }, verdict: 'gate_failed' },
    { what: 'a shard still gates on its baseline', parts: { incomplete: false, shard: true, gates: [], baseline: baseline({ gates: [failedGate] }) }, verdict: 'gate_failed' },
  ])('$what', ({ parts, verdict, pass }) => {
    const d = decideVerdict(parts);
    expect(d.verdict).toBe(verdict);
    if (pass !== undefined) expect(d.gates.map((g) => g.pass)).toEqual(pass);
  });

  it.each([
    { b: undefined, failed: false },
    { b: baseline(), failed: false },
    { b: baseline({ gates: [failedGate] }), failed: true },
    { b: baseline({ problem: 'no model in common', gates: [] }), failed: true },
  ])('baselineFailed $#', ({ b, failed }) => {
    expect(baselineFailed(b)).toBe(failed);
  });
});

describe('withVerdict', () => {
  const summary = (gates: GateResult[], verdict: RunSummary['verdict'] = 'pass') => ({ verdict, gates, shard: null }) as Pick<RunSummary, 'verdict' | 'gates' | 'shard'> as RunSummary;

  it.each([
    { what: 'keeps the baseline section and fails on it', s: summary([gate(true)]), b: baseline({ gates: [failedGate] }), verdict: 'gate_failed' },
    { what: 'a passing baseline leaves a pass', s: summary([gate(true)]), b: baseline(), verdict: 'pass' },
    { what: 'an incomplete run stays incomplete', s: summary([], 'incomplete'), b: baseline({ gates: [failedGate] }), verdict: 'incomplete' },
  ])('$what', ({ s, b, verdict }) => {
    const out = withVerdict(s, { baseline: b });
    expect(out.verdict).toBe(verdict);
    expect(out.baseline).toEqual(b);
    expect('judgeCalibration' in out).toBe(false);
  });

  it('nothing to add: the same summary', () => {
    const s = summary([gate(true)]);
    expect(withVerdict(s, { judgeCalibration: [] })).toBe(s);
  });
});
