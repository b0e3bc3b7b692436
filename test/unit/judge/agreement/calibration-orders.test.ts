import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perOrderAgreement, unswap, type OrderVerdicts } from '../../../../src/judge/agreement/calibration-orders.js';
import { calibrate } from '../../../../src/judge/agreement/human-agreement.js';
import type { Winner } from '../../../../src/types/judge-task.js';

// Reference: test/fixtures/stats/per_order.py (statsmodels' cohens_kappa on the 3×3 tables), committed as
// per-order.json: 200 items, order AB agrees with the humans on 159, order BA on 165, mean 81.0%.

interface KappaRef { readonly kappa: number; readonly se: number; readonly agree: number }
interface Fixture { readonly items: [Winner, Winner, Winner][]; readonly ab: KappaRef; readonly ba: KappaRef; readonly orders: KappaRef; readonly mean: number }
const F = JSON.parse(readFileSync(new URL('../../../fixtures/stats/per-order.json', import.meta.url), 'utf8')) as Fixture;
const ITEMS: OrderVerdicts[] = F.items.map(([human, judgeAFirst, judgeBFirst]) => ({ human, judgeAFirst, judgeBFirst }));

describe('perOrderAgreement: 200 items against statsmodels', () => {
  const r = perOrderAgreement(ITEMS);

  it.each([
    ['order AB vs humans', 'ab', F.ab],
    ['order BA vs humans', 'ba', F.ba],
    ['order AB vs order BA', 'orders', F.orders],
  ] as const)('%s: agreement, kappa and its SE', (_name, key, ref) => {
    const o = r[key];
    expect([o.agreement.x, o.agreement.n]).toEqual([ref.agree, 200]);
    expect(o.kappa.defined).toBe(true);
    expect(o.kappa.kappa).toBeCloseTo(ref.kappa, 12);
    expect(o.kappa.defined ? o.kappa.se : null).toBeCloseTo(ref.se, 12);
  });

  it('159/200 and 165/200: mean 81.0%', () => {
    expect([r.ab.agreement.x, r.ba.agreement.x, r.meanAgreement]).toEqual([159, 165, 0.81]);
    expect(F.mean).toBe(0.81);
  });

  it('calibrate() reports the same beside the resolved figures', () => {
    const p = calibrate({ preferences: { items: ITEMS.map((it, i) => ({ id: `s${i}`, ...it })) } }).preferences;
    expect(p?.perOrder).toEqual(r);
    expect(p?.n).toBe(200);
  });
});

describe('perOrderAgreement: closed forms', () => {
  const items = (rows: readonly [Winner, Winner, Winner][]): OrderVerdicts[] => rows.map(([human, judgeAFirst, judgeBFirst]) => ({ human, judgeAFirst, judgeBFirst }));

  it('unswap maps a B-first verdict back to A/B terms', () => {
    expect((['A', 'tie', 'B'] as const).map(unswap)).toEqual(['B', 'tie', 'A']);
  });

  it('a consistent judge that matches the humans: agreement 1 in each order and between orders, kappa 1', () => {
    const r = perOrderAgreement(items([['A', 'A', 'B'], ['B', 'B', 'A'], ['tie', 'tie', 'tie'], ['A', 'A', 'B']]));
    expect([r.ab.agreement.rate, r.ba.agreement.rate, r.meanAgreement, r.orders.agreement.rate]).toEqual([1, 1, 1, 1]);
    expect([r.ab.kappa.kappa, r.ba.kappa.kappa, r.orders.kappa.kappa]).toEqual([1, 1, 1]);
  });

  // A judge that always picks the first output: order AB says A, order BA says B (raw 'A'). With human
  // A, B, A, B: each order agrees on 2 of 4, the orders never agree. Kappa AB: p_o = 0.5, the judge's
  // margin is all A, so p_e = 0.5·1 = 0.5 and κ = 0. Orders: AB all A, BA all B: p_o = 0, p_e = 1·0 = 0, κ = 0.
  it('a first-position judge: half right in each order, the orders never agree', () => {
    const r = perOrderAgreement(items([['A', 'A', 'A'], ['B', 'A', 'A'], ['A', 'A', 'A'], ['B', 'A', 'A']]));
    expect([r.ab.agreement.x, r.ba.agreement.x, r.meanAgreement, r.orders.agreement.x]).toEqual([2, 2, 0.5, 0]);
    expect(r.ab.kappa.kappa).toBeCloseTo(0, 12);
    expect(r.orders.kappa.kappa).toBeCloseTo(0, 12);
  });

  it('no items: rates and mean null, kappa undefined', () => {
    const r = perOrderAgreement([]);
    expect([r.n, r.meanAgreement, r.ab.agreement.rate, r.ab.kappa.defined]).toEqual([0, null, null, false]);
  });
});
