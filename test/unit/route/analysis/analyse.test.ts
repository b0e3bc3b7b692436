import { describe, expect, it } from 'vitest';
import { analyseRouting } from '../../../../src/route/analysis/analyse.js';
import { routingPlotInput } from '../../../../src/route/rendering/plot-input.js';
import { routingPlotSvg } from '../../../../src/route/rendering/plot-svg.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { dp6, repeated, toyItems } from '../fixture.js';

/** The toy-cascade items ×10 (n = 100, gap significant), with a gate that fails on 2 of each 10 and a segment. */
function bigItems(): RouteItem[] {
  return repeated(10).map((it, j) => ({ ...it, checkPassed: j % 10 !== 9 && j % 10 !== 3, segments: { half: j % 10 < 5 ? 'top' : 'bottom' } }));
}

describe('analyseRouting on the toy-cascade items ×10', () => {
  const a = analyseRouting(bigItems(), { seed: 7, resamples: 200, segmentFields: ['half'], routeSegments: { field: 'half', values: ['bottom'] } });
  const cascade = a.policies.find((p) => p.kind === 'cascade');
  const router = a.policies.find((p) => p.kind === 'router');

  it('endpoints, gap and the policies it could analyse', () => {
    expect([a.n, a.clusters, dp6(a.alwaysS.quality), dp6(a.alwaysL.quality), dp6(a.oracle.quality)]).toEqual([100, null, 0.5, 0.8, 0.9]);
    expect(a.gap.significant).toBe(true);
    expect(a.policies.map((p) => p.kind)).toEqual(['router', 'cascade', 'gate-or-threshold']);
    expect(a.skipped).toEqual([]);
  });

  it('PGR metrics equal the toy cascade (tied copies move together, so the curve is the same)', () => {
    expect(cascade?.pgr.status).toBe('ok');
    if (cascade?.pgr.status !== 'ok') return;
    expect([dp6(cascade.pgr.apgr), dp6(cascade.pgr.cpt50), dp6(cascade.pgr.cpt80), dp6(cascade.pgr.cpt95)]).toEqual([0.816667, 0.15, 0.44, 0.485]);
  });

  it('AIQ on one fixed range [C_S, C_S + C_L] = [1, 11] for every policy, with the Zero router', () => {
    expect(a.aiqRange).toEqual({ min: 1, max: 11 });
    expect([dp6(cascade?.aiq), dp6(router?.aiq), dp6(a.zeroRouterAiq)]).toEqual([0.79, 0.801, 0.665]);
  });

  it('in-sample iso-quality (optimistic) and the cross-fitted operating point', () => {
    expect([dp6(cascade?.isoQualityInSample.savings), dp6(router?.isoQualityInSample.savings)]).toEqual([0.4, 0.45]);
    expect(cascade?.crossFit?.inSample.label).toBe('in-sample (optimistic)');
    expect(cascade?.crossFit?.k).toBe(5);
    expect(cascade?.bootstrap?.quality.estimate).toBe(cascade?.crossFit?.heldOut.quality);
    expect(cascade?.mcnemar.status).toBe('ok');
    const c = cascade?.confusion;
    expect(c && c.correctAccept + c.falseAccept + c.useful + c.needless + c.harmful).toBe(100);
    expect(dp6(cascade?.auroc.auroc)).toBe(0.84);
    expect(cascade?.deltaIbc?.values).toHaveLength(11);
    expect(router?.deltaIbc).toBeNull();
  });

  it('fixed policies and segment verdicts', () => {
    expect([dp6(a.gate?.strongShare), a.segmentRoute?.policy, dp6(a.segmentRoute?.strongShare)]).toEqual([0.2, 'segment half ∈ {bottom}', 0.5]);
    expect(a.segments[0]?.verdicts.map((v) => [v.value, v.verdict])).toEqual([['top', 'not enough data'], ['bottom', 'escalate']]);
  });

  it('is deterministic given the seed', () => {
    expect(analyseRouting(bigItems(), { seed: 7, resamples: 200, segmentFields: ['half'], routeSegments: { field: 'half', values: ['bottom'] } })).toEqual(a);
  });

  it('feeds a well-formed plot', () => {
    const input = routingPlotInput(a, 'toy');
    expect(input?.curves).toHaveLength(3);
    expect(input?.chosen?.label).toMatch(/held-out/);
    expect(routingPlotSvg(input ?? { s: { costPer1k: 0, quality: 0 }, l: { costPer1k: 0, quality: 0 }, curves: [] })).toContain('<title>toy</title>');
  });
});

describe('analyseRouting: what it refuses to say', () => {
  it('n = 10: the gap is not significant, so PGR/APGR/CPT are skipped with the reason', () => {
    const a = analyseRouting(toyItems(), { seed: 1 });
    const p = a.policies[0]?.pgr;
    expect(p?.status).toBe('skipped');
    expect(p?.status === 'skipped' ? p.reason : '').toMatch(/^gap not significant: the paired 95% CI .* contains 0: PGR, APGR and CPT skipped$/);
  });

  it('Q_L = Q_S (all ties): skipped', () => {
    const a = analyseRouting(toyItems({ qS: 1, qL: 1 }), { seed: 1 });
    expect(a.policies.every((p) => p.pgr.status === 'skipped')).toBe(true);
  });

  it('unknown prices: no AIQ, no savings, no plot, but quality still reported', () => {
    const a = analyseRouting(toyItems({ cL: null }), { seed: 1, resamples: 50 });
    const c = a.policies.find((p) => p.kind === 'cascade');
    expect([a.aiqRange, a.zeroRouterAiq, c?.aiq, c?.isoQualityInSample.savings, c?.crossFit?.savings, c?.bootstrap?.savings]).toEqual([null, null, null, null, null, null]);
    expect(a.alwaysL.unknown[0]).toMatch(/^cost unknown/);
    expect(dp6(c?.crossFit?.heldOut.quality)).not.toBeNull();
    expect(routingPlotInput(a)).toBeNull();
  });

  it('n = 0 and n = 1 do not throw', () => {
    const zero = analyseRouting([], { seed: 1 });
    expect([zero.policies, zero.skipped.length, zero.gap.significant]).toEqual([[], 3, false]);
    const one = analyseRouting(toyItems().slice(0, 1), { seed: 1 });
    expect(one.policies.map((p) => [p.kind, p.crossFit, p.mcnemar.status])).toEqual([['router', null, 'skipped'], ['cascade', null, 'skipped']]);
  });

  it('signals only some items have are skipped with the count', () => {
    const items = toyItems().map((it, i) => (i < 3 ? { ...it, preSignal: undefined } : it));
    expect(analyseRouting(items, { seed: 1 }).skipped).toContain('router: 3 of 10 items lack its signal');
  });

  it('rejects invalid items, listing every problem', () => {
    const bad = toyItems().map((it, i) => (i === 0 ? { ...it, qS: 2, cL: -1 } : it));
    expect(() => analyseRouting(bad, { seed: 1 })).toThrow(/2 problem\(s\)[\s\S]*qS must be in \[0, 1\], got 2[\s\S]*cL must be/);
  });
});
