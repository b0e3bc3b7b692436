import { describe, expect, it } from 'vitest';
import { compareSides, type CompareGates } from '../../../src/compare/compare.js';
import { pairSides } from '../../../src/compare/pair.js';
import { referenceComparisons } from '../../../src/compare/in-run.js';
import type { RunView, ItemResult } from '../../../src/compare/read-run.js';
import type { RunSummary } from '../../../src/summary/run-summary.js';
import type { SummaryRecord } from '../../../src/summary/model-summary.js';
import { segmentBreakdown } from '../../../src/summary/segments.js';

// Paired comparisons clustered on dataset.fields.group: the interval and the test are the clustered
// ones (Inspect's SE with C/(C − 1), t on C − 1 df), and so is the smallest detectable change.
// Reference values: statsmodels 0.13.5, OLS of d = candidate − baseline on a constant with
// cov_type='cluster' and use_t=True (its small-sample factor is C/(C − 1)·(N − 1)/(N − K), which is
// C/(C − 1) with K = 1), CI cut to [−1, 1]; mde = (z(1 − α/2) + z(0.8))·SE from scipy 1.10.1.

const M = 'sim:m';
type Row = readonly [id: string, passShare: number, cluster?: string];

/** A run whose samples have the given pass shares (a share of 0.5 is two epochs, one passed). */
function run(name: string, rows: readonly Row[]): RunView {
  const verdicts = new Map<string, ItemResult>();
  for (const [id, share, cluster] of rows) {
    const epochs = share === 0 || share === 1 ? [share === 1] : [true, false];
    epochs.forEach((pass, e) => verdicts.set(`${id}|${M}|${e + 1}`, { sampleId: id, model: M, epoch: e + 1, ok: true, unscored: false, pass, score: pass ? 1 : 0, errorKind: undefined, cluster }));
  }
  return { dir: name, shownDir: name, summary: { runId: name, models: [{ model: M, simulated: true }] } as unknown as RunSummary, verdicts };
}
const gates = (over: Partial<CompareGates> = {}): CompareGates => ({ judge: 'interval', level: 0.95, mustPass: [], ...over });
const sides = (base: readonly number[], cand: readonly number[], groups: readonly (string | undefined)[]) => ({
  base: run('base', base.map((x, i) => [`s${i}`, x, groups[i]] as const)),
  cand: run('cand', cand.map((x, i) => [`s${i}`, x, groups[i]] as const)),
});
const own = (id: string) => `\u0000${id}`;

const CASES = [
  {
    name: '12 samples, 4 clusters of 3, pass/fail',
    base: [1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1], cand: [0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0],
    groups: ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'd', 'd', 'd'], level: 0.95,
    want: { n: 12, clusters: 4, diff: -0.333333, se: 0.235702, ci: [-1, 0.416776], p: 0.25221549635550433, mde: 0.66034 },
  },
  {
    name: 'two epochs: pass shares, 5 clusters of 2',
    base: [1, 0.5, 1, 1, 0.5, 1, 0, 1, 1, 0.5], cand: [0.5, 0.5, 0, 1, 0, 0.5, 0, 0.5, 1, 0],
    groups: ['p', 'p', 'q', 'q', 'r', 'r', 's', 's', 't', 't'], level: 0.95,
    want: { n: 10, clusters: 5, diff: -0.35, se: 0.061237, ci: [-0.520022, -0.179978], p: 0.004635839417904404, mde: 0.171561 },
  },
  {
    name: 'three samples without a group value are clusters of their own',
    base: [1, 1, 1, 1, 0, 1, 1, 1, 0, 1], cand: [0, 1, 0, 1, 0, 0, 1, 1, 1, 0],
    groups: ['g1', 'g1', 'g1', 'g1', 'g2', 'g2', 'g2', own('s7'), own('s8'), own('s9')], level: 0.95,
    want: { n: 10, clusters: 5, diff: -0.3, se: 0.19105, ci: [-0.830439, 0.230439], p: 0.1914409737157232, mde: 0.535242 },
  },
  {
    name: 'the same at 90%',
    base: [1, 1, 1, 1, 0, 1, 1, 1, 0, 1], cand: [0, 1, 0, 1, 0, 0, 1, 1, 1, 0],
    groups: ['g1', 'g1', 'g1', 'g1', 'g2', 'g2', 'g2', own('s7'), own('s8'), own('s9')], level: 0.9,
    want: { n: 10, clusters: 5, diff: -0.3, se: 0.19105, ci: [-0.707289, 0.107289], p: 0.1914409737157232, mde: 0.47504 },
  },
] as const;

