import { describe, expect, it } from 'vitest';
import { NO_SEGMENT, noDifferenceBound, segmentVerdicts } from '../../../../src/route/segments/segment-verdicts.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { pairedDifference } from '../../../../src/stats/paired.js';
import { sampleSize } from '../../../../src/stats/power.js';
import { dp6 } from '../fixture.js';

/** `count` items of one segment value with the given (q_S, q_L). */
function block(value: string, count: number, qS: number, qL: number, extra: Partial<RouteItem> = {}): RouteItem[] {
  return Array.from({ length: count }, () => ({ qS, qL, cS: 1, cL: 10, lS: 100, lL: 900, segments: { topic: value }, ...extra }));
}

const ITEMS: RouteItem[] = [
  // Intervals of 0/1 scores are Newcombe's hybrid score interval (test/fixtures/stats/newcombe.py).
  // easy: 200 ties → diff 0, SE 0; Newcombe (200, 0, 0, 0): ± 0.018845, above −0.02.
  ...block('easy', 200, 1, 1),
  // hard: 15 × (S wrong, L right), 5 ties → diff −0.75, SE 0.099340, Newcombe (5, 0, 15, 0): (−0.888138, −0.478354), below −0.02.
  ...block('hard', 15, 0, 1, { cS: 2 }), ...block('hard', 5, 1, 1, { cS: 2 }),
  // mixed: 3 × (1, 0), 2 × (0, 1), 45 ties → diff 0.02, SE 0.045084, Newcombe (45, 3, 2, 0): (−0.084330, 0.127624) straddles −0.02.
  ...block('mixed', 3, 1, 0), ...block('mixed', 2, 0, 1), ...block('mixed', 45, 1, 1, { lS: null }),
  // one item without the field.
  { qS: 1, qL: 0, cS: null, cL: 10, lS: 100, lL: 900 },
];

