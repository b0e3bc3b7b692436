import { describe, expect, it } from 'vitest';
import { evaluateDecision, weightedQuantile } from '../../../../src/route/analysis/evaluate.js';
import { decide, policyLabel, runPolicy } from '../../../../src/route/analysis/policies.js';
import { paretoFront, sweepPolicy, sweepThresholds } from '../../../../src/route/analysis/sweep.js';
import type { PolicySpec, RouteItem } from '../../../../src/route/analysis/types.js';
import { seededRandom } from '../../../../src/util/random.js';
import { dp6 } from '../fixture.js';

// Four items small enough to replay every policy by hand.
const ITEMS: RouteItem[] = [
  { id: 'a', qS: 1, qL: 1, cS: 1, cL: 10, lS: 100, lL: 1000, preSignal: 0.9, signal: 0.8, checkPassed: true, segments: { lang: 'en' } },
  { id: 'b', qS: 0, qL: 1, cS: 2, cL: 20, lS: 200, lL: 2000, preSignal: 0.2, signal: 0.3, checkPassed: false, segments: { lang: 'de' } },
  { id: 'c', qS: 1, qL: 0, cS: 1, cL: 10, lS: 100, lL: 1500, preSignal: 0.5, signal: 0.9, checkPassed: true, segments: { lang: 'de' } },
  { id: 'd', qS: 0, qL: 0, cS: 3, cL: 30, lS: 300, lL: 3000, preSignal: 0.4, signal: 0.1, checkPassed: true, segments: { lang: 'fr' } },
];

// [spec, Q, strong share, escalated share, cost/item, latency mean, p95], worked out in the comments.
const CASES: readonly [PolicySpec, number, number, number, number, number, number][] = [
  // S everywhere: costs 1+2+1+3 = 7, latencies 100+200+100+300 = 700.
  [{ kind: 'always-s' }, 0.5, 0, 0, 1.75, 175, 300],
  // L everywhere: 10+20+10+30 = 70, 1000+2000+1500+3000 = 7500.
  [{ kind: 'always-l' }, 0.5, 1, 0, 17.5, 1875, 3000],
  // Only b has q_L > q_S; a and d tie and go to the cheaper S: 1+20+1+3 = 25, 100+2000+100+300 = 2500.
  [{ kind: 'oracle' }, 0.75, 0.25, 0, 6.25, 625, 2000],
  // Half of each: the midpoint of S and L; the p95 of the 8 equally weighted latencies is the largest.
  [{ kind: 'random', share: 0.5 }, 0.5, 0.5, 0, 9.625, 1025, 3000],
  // preSignal ≤ 0.4: b, d to L: 1+20+1+30 = 52, 100+2000+100+3000 = 5200.
  [{ kind: 'router', threshold: 0.4 }, 0.75, 0.5, 0, 13, 1300, 3000],
  // signal ≤ 0.3: b, d escalate: 1 + (2+20) + 1 + (3+30) = 57; 100 + 2200 + 100 + 3300 = 5700.
  [{ kind: 'cascade', threshold: 0.3 }, 0.75, 0.5, 0.5, 14.25, 1425, 3300],
  // b failed its checks: 1 + 22 + 1 + 3 = 27; 100 + 2200 + 100 + 300 = 2700.
  [{ kind: 'gate' }, 0.75, 0.25, 0.25, 6.75, 675, 2200],
  // b by the gate, a and d by signal ≤ 0.8: 11 + 22 + 1 + 33 = 67; 1100 + 2200 + 100 + 3300 = 6700.
  [{ kind: 'gate-or-threshold', threshold: 0.8 }, 0.75, 0.75, 0.75, 16.75, 1675, 3300],
  // τ = −∞: the gate alone.
  [{ kind: 'gate-or-threshold', threshold: -Infinity }, 0.75, 0.25, 0.25, 6.75, 675, 2200],
  // lang = de (b, c) to L: 1 + 20 + 10 + 3 = 34; 100 + 2000 + 1500 + 300 = 3900.
  [{ kind: 'segment', field: 'lang', values: ['de'] }, 0.5, 0.5, 0, 8.5, 975, 2000],
];

