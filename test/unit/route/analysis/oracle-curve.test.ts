import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gapCheck } from '../../../../src/route/analysis/gap.js';
import { apgr, cpt } from '../../../../src/route/analysis/metrics.js';
import { oracleCurve, oraclePgr } from '../../../../src/route/analysis/oracle-curve.js';
import { renderRouteText } from '../../../../src/route/rendering/render-text.js';
import type { RouteItem } from '../../../../src/route/analysis/types.js';
import { planted, reportOf } from '../route-fixture.js';

// APGR and CPT on the oracle's curve. Reference values: test/fixtures/stats/oracle_curve.py (numpy.trapz
// on a fine grid of the exact curve, scipy.optimize.brentq for the crossings), committed as
// oracle-curve.json; the pass/fail cases also match the closed forms APGR = g₊(1 − g₊/2)/gap, CPT(x) = x·gap.

interface Case { readonly qS: number[]; readonly qL: number[]; readonly apgr: number; readonly cpt50: number; readonly cpt80: number; readonly cpt95: number }
const CASES = JSON.parse(readFileSync(new URL('../../../fixtures/stats/oracle-curve.json', import.meta.url), 'utf8')) as Case[];

const itemsOf = (qS: readonly number[], qL: readonly number[]): RouteItem[] =>
  qS.map((s, i) => ({ qS: s, qL: qL[i] as number, cS: 1, cL: 10, lS: null, lL: null }));

describe('oracleCurve: APGR and CPT against the reference', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const curve = oracleCurve(itemsOf(c.qS, c.qL));
    expect(curve).not.toBeNull();
    const pts = curve ?? [];
    const all = pts[pts.length - 1]?.pgr ?? 0;
    expect(apgr(pts, all)).toBeCloseTo(c.apgr, 9);
    expect(cpt(pts, 0.5, all)).toBeCloseTo(c.cpt50, 9);
    expect(cpt(pts, 0.8, all)).toBeCloseTo(c.cpt80, 9);
    expect(cpt(pts, 0.95, all)).toBeCloseTo(c.cpt95, 9);
  });

  it.each([
    // toy: g₊ = 0.4, gap 0.3; third case: g₊ = gap = 3/8
    [0, 0.4, 0.3],
    [2, 0.375, 0.375],
  ])('pass/fail case %i: the closed forms', (i, gPlus, gap) => {
    const c = CASES[i] as Case;
    expect(c.apgr).toBeCloseTo((gPlus * (1 - gPlus / 2)) / gap, 9);
    expect([c.cpt50, c.cpt80, c.cpt95].map((x) => Number(x.toFixed(9)))).toEqual([0.5, 0.8, 0.95].map((x) => Number((x * gap).toFixed(9))));
  });

  it('passes through the oracle point: PGR = g₊/gap at c = g₊, flat to c = 1', () => {
    const c = CASES[0] as Case;
    const curve = oracleCurve(itemsOf(c.qS, c.qL)) ?? [];
    expect(curve.map((p) => [p.c, Number(p.pgr.toFixed(6))])).toEqual([[0, 0], [0.1, 0.333333], [0.2, 0.666667], [0.3, 1], [0.4, 1.333333], [1, 1.333333]]);
  });

  it.each([
    ['no items', [], []],
    ['Q_L = Q_S', [1, 0], [0, 1]],
  ])('%s: no curve', (_name, qS, qL) => {
    expect(oracleCurve(itemsOf(qS, qL))).toBeNull();
  });
});

describe('oraclePgr in the report', () => {
  it('skipped with the gap check\'s reason when the gap is not significant', () => {
    const items = itemsOf((CASES[0] as Case).qS, (CASES[0] as Case).qL);
    const p = oraclePgr(items, gapCheck(items));
    expect(p.status).toBe('skipped');
    expect(p.status === 'skipped' ? p.reason : '').toMatch(/^gap not significant: .*: PGR, APGR and CPT skipped$/);
  });

  it('route.json carries it and the text names the curve of every APGR and CPT', () => {
    const r = reportOf(planted(600));
    expect(r.analysis.oraclePgr.status).toBe('ok');
    const text = renderRouteText(r);
    expect(text).toMatch(/PGR on the oracle's curve \(upper bound: knows both answers, sends L the items it gains most on\): APGR \d\.\d{3} \(random mix 0\.5\); CPT\(50%\) [\d.]+%, CPT\(80%\) [\d.]+%, CPT\(95%\) [\d.]+% of requests to L\./);
    expect(text).toMatch(/PGR on the route by level curve \(in-sample sweep\): APGR/);
  });

  it('planted(600): S fails a third of the hard half and L fails the items it fails too, so g₊ = gap and APGR = 1 − gap/2', () => {
    const items = planted(600);
    const gap = (items.reduce((s, it) => s + it.qL - it.qS, 0)) / items.length;
    const p = reportOf(items).analysis.oraclePgr;
    expect(p.status === 'ok' ? p.apgr : null).toBeCloseTo(1 - gap / 2, 12);
    expect(p.status === 'ok' ? p.cpt50 : null).toBeCloseTo(0.5 * gap, 12);
  });
});