describe('segmentVerdicts (tolerance 0.02)', () => {
  const byValue = new Map(segmentVerdicts(ITEMS, { field: 'topic', tolerance: 0.02 }).map((v) => [v.value, v]));

  it('one verdict per value, in order of first appearance, missing values under (none)', () => {
    expect([...byValue.keys()]).toEqual(['easy', 'hard', 'mixed', NO_SEGMENT]);
  });

  it('holds: the whole interval is above −tolerance', () => {
    const v = byValue.get('easy');
    expect(v).toMatchObject({ n: 200, diff: 0, verdict: 'holds', neededN: null });
    expect(v?.ci?.map(dp6)).toEqual([-0.018845, 0.018845]);
  });

  it('all items alike: 2 ties are not evidence of parity (the interval is not [0, 0])', () => {
    // Newcombe (2, 0, 0, 0): ± 0.657620; neededN = floor(ln 0.025 / ln 0.98) + 1 = floor(182.59) + 1 = 183.
    const [v] = segmentVerdicts(block('x', 2, 1, 1), { field: 'topic', tolerance: 0.02 });
    expect([v?.n, v?.diff, v?.verdict, v?.neededN]).toEqual([2, 0, 'not enough data', 183]);
    expect(v?.ci?.map(dp6)).toEqual([-0.65762, 0.65762]);
    expect(v?.reason).toMatch(/all 2 items differ alike/);
  });

  it('all items alike with a loss: the interval stays in [−1, 1] and can still escalate', () => {
    // 40 × (S wrong, L right): diff −1, Newcombe (0, 0, 40, 0): [−1, −0.876084], below −0.02.
    const [v] = segmentVerdicts(block('x', 40, 0, 1), { field: 'topic', tolerance: 0.02 });
    expect([v?.diff, v?.verdict, v?.ci?.map(dp6)]).toEqual([-1, 'escalate', [-1, -0.876084]]);
  });

  it('graded scores all alike: the z interval of SE 0 is widened to ± noDifferenceBound(n)', () => {
    // u(2) = 1 − √0.025 = 0.841886; neededN 183 as above.
    const [v] = segmentVerdicts(block('x', 2, 0.5, 0.5), { field: 'topic', tolerance: 0.02 });
    expect([v?.verdict, v?.neededN, v?.ci?.map(dp6)]).toEqual(['not enough data', 183, [-0.841886, 0.841886]]);
  });

  it.each([
    [2, 0.95, 0.841886],
    [130, 0.95, 0.027977],
    [182, 0.95, 0.020065],
    [183, 0.95, 0.019956],
    [10, 0.5, 0.129449],
  ])('noDifferenceBound(%i, %f) = 1 − ((1 − level)/2)^(1/n) = %f', (n, level, want) => {
    expect(dp6(noDifferenceBound(n, level))).toBe(want);
  });

  it('escalate: the whole interval is below −tolerance', () => {
    const v = byValue.get('hard');
    expect([v?.n, v?.diff, v?.verdict, v?.neededN]).toEqual([20, -0.75, 'escalate', null]);
    expect(v?.ci?.map(dp6)).toEqual([-0.888138, -0.478354]);
  });

  it('not enough data: the interval straddles −tolerance; neededN from stats/power (δ = 0.04, ω² = Var(d) = 4.98/49) = 499', () => {
    const v = byValue.get('mixed');
    expect([v?.n, dp6(v?.diff), v?.verdict]).toEqual([50, 0.02, 'not enough data']);
    const want = sampleSize({ delta: 0.04, omega2: 4.98 / 49 }).n;
    expect([v?.neededN, want]).toEqual([499, 499]);
    expect(v?.reason).toMatch(/about 499 items would decide it at 80% power/);
  });

  it('n = 1: Newcombe\'s interval (0, 1, 0, 0) = [−0.122109, 1] straddles −0.02; no sample size (no SE)', () => {
    const v = byValue.get(NO_SEGMENT);
    expect(v).toMatchObject({ n: 1, verdict: 'not enough data', neededN: null });
    expect(v?.ci?.map(dp6)).toEqual([-0.122109, 1]);
  });

  it('mean cost and latency per model, null when any is unknown', () => {
    expect(byValue.get('hard')).toMatchObject({ cost: { s: 2, l: 10 }, latencyMs: { s: 100, l: 900 } });
    expect(byValue.get('mixed')).toMatchObject({ cost: { s: 1, l: 10 }, latencyMs: { s: null, l: 900 } });
    expect(byValue.get(NO_SEGMENT)).toMatchObject({ cost: { s: null, l: 10 } });
  });

  it('with clusters the paired interval is the clustered t interval', () => {
    // Clusters k0, k1 hold d = (−1, −1, 0), k2, k3 hold d = (−1, 0, 0): residual sums −0.5, −0.5, 0.5, 0.5, SE > 0.
    const items = [...block('x', 6, 0, 1), ...block('x', 6, 1, 1)].map((it, i) => ({ ...it, cluster: `k${i % 4}` }));
    const [v] = segmentVerdicts(items, { field: 'topic', tolerance: 0.02 });
    const r = pairedDifference(items.map((it) => it.qS), items.map((it) => it.qL), { level: 0.95, clusters: items.map((it) => it.cluster) });
    expect([r.interval, r.df, (r.se ?? 0) > 0]).toEqual(['t', 3, true]);
    expect([v?.diff, v?.ci]).toEqual([-0.5, r.ci]);
  });

  it('with clusters whose residuals cancel (clustered SE 0) the interval is widened too', () => {
    // Every cluster holds 2 (0,1) and 2 (1,1) items: cluster residual sums are 0, so SE = 0.
    // u(12) = 1 − 0.025^(1/12) = 0.264648 → [−0.764648, −0.235352], below −0.02.
    const items = [...block('x', 6, 0, 1), ...block('x', 6, 1, 1)].map((it, i) => ({ ...it, cluster: `k${i % 3}` }));
    const [v] = segmentVerdicts(items, { field: 'topic', tolerance: 0.02 });
    expect([v?.diff, v?.ci?.map(dp6), v?.verdict]).toEqual([-0.5, [-0.764648, -0.235352], 'escalate']);
    expect(v?.reason).toMatch(/clustered SE 0/);
  });

  it('no items → no verdicts; a negative tolerance throws', () => {
    expect(segmentVerdicts([], { field: 'topic', tolerance: 0.02 })).toEqual([]);
    expect(() => segmentVerdicts(ITEMS, { field: 'topic', tolerance: -1 })).toThrow(RangeError);
  });
});
