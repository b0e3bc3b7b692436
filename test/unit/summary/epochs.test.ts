import { describe, expect, it } from 'vitest';
import { summarizeEpochs, type EpochSummary } from '../../../src/summary/epochs.js';
import { summarizeModel } from '../../../src/summary/model-summary.js';
import type { RunRecord } from '../../../src/types.js';

type Verdict = 'P' | 'F' | 'E';
type EpochRecord = Pick<RunRecord, 'sampleId' | 'epoch' | 'status' | 'pass'>;

/** 'PF E' style: one string per sample, one letter per epoch (P pass, F fail, E ended in error). */
function records(samples: Readonly<Record<string, string>>): EpochRecord[] {
  return Object.entries(samples).flatMap(([sampleId, verdicts]) => [...verdicts].map((v, i): EpochRecord => {
    const verdict = v as Verdict;
    return verdict === 'E' ? { sampleId, epoch: i + 1, status: 'error' } : { sampleId, epoch: i + 1, status: 'ok', pass: verdict === 'P' };
  }));
}

type Figures = Pick<EpochSummary, 'samples' | 'incomplete'> & Record<'passAtK' | 'passHatK' | 'majority' | 'flaky' | 'meanShare', number | null>;

const figures = (e: EpochSummary | null): Figures | null => e === null ? null : {
  samples: e.samples, incomplete: e.incomplete, passAtK: e.passAtK.share, passHatK: e.passHatK.share,
  majority: e.majority.share, flaky: e.flaky.share, meanShare: e.meanShare.share,
};

// Hand-computed. k = 2: A PP, B PF, C FF, D FP complete; E P+error left out. pass@2 A,B,D = 3/4;
// pass^2 A = 1/4; majority (> 1 of 2) A only, the ties B and D fail = 1/4; flaky B,D = 2/4;
// mean share (1 + ½ + 0 + ½)/4 = ½. k = 3: A PPP, B PPF, C PFF, D FFF; E PP+error and F all errors
// left out. pass@3 3/4, pass^3 1/4, majority (≥ 2 of 3) A,B = 2/4, flaky B,C = 2/4, mean share ½.
describe('summarizeEpochs: the reducers', () => {
  it.each<[string, Readonly<Record<string, string>>, number, Figures | null]>([
    ['k = 2, ties fail the majority, an error epoch leaves its sample out', { A: 'PP', B: 'PF', C: 'FF', D: 'FP', E: 'PE' }, 2,
      { samples: 4, incomplete: 1, passAtK: 0.75, passHatK: 0.25, majority: 0.25, flaky: 0.5, meanShare: 0.5 }],
    ['k = 3', { A: 'PPP', B: 'PPF', C: 'PFF', D: 'FFF', E: 'PPE', F: 'EEE' }, 3,
      { samples: 4, incomplete: 2, passAtK: 0.75, passHatK: 0.25, majority: 0.5, flaky: 0.5, meanShare: 0.5 }],
    ['a sample short of k items (unfinished) is left out', { A: 'PP', B: 'P' }, 2,
      { samples: 1, incomplete: 1, passAtK: 1, passHatK: 1, majority: 1, flaky: 0, meanShare: 1 }],
    ['all pass', { A: 'PPP', B: 'PPP', C: 'PPP' }, 3,
      { samples: 3, incomplete: 0, passAtK: 1, passHatK: 1, majority: 1, flaky: 0, meanShare: 1 }],
    ['all fail', { A: 'FF', B: 'FF' }, 2,
      { samples: 2, incomplete: 0, passAtK: 0, passHatK: 0, majority: 0, flaky: 0, meanShare: 0 }],
    ['no complete sample: nulls, never NaN', { A: 'EE' }, 2,
      { samples: 0, incomplete: 1, passAtK: null, passHatK: null, majority: null, flaky: null, meanShare: null }],
    ['k = 1: null', { A: 'P', B: 'F' }, 1, null],
  ])('%s', (_name, samples, k, expected) => {
    expect(figures(summarizeEpochs(records(samples), k))).toEqual(expected);
  });

  // Wilson 3/4 = (0.300642, 0.954413), 1/4 = (0.045587, 0.699358), 2/4 = (0.150039, 0.849961); the mean
  // share's CLT interval over shares (1, ½, 0, ½): ½ ± 1.96·sd/√4 = (0.099924, 0.900076).
  const k2 = summarizeEpochs(records({ A: 'PP', B: 'PF', C: 'FF', D: 'FP', E: 'PE' }), 2);
  it.each([
    ['pass@k', k2?.passAtK, { count: 3, share: 0.75, ci: [0.300642, 0.954413] }],
    ['pass^k', k2?.passHatK, { count: 1, share: 0.25, ci: [0.045587, 0.699358] }],
    ['majority', k2?.majority, { count: 1, share: 0.25, ci: [0.045587, 0.699358] }],
    ['flaky', k2?.flaky, { count: 2, share: 0.5, ci: [0.150039, 0.849961] }],
    ['mean share (CLT over samples)', k2?.meanShare, { share: 0.5, ci: [0.099924, 0.900076] }],
  ])('k = 2 %s with its interval', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('the all-pass interval reaches 1 exactly', () => {
    expect(summarizeEpochs(records({ A: 'PP', B: 'PP' }), 2)?.passHatK.ci?.[1]).toBe(1);
  });
});

describe('summarizeModel: epochs', () => {
  const meta = { id: 'm', label: 'M', simulated: false };
  const full = (r: EpochRecord): RunRecord => ({
    runId: 'r', evalId: 'e', model: 'm', simulated: false, output: '', pass: r.pass, score: r.pass === true ? 1 : 0,
    scores: [], latencyMs: null, usage: null, costUsd: null, stopReason: null, attempts: 1, retries: [], cached: false,
    startedAt: '2026-11-23T00:00:00.000Z', durationMs: 1, metadata: {}, ...r,
  });
  const recs = records({ A: 'PP', B: 'PF' }).map(full);

  it('gives the reducers with k > 1 and null with one epoch', () => {
    expect(summarizeModel(meta, recs, { epochs: 2 }).epochs?.passAtK.count).toBe(2);
    expect(summarizeModel(meta, recs, { epochs: 1 }).epochs).toBeNull();
    expect(summarizeModel(meta, recs).epochs).toBeNull();
  });

  it('ignores the other models\' records', () => {
    expect(summarizeModel(meta, [...recs, full({ sampleId: 'Z', epoch: 1, status: 'ok', pass: true })].map((r) => (r.sampleId === 'Z' ? { ...r, model: 'other' } : r)), { epochs: 2 }).epochs?.samples).toBe(2);
  });
});
