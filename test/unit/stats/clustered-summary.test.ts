import { describe, expect, it } from 'vitest';
import { clusteredSummary } from '../../../src/stats/clustered-summary.js';
import { summarizeModel, type SummaryRecord } from '../../../src/summary/model-summary.js';
import { tCritical } from '../../../src/stats/distributions.js';

// Clustered figures of a model (dataset.fields.group): Inspect's clustered SE with a t interval on
// clusters − 1 df. Reference values by hand, t quantiles from R:
// qt(0.975, 3) = 3.182446305284263, qt(0.95, 3) = 2.353363434801823.

const T3_95 = 3.182446305284263;
const T3_90 = 2.353363434801823;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

describe('clusteredSummary', () => {
  it('the clustered fixture (values 0..19, cluster = i mod 4) as mean scores: SE 0.645497, t interval on 3 df', () => {
    const samples = Array.from({ length: 20 }, (_, i) => ({ pass: 0, score: i, group: `c${i % 4}` }));
    const c = clusteredSummary('doc', samples, 0.95);
    const se = Math.sqrt((125 * 4) / 3) / 20;
    expect(c).toMatchObject({ field: 'doc', clusters: 4, df: 3, meanScore: { mean: 9.5, se: r6(se), ci: [r6(9.5 - T3_95 * se), r6(9.5 + T3_95 * se)] } });
  });

  it('pass rate: 4 clusters of 3 with 3, 2, 0 and 1 passes; residual sums ±1.5, ±0.5, meat 5', () => {
    const passes = [[1, 1, 1], [1, 1, 0], [0, 0, 0], [1, 0, 0]];
    const samples = passes.flatMap((ps, c) => ps.map((pass) => ({ pass, score: pass, group: `d${c}` })));
    const se = Math.sqrt((5 * 4) / 3) / 12; // 0.215166
    const t = tCritical(0.6, 3); // distributions.test.ts checks tCritical against R
    expect(clusteredSummary('doc', samples, 0.6)?.passRate).toEqual({ mean: 0.5, se: r6(se), ci: [r6(0.5 - t * se), r6(0.5 + t * se)] });
    // At 90% (half-width 2.353363 × 0.215166 = 0.506) the interval passes 0 and 1: a pass rate's is clamped, a score's is not.
    expect(clusteredSummary('doc', samples, 0.9)?.meanScore.ci).toEqual([r6(0.5 - T3_90 * se), r6(0.5 + T3_90 * se)]);
    const at95 = clusteredSummary('doc', samples, 0.95);
    expect(at95?.passRate.ci).toEqual([0, 1]);
    expect(at95?.meanScore.ci?.[0]).toBeLessThan(0);
  });

  it.each([
    ['no samples', [], null],
    ['one cluster: SE 0, no interval', [{ pass: 1, score: 1, group: 'a' }, { pass: 0, score: 0, group: 'a' }], { clusters: 1, df: 0, passRate: { mean: 0.5, se: 0, ci: null } }],
  ])('%s', (_label, samples, expected) => {
    const c = clusteredSummary('doc', samples, 0.95);
    if (expected === null) expect(c).toBeNull();
    else expect(c).toMatchObject(expected);
  });
});

describe('summarizeModel with groups', () => {
  const rec = (sampleId: string, epoch: number, pass: boolean, status: 'ok' | 'error' = 'ok'): SummaryRecord => ({
    sampleId, model: 'm', epoch, status, pass: status === 'ok' ? pass : undefined, score: pass ? 1 : 0, latencyMs: 1, usage: null, costUsd: null,
    stopReason: 'end_turn', attempts: 1, error: status === 'error' ? { kind: 'server', message: '500', stage: 'provider' } : undefined, cached: false, scores: [],
  });
  const groups = { field: 'doc', of: (id: string) => ({ a1: 'A', a2: 'A', b1: 'B', c1: 'C' })[id] };

  it('averages epochs per sample first, leaves errors out, and clusters the samples', () => {
    const records = [
      rec('a1', 1, true), rec('a1', 2, false), rec('a2', 1, true), rec('a2', 2, true),
      rec('b1', 1, false), rec('b1', 2, false), rec('c1', 1, true), rec('c1', 2, true, 'error'), rec('zz', 1, true),
    ];
    const m = summarizeModel({ id: 'm', label: 'm', simulated: false }, records, { epochs: 2, groups });
    // Samples: a1 0.5 (A), a2 1 (A), b1 0 (B), c1 1 (C, its error left out), zz 1 (no group: its own cluster).
    const values = [0.5, 1, 0, 1, 1];
    const mean = values.reduce((s, v) => s + v, 0) / 5;
    expect(m.clustered).toMatchObject({ clusters: 4, df: 3, passRate: { mean: r6(mean) } });
  });

  it('is null without groups', () => {
    expect(summarizeModel({ id: 'm', label: 'm', simulated: false }, [rec('a1', 1, true)]).clustered).toBeNull();
  });
});