describe('compareSides with clusters', () => {
  it.each(CASES)('$name: statsmodels\' clustered t interval, test and detectable change', ({ base, cand, groups, level, want }) => {
    const s = sides(base, cand, groups);
    const c = compareSides({ run: s.base, model: M }, { run: s.cand, model: M }, gates({ level }));
    expect(c.n).toBe(want.n);
    expect(c.clusters).toBe(want.clusters);
    expect(c.passRate.diff).toBeCloseTo(want.diff, 6);
    expect(c.passRate.se).toBeCloseTo(want.se, 6);
    expect(c.passRate.ci?.[0]).toBeCloseTo(want.ci[0], 6);
    expect(c.passRate.ci?.[1]).toBeCloseTo(want.ci[1], 6);
    expect(c.passRate.test.name).toBe('clustered-t');
    expect(c.passRate.test.p).toBeCloseTo(want.p, 12);
    expect(c.mde).toBeCloseTo(want.mde, 6);
    // Every score is 0 or 1 per epoch, so the mean score's change is the pass rate's, with the same test.
    expect(c.score.test).toEqual(c.passRate.test);
    expect(c.score.ci).toEqual(c.passRate.ci);
  });

  it('the same runs without groups keep McNemar (one epoch) and the unclustered interval', () => {
    const { base, cand } = CASES[0];
    const s = sides(base, cand, base.map(() => undefined));
    const c = compareSides({ run: s.base, model: M }, { run: s.cand, model: M }, gates());
    expect(c.clusters).toBeNull();
    expect(c.passRate.test.name).toBe('mcnemar-exact');
    expect(c.score.test.name).toBe('permutation');
    expect(c.passRate.se).not.toBeCloseTo(CASES[0].want.se, 3);
  });

  it('a gate judged by the interval and one judged by significance agree when clustered (one t test behind both)', () => {
    const { base, cand, groups } = CASES[1];
    const s = sides(base, cand, groups);
    for (const judge of ['interval', 'significance'] as const) {
      const c = compareSides({ run: s.base, model: M }, { run: s.cand, model: M }, gates({ judge, maxDrop: 0.1 }));
      expect(c.gates[0]?.status, judge).toBe('fail');
    }
  });

  it('one cluster: no interval and no p (a t interval needs C − 1 ≥ 1 df), never a made-up figure', () => {
    const s = sides([1, 1, 0], [0, 1, 0], ['x', 'x', 'x']);
    const c = compareSides({ run: s.base, model: M }, { run: s.cand, model: M }, gates({ maxDrop: 0.05 }));
    expect(c).toMatchObject({ n: 3, clusters: 1, mde: null });
    expect(c.passRate.ci).toBeNull();
    expect(c.passRate.test).toEqual({ name: 'clustered-t', p: null });
    expect(c.gates[0]).toMatchObject({ status: 'fail', reason: 'no paired samples to judge' });
  });
});

describe('pairSides: which cluster a paired sample is in', () => {
  const pair = (a: Row[], b: Row[]) => pairSides({ run: run('a', a), model: M }, { run: run('b', b), model: M }).clusters;
  it.each([
    { name: 'neither run had a group field', a: [['s1', 1], ['s2', 0]], b: [['s1', 1], ['s2', 1]], want: null },
    { name: 'the baseline\'s group', a: [['s1', 1, 'g'], ['s2', 0, 'h']], b: [['s1', 1, 'x'], ['s2', 1, 'y']], want: ['g', 'h'] },
    { name: 'the candidate\'s, when the baseline had no group field (an older run)', a: [['s1', 1], ['s2', 0]], b: [['s1', 1, 'x'], ['s2', 1, 'x']], want: ['x', 'x'] },
    { name: 'the sample\'s own when neither side names one', a: [['s1', 1, 'g'], ['s2', 0]], b: [['s1', 1], ['s2', 1]], want: ['g', own('s2')] },
    { name: 'only paired samples count: an error is left out with its cluster', a: [['s1', 1, 'g'], ['s2', 0, 'h']], b: [['s1', 1, 'g']], want: ['g'] },
  ] as const)('$name', ({ a, b, want }) => {
    expect(pair([...a] as Row[], [...b] as Row[])).toEqual(want);
  });
});

const rec = (sampleId: string, model: string, pass: boolean): SummaryRecord => ({
  sampleId, model, epoch: 1, status: 'ok', pass, score: pass ? 1 : 0, latencyMs: 1, usage: null, costUsd: null, stopReason: null, attempts: 1, error: undefined, cached: false, judge: undefined, cacheSavingsUsd: undefined, scores: [],
});

describe('in a run: comparisons and segments with dataset.fields.group', () => {
  const { base, cand, groups, want } = CASES[0];
  const records = [...base.map((x, i) => rec(`s${i}`, 'ref', x === 1)), ...cand.map((x, i) => rec(`s${i}`, 'new', x === 1))];
  const summary = { runId: 'r', models: [{ model: 'ref' }, { model: 'new' }] } as unknown as RunSummary;
  const clusterOf = (id: string) => groups[Number(id.slice(1))];

  it('every model against the first is clustered, and says on how many clusters', () => {
    const [c] = referenceComparisons(summary, records, 0.95, clusterOf);
    expect(c).toMatchObject({ n: 12, clusters: 4, test: { name: 'clustered-t' } });
    expect(c?.ci?.[1]).toBeCloseTo(want.ci[1], 6);
    expect(c?.test.p).toBeCloseTo(want.p, 12);
  });

  it('without groups the summary\'s comparison has no clusters field (summary.json unchanged)', () => {
    const [c] = referenceComparisons(summary, records, 0.95);
    expect(c).not.toHaveProperty('clusters');
    expect(c?.test.name).toBe('mcnemar-exact');
  });

  it('a segment\'s change is clustered too; its test is the clustered t test', () => {
    const [field] = segmentBreakdown({ models: summary.models, records, metadataOf: () => ({ lang: 'en' }), fields: ['lang'], clusterOf });
    const change = field?.segments[0]?.changes[0];
    expect(change).toMatchObject({ n: 12, clusters: 4, test: { name: 'clustered-t' } });
    expect(change?.ci?.[1]).toBeCloseTo(want.ci[1], 6);
    const [plain] = segmentBreakdown({ models: summary.models, records, metadataOf: () => ({ lang: 'en' }), fields: ['lang'] });
    expect(plain?.segments[0]?.changes[0]).not.toHaveProperty('clusters');
  });
});