describe('runPolicy: every policy by hand on four items', () => {
  it.each(CASES)('%o', (spec, q, c, esc, cost, latMean, p95) => {
    const p = runPolicy(ITEMS, spec);
    expect(p.n).toBe(4);
    expect([dp6(p.quality), dp6(p.strongShare), dp6(p.escalatedShare)]).toEqual([q, c, esc]);
    expect([dp6(p.costPerItem), dp6(p.costPer1k)]).toEqual([cost, dp6(cost * 1000)]);
    expect([dp6(p.latencyMeanMs), p.latencyP95Ms]).toEqual([latMean, p95]);
    expect(p.unknown).toEqual([]);
  });

  it('labels', () => {
    expect(CASES.map(([spec]) => policyLabel(spec))).toEqual([
      'always-S', 'always-L', 'oracle', 'random mix (0.5)', 'router', 'cascade', 'gate', 'gate-or-threshold', 'gate-or-threshold',
      'segment lang ∈ {de}',
    ]);
  });

  it('the oracle breaks a tie towards L when L is the cheaper model', () => {
    const cheapL: RouteItem[] = [{ qS: 1, qL: 1, cS: 5, cL: 1, lS: 1, lL: 1 }];
    expect(decide(cheapL, { kind: 'oracle' }).weights).toEqual([1]);
    expect(decide([{ ...(cheapL[0] as RouteItem), cS: null }], { kind: 'oracle' }).weights).toEqual([0]);
  });
});

describe('unknown prices and latencies are reported, never invented', () => {
  const items = ITEMS.map((it) => (it.id === 'c' ? { ...it, cL: null, lL: null } : it));
  it.each([
    [{ kind: 'always-s' } as PolicySpec, 1.75, 175],
    [{ kind: 'always-l' } as PolicySpec, null, null],
    [{ kind: 'router', threshold: 0.4 } as PolicySpec, 13, 1300], // c stays on S
    [{ kind: 'cascade', threshold: 0.3 } as PolicySpec, 14.25, 1425],
    [{ kind: 'segment', field: 'lang', values: ['de'] } as PolicySpec, null, null], // c goes to L
    [{ kind: 'random', share: 0.5 } as PolicySpec, null, null],
  ])('%o → cost %s, latency %s', (spec, cost, lat) => {
    const p = runPolicy(items, spec);
    expect(dp6(p.costPerItem)).toBe(cost);
    expect(dp6(p.latencyMeanMs)).toBe(lat);
    expect(p.quality).not.toBeNull();
    if (cost === null) {
      expect(p.costPer1k).toBeNull();
      expect(p.unknown).toContain('cost unknown: 1 of 4 items lack a price this policy needs');
      expect(p.unknown).toContain('latency unknown: 1 of 4 items lack a latency this policy needs');
      expect(p.latencyP95Ms).toBeNull();
    }
  });
});

