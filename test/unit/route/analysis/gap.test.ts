import { describe, expect, it } from 'vitest';
import { gapCheck } from '../../../../src/route/analysis/gap.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { dp6, repeated, toyItems } from '../fixture.js';

const pairs = (qS: readonly number[], qL: readonly number[]): RouteItem[] =>
  qS.map((s, i) => ({ qS: s, qL: qL[i] as number, cS: 1, cL: 10, lS: null, lL: null }));

describe('gapCheck: "gap not significant" rule', () => {
  it('the toy cascade alone (n = 10): the CI of 0.3 contains 0', () => {
    const r = gapCheck(toyItems());
    expect([r.significant, dp6(r.gap)]).toEqual([false, 0.3]);
    expect(r.reason).toMatch(/CI of Q_L − Q_S, \[-0\.\d+, 0\.\d+\], contains 0/);
  });

  it('the fixture ten times (n = 100): significant', () => {
    expect(gapCheck(repeated(10))).toMatchObject({ significant: true, reason: null });
  });

  it('the ten copies of each item as one cluster (10 clusters of 10): back to not significant, t interval', () => {
    const items = repeated(10).map((it, j) => ({ ...it, cluster: `item-${j % 10}` }));
    const r = gapCheck(items);
    expect([r.n, dp6(r.gap), r.significant]).toEqual([100, 0.3, false]);
    expect(r.reason).toMatch(/contains 0/);
  });

  // n = 10, L right and S wrong on 3, ties elsewhere: gap 0.3, SE 0.152753, 95% CI (0.000610, 0.599390)
  // excludes 0 but |gap| = 1.964·SE < 2·SE.
  // Graded scores (the z interval): numpy/scipy, d = q_L − q_S = [0.75, 0, 0, 0, 0, 0.5, 0.5, 0]: mean 0.21875,
  // SE 0.110169, lower bound 0.002822 > 0, but 2·SE = 0.220339 > 0.21875. (The 0/1 example this test used
  // before, 3 of 10 discordant one way, now has Newcombe's interval, which contains 0.)
  it('CI excludes 0 but |gap| < 2·SE_paired', () => {
    const r = gapCheck(pairs([0, 0, 0, 0, 0, 0, 0, 0], [0.75, 0, 0, 0, 0, 0.5, 0.5, 0]));
    expect(r.ci?.[0]).toBeCloseTo(0.002822120911429832, 10);
    expect(r.significant).toBe(false);
    expect(r.reason).toBe('gap not significant: |Q_L − Q_S| = 0.2188 < 2·SE_paired = 0.2203');
  });

  it('3 of 10 discordant one way: Newcombe\'s interval of Q_L − Q_S contains 0', () => {
    const r = gapCheck(pairs([0, 0, 0, 1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]));
    expect(r.ci?.[0]).toBeLessThan(0);
    expect(r.reason).toMatch(/contains 0/);
  });

  it.each([
    ['n = 0', [], []],
    ['n = 1', [0], [1]],
    ['Q_L = Q_S, all ties', [1, 0, 1, 0], [1, 0, 1, 0]],
    ['Q_L = Q_S, discordant both ways', [1, 0, 1, 0], [0, 1, 0, 1]],
  ])('%s: not significant, with a reason', (_name, qS, qL) => {
    const r = gapCheck(pairs(qS, qL));
    expect(r.significant).toBe(false);
    expect(r.reason).toMatch(/^gap not significant: /);
  });
});
