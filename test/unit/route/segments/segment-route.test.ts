import { describe, expect, it } from 'vitest';
import {
  crossFitSegments, learnSegmentRule, ruleFromVerdicts, segmentRuleDecision, segmentSweep,
} from '../../../../src/route/segments/segment-route.js';
import { segmentVerdicts, type SegmentVerdict } from '../../../../src/route/segments/segment-verdicts.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { PARITY_N, planted } from '../route-fixture.js';

// Route by segment, learned from the verdicts and cross-fitted like a threshold.

const verdict = (value: string, v: SegmentVerdict['verdict']): SegmentVerdict => ({
  value, n: 10, meanQS: 1, meanQL: 1, diff: 0, ci: [0, 0], verdict: v, neededN: null, reason: '', cost: { s: null, l: null }, latencyMs: { s: null, l: null },
});

describe('ruleFromVerdicts and segmentRuleDecision', () => {
  const rule = ruleFromVerdicts('topic', [verdict('a', 'holds'), verdict('b', 'escalate'), verdict('c', 'not enough data')]);

  it('sends only the values where S holds up to S', () => {
    expect(rule).toEqual({ field: 'topic', toSmall: ['a'], toLarge: ['b', 'c'] });
  });

  it.each([
    [{ topic: 'a' }, 0],
    [{ topic: 'b' }, 1],
    [{ topic: 'c' }, 1],
    [{ topic: 'never seen' }, 1],
    [undefined, 1],
  ])('segments %j → weight %i (unseen values and missing fields go to L)', (segments, w) => {
    const item: RouteItem = { qS: 1, qL: 1, cS: 1, cL: 2, lS: 1, lL: 1, ...(segments ? { segments } : {}) };
    expect(segmentRuleDecision([item], rule).weights).toEqual([w]);
  });
});

describe('learnSegmentRule', () => {
  it('finds the planted parity and picks the field whose rule is cheapest', () => {
    expect(learnSegmentRule(planted(PARITY_N), { fields: ['parity', 'level'], tolerance: 0.02 })).toEqual({ field: 'level', toSmall: ['easy'], toLarge: ['hard'] });
  });

  it.each([
    ['no items', [], ['level']],
    ['no fields', planted(10), []],
  ])('is null with %s', (_name, items, fields) => {
    expect(learnSegmentRule(items, { fields, tolerance: 0.02 })).toBeNull();
  });
});

describe('crossFitSegments', () => {
  const items = planted(PARITY_N);
  const fit = crossFitSegments(items, { fields: ['level'], tolerance: 0.02, seed: 5, k: 5 });

  it('learns the same rule in every fold and scores each fold with the rule learned without it', () => {
    expect(fit?.rule).toEqual({ field: 'level', toSmall: ['easy'], toLarge: ['hard'] });
    expect([fit?.k, fit?.stableFolds]).toEqual([5, 5]);
    expect(fit?.folds.reduce((s, f) => s + f.n, 0)).toBe(PARITY_N);
    expect(fit?.folds.every((f) => Object.values(f.counts).reduce((s, c) => s + c, 0) === f.n)).toBe(true);
    expect(fit?.decision.weights).toEqual(items.map((it) => (it.segments?.['level'] === 'easy' ? 0 : 1)));
  });

  it('reports the held-out point, savings and the non-inferiority verdict', () => {
    expect(fit?.heldOut.strongShare).toBe(0.5);
    expect(fit?.savings).toBeCloseTo(1 - (0.5 * 0.001 + 0.5 * 0.01) / 0.01, 12);
    expect(fit?.meetsTarget).toBe(true);
    expect(fit?.heldOut.quality).toBe(fit?.alwaysL.quality);
  });

  it('is null with fewer than 2 items', () => {
    expect(crossFitSegments(planted(1), { fields: ['level'], tolerance: 0.02, seed: 1 })).toBeNull();
  });
});

describe('segmentSweep', () => {
  const items = planted(PARITY_N);
  const sweep = segmentSweep(items, 'level', segmentVerdicts(items, { field: 'level', tolerance: 0.02 }));

  it('runs from all-S to all-L, escalating the segment where S loses most first', () => {
    expect(sweep.map((p) => p.strongShare)).toEqual([0, 0.5, 1]);
    expect(sweep[1]?.policy).toBe('route by level: 1 of 2 to L');
    expect(sweep[1]?.quality).toBe(sweep[2]?.quality); // escalating 'hard' recovers all of the gap
  });
});