describe('edge cases', () => {
  it('n = 0: every figure null, nothing NaN', () => {
    const p = runPolicy([], { kind: 'always-l' });
    expect(p).toMatchObject({ n: 0, quality: null, strongShare: null, costPerItem: null, latencyP95Ms: null, unknown: ['no items'] });
    expect(sweepPolicy([], 'cascade')).toHaveLength(1);
    expect(paretoFront(sweepPolicy([], 'cascade'))).toEqual([]);
  });

  it('n = 1: the sweep has two points, S and L', () => {
    const one = [ITEMS[1] as RouteItem];
    const sweep = sweepPolicy(one, 'cascade');
    expect(sweep.map((p) => [p.threshold, p.quality, p.costPerItem])).toEqual([[-Infinity, 0, 2], [0.3, 1, 22]]);
  });

  it('tied signals move together: thresholds are −∞ then the distinct values', () => {
    const tied = ITEMS.map((it) => ({ ...it, signal: 0.5 }));
    expect(sweepThresholds(tied, 'cascade')).toEqual([-Infinity, 0.5]);
    expect(sweepPolicy(tied, 'cascade').map((p) => p.strongShare)).toEqual([0, 1]);
  });

  it('a policy whose signal an item lacks throws, naming the item', () => {
    const missing = ITEMS.map((it, i) => (i === 2 ? { ...it, signal: undefined } : it));
    expect(() => runPolicy(missing, { kind: 'cascade', threshold: 0.5 })).toThrow(/item 2 \(c\) has no signal/);
    expect(() => runPolicy(ITEMS.map(({ checkPassed: _, ...it }) => it), { kind: 'gate' })).toThrow(/has no checkPassed/);
    expect(() => runPolicy(ITEMS, { kind: 'random', share: 1.5 })).toThrow(RangeError);
  });

  it('evaluateDecision rejects a weight vector of the wrong length', () => {
    expect(() => evaluateDecision(ITEMS, { costing: 'router', weights: [0] }, { policy: 'x', threshold: null })).toThrow(RangeError);
  });
});

describe('weightedQuantile (inverted CDF)', () => {
  it.each([
    [[], 0.95, null],
    [[[5, 1]], 0.95, 5],
    [[[1, 1], [2, 1], [3, 1], [4, 1]], 0.5, 2],
    [[[1, 1], [2, 1], [3, 1], [4, 1]], 0.95, 4],
    [[[10, 0.96], [99, 0.04]], 0.95, 10],
    [[[10, 0.9], [99, 0.1], [50, 0]], 0.95, 99],
  ] as const)('%j at %f → %s', (parts, q, want) => {
    expect(weightedQuantile(parts, q)).toBe(want);
  });
});

describe('paretoFront', () => {
  it('keeps the non-dominated points, cheapest first', () => {
    const sweep = sweepPolicy(ITEMS, 'router');
    const front = paretoFront([...sweep, runPolicy(ITEMS, { kind: 'oracle' })]);
    const pairs = front.map((p) => [dp6(p.costPerItem), dp6(p.quality)]);
    expect(pairs).toEqual([[1.75, 0.5], [6.25, 0.75]]);
  });
});

describe('the incremental sweep equals replaying each threshold', () => {
  /** 60 seeded items: graded scores, tied signals, failed checks, some unknown prices and latencies. */
  function randomItems(seed: number): RouteItem[] {
    const rand = seededRandom(seed);
    const pick = (p: number, x: number): number | null => (rand() < p ? null : x);
    return Array.from({ length: 60 }, () => ({
      qS: Math.round(rand() * 4) / 4, qL: Math.round(rand() * 4) / 4,
      cS: pick(0.05, 0.001 + rand() / 100), cL: pick(0.05, 0.01 + rand() / 10),
      lS: pick(0.05, Math.round(rand() * 500)), lL: pick(0.05, Math.round(rand() * 5000)),
      preSignal: Math.round(rand() * 10) / 10, signal: Math.round(rand() * 10) / 10, checkPassed: rand() < 0.8,
    }));
  }

  it.each([
    ['router', 1], ['cascade', 2], ['gate-or-threshold', 3], ['cascade', 4],
  ] as const)('%s, seed %i', (kind, seed) => {
    const items = randomItems(seed);
    for (const p of sweepPolicy(items, kind)) {
      const q = runPolicy(items, { kind, threshold: p.threshold as number });
      expect(p.unknown).toEqual(q.unknown);
      expect([p.policy, p.threshold, p.strongShare, p.latencyP95Ms]).toEqual([q.policy, q.threshold, q.strongShare, q.latencyP95Ms]);
      for (const key of ['quality', 'costPerItem', 'latencyMeanMs'] as const) {
        if (q[key] === null) expect(p[key]).toBeNull();
        else expect(p[key]).toBeCloseTo(q[key] as number, 9);
      }
    }
  });
});
