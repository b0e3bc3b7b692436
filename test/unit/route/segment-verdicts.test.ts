import { describe, expect, it } from 'vitest';
import { NO_SEGMENT, segmentVerdicts } from '../../../src/route/segment-verdicts.js';
import type { RouteItem } from '../../../src/route/types.js';
import { sampleSize } from '../../../src/stats/power.js';
import { dp6 } from './fixture.js';

/** `count` items of one segment value with the given (q_S, q_L). */
function block(value: string, count: number, qS: number, qL: number, extra: Partial<RouteItem> = {}): RouteItem[] {
  return Array.from({ length: count }, () => ({ qS, qL, cS: 1, cL: 10, lS: 100, lL: 900, segments: { topic: value }, ...extra }));
}

const ITEMS: RouteItem[] = [
  // easy: 30 ties → diff 0, SE 0, interval [0, 0] above −0.02.
  ...block('easy', 30, 1, 1),
  // hard: 15 × (S wrong, L right), 5 ties → diff −0.75, SE 0.099340, CI (−0.944703, −0.555297) (Python statistics) below −0.02.
  ...block('hard', 15, 0, 1, { cS: 2 }), ...block('hard', 5, 1, 1, { cS: 2 }),
  // mixed: 3 × (1, 0), 2 × (0, 1), 45 ties → diff 0.02, SE 0.045084, CI (−0.068, 0.108) straddles −0.02.
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
    expect(byValue.get('easy')).toMatchObject({ n: 30, diff: 0, ci: [0, 0], verdict: 'holds', neededN: null });
  });

  it('escalate: the whole interval is below −tolerance', () => {
    const v = byValue.get('hard');
    expect([v?.n, v?.diff, v?.verdict, v?.neededN]).toEqual([20, -0.75, 'escalate', null]);
    expect(v?.ci?.map(dp6)).toEqual([-0.944703, -0.555297]);
  });

  it('not enough data: the interval straddles −tolerance; neededN from stats/power (δ = 0.04, ω² = Var(d) = 4.98/49) = 499', () => {
    const v = byValue.get('mixed');
    expect([v?.n, dp6(v?.diff), v?.verdict]).toEqual([50, 0.02, 'not enough data']);
    const want = sampleSize({ delta: 0.04, omega2: 4.98 / 49 }).n;
    expect([v?.neededN, want]).toEqual([499, 499]);
    expect(v?.reason).toMatch(/about 499 items would decide it at 80% power/);
  });

  it('n = 1: no interval, no sample size', () => {
    expect(byValue.get(NO_SEGMENT)).toMatchObject({ n: 1, verdict: 'not enough data', neededN: null, ci: null });
  });

  it('mean cost and latency per model, null when any is unknown', () => {
    expect(byValue.get('hard')).toMatchObject({ cost: { s: 2, l: 10 }, latencyMs: { s: 100, l: 900 } });
    expect(byValue.get('mixed')).toMatchObject({ cost: { s: 1, l: 10 }, latencyMs: { s: null, l: 900 } });
    expect(byValue.get(NO_SEGMENT)).toMatchObject({ cost: { s: null, l: 10 } });
  });

  it('with clusters the paired interval is the clustered t interval', () => {
    const items = [...block('x', 6, 0, 1), ...block('x', 6, 1, 1)].map((it, i) => ({ ...it, cluster: `k${i % 3}` }));
    const [v] = segmentVerdicts(items, { field: 'topic', tolerance: 0.02 });
    // Every cluster holds 2 (0,1) and 2 (1,1) items: cluster residual sums are 0, so SE = 0.
    expect([v?.diff, v?.ci, v?.verdict]).toEqual([-0.5, [-0.5, -0.5], 'escalate']);
  });

  it('no items → no verdicts; a negative tolerance throws', () => {
    expect(segmentVerdicts([], { field: 'topic', tolerance: 0.02 })).toEqual([]);
    expect(() => segmentVerdicts(ITEMS, { field: 'topic', tolerance: -1 })).toThrow(RangeError);
  });
});
