import { describe, expect, it } from 'vitest';
import { crossFitSegmentCascade, shieldSegments } from '../../../../src/route/segments/segment-cascade.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { PARITY_N, planted, reportOf } from '../route-fixture.js';

// Route by segment, cascade elsewhere: S-segments never escalate; the rest follow a threshold on S's
// signal; rule and τ cross-fitted together.

const rule = { field: 'level', toSmall: ['easy'], toLarge: ['hard'] };
const base = { qS: 1, qL: 1, cS: 1, cL: 10, lS: 1, lL: 5 };

describe('shieldSegments', () => {
  it.each<readonly [string, RouteItem, number | undefined]>([
    ['an S-segment item: +∞, never escalated', { ...base, signal: 0.1, segments: { level: 'easy' } }, Number.POSITIVE_INFINITY],
    ['another value: its own signal', { ...base, signal: 0.1, segments: { level: 'hard' } }, 0.1],
    ['a value the rule never saw: its own signal', { ...base, signal: 0.3, segments: { level: 'new' } }, 0.3],
    ['no value for the field: its own signal', { ...base, signal: 0.4 }, 0.4],
  ])('%s', (_name, item, signal) => {
    expect(shieldSegments([item], rule)[0]?.signal).toBe(signal);
  });
});

/** planted(): easy = parity, hard = S fails a third. Signal: easy items look unsure (0.1), hard ones tell right (0.8) from wrong (0.2). */
const withSignal = (items: readonly RouteItem[]): RouteItem[] =>
  items.map((it) => ({ ...it, signal: it.segments?.['level'] === 'easy' ? 0.1 : it.qS === 1 ? 0.8 : 0.2 }));

describe('crossFitSegmentCascade', () => {
  const items = withSignal(planted(PARITY_N));
  const opts = { fields: ['level'], tolerance: 0.02, seed: 1, k: 5, epsilon: 0.02 };

  it('keeps the S-segments on S and escalates exactly the low-signal rest, in every fold', () => {
    const fit = crossFitSegmentCascade(items, opts);
    expect(fit?.rule).toEqual(rule);
    expect(fit?.folds.map((f) => f.threshold)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    const want = items.map((it) => (it.segments?.['level'] === 'hard' && it.signal === 0.2 ? 1 : 0));
    expect(fit?.decision).toEqual({ costing: 'cascade', weights: want });
    // Cascade costing: every item pays S; escalated ones pay L too.
    const cost = items.reduce((s, it, i) => s + (it.cS as number) + (want[i] as number) * (it.cL as number), 0) / items.length;
    expect(fit?.heldOut.costPerItem).toBeCloseTo(cost, 12);
    expect(fit?.heldOut.quality).toBeCloseTo(items.reduce((s, it, i) => s + (want[i] === 1 ? it.qL : it.qS), 0) / items.length, 12);
  });

  it.each<readonly [string, RouteItem[], readonly string[]]>([
    ['an item without a signal', [...items.slice(1), { ...base }], ['level']],
    ['no segment fields', items, []],
    ['a rule that sends nothing to S (the plain cascade covers it)', withSignal(planted(40)), ['level']],
  ])('null with %s', (_name, xs, fields) => {
    expect(crossFitSegmentCascade(xs, { ...opts, fields })).toBeNull();
  });

  it('is recommended over route-by-segment and the plain cascade when it is cheaper at equal quality, and policy.json carries both parts', () => {
    const r = reportOf(items, { signal: 'scorer:conf' });
    const row = (k: string) => r.policies.find((p) => p.key === k);
    expect(r.recommendation.rule).toBe('segments-cascade');
    expect(row('segments-cascade')?.point.costPerItem).toBeLessThan(row('segments')?.point.costPerItem ?? 0);
    expect(row('segments-cascade')?.point.costPerItem).toBeLessThan(row('cascade')?.point.costPerItem ?? 0);
    expect(r.policy).toMatchObject({
      rule: 'segments-cascade', segments: { field: 'level', toSmall: ['easy'], toLarge: ['hard'], otherValues: 'cascade' },
      cascade: { signal: 'scorer:conf', threshold: 0.2, escalateWhen: 'signal <= threshold' }, validated: { heldOut: true, folds: 5 },
    });
  });
});
