import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zCritical } from '../../../src/stats/distributions.js';
import { pairedDifference, unpairedDifference } from '../../../src/stats/paired.js';
import { newcombeIndependentCi, newcombePairedCi, newcombePhi, noDifferenceBound, type PairedTable } from '../../../src/stats/paired-proportions.js';
import { seededRandom } from '../../../src/util/random.js';

// Reference values: test/fixtures/stats/newcombe.py (statsmodels' Wilson bounds, scipy's z, the paper's
// square-and-add and continuity-corrected phi), committed as newcombe.json. Tables are [both, first only,
// second only, neither] for n = 1…30 (all agree both ways, all disagree each way and split, two seeded
// random tables per n) and the 400-item example, at levels 0.95 and 0.9.

interface PairedRow { readonly table: [number, number, number, number]; readonly level: number; readonly z: number; readonly phi: number; readonly ci: [number, number] }
interface IndependentRow { readonly x1: number; readonly n1: number; readonly x2: number; readonly n2: number; readonly level: number; readonly ci: [number, number] }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/stats/newcombe.json', import.meta.url), 'utf8')) as { paired: PairedRow[]; independent: IndependentRow[] };

const tableOf = ([both, firstOnly, secondOnly, neither]: readonly number[]): PairedTable => ({
  both: both ?? 0, firstOnly: firstOnly ?? 0, secondOnly: secondOnly ?? 0, neither: neither ?? 0,
});

/** 0/1 vectors of a table, in the table's order. */
function vectors(t: PairedTable): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  const push = (k: number, x: number, y: number) => { for (let i = 0; i < k; i++) { a.push(x); b.push(y); } };
  push(t.both, 1, 1);
  push(t.firstOnly, 1, 0);
  push(t.secondOnly, 0, 1);
  push(t.neither, 0, 0);
  return { a, b };
}

describe('newcombePairedCi: reference values (n = 1…30 and n = 400)', () => {
  it('covers n = 1…30 with all-agree and all-disagree tables', () => {
    const ns = new Set(fixture.paired.map((r) => r.table.reduce((s, v) => s + v, 0)));
    for (let n = 1; n <= 30; n++) expect(ns.has(n)).toBe(true);
    expect(fixture.paired.length).toBe(410);
  });

  it.each(fixture.paired.map((r) => [r.table.join(','), r.level, r] as const))('table %s at %f', (_t, level, r) => {
    const t = tableOf(r.table);
    expect(zCritical(level)).toBeCloseTo(r.z, 12);
    expect(newcombePhi(t)).toBeCloseTo(r.phi, 12);
    const ci = newcombePairedCi(t, zCritical(level));
    expect(ci?.[0]).toBeCloseTo(r.ci[0], 10);
    expect(ci?.[1]).toBeCloseTo(r.ci[1], 10);
    // pairedDifference reports the same interval for 0/1 vectors without clusters
    const { a, b } = vectors(t);
    const d = pairedDifference(a, b, { level });
    expect(d.ciMethod).toBe('newcombe');
    expect(d.ci?.[0]).toBeCloseTo(r.ci[0], 10);
    expect(d.ci?.[1]).toBeCloseTo(r.ci[1], 10);
  });

  it('an empty table has no interval', () => {
    expect(newcombePairedCi(tableOf([0, 0, 0, 0]), 1.96)).toBeNull();
  });
});

describe('newcombeIndependentCi: reference values', () => {
  it.each(fixture.independent.map((r) => [`${r.x1}/${r.n1} − ${r.x2}/${r.n2}`, r] as const))('%s', (_name, r) => {
    const ci = newcombeIndependentCi(r.x1, r.n1, r.x2, r.n2, zCritical(r.level));
    expect(ci?.[0]).toBeCloseTo(r.ci[0], 10);
    expect(ci?.[1]).toBeCloseTo(r.ci[1], 10);
  });
});

describe('noDifferenceBound: closed form 1 − ((1 − level)/2)^(1/n)', () => {
  it.each([
    [1, 0.95, 0.975],
    [2, 0.95, 1 - Math.sqrt(0.025)],
    [130, 0.95, 1 - 0.025 ** (1 / 130)],
    [0, 0.95, 1],
  ])('n = %i, level %f', (n, level, want) => {
    expect(noDifferenceBound(n, level)).toBeCloseTo(want, 14);
  });
});

describe('property: no interval of a difference of proportions leaves [−1, 1] (seeded random small tables)', () => {
  const rnd = seededRandom(20261207);
  const int = (k: number) => Math.floor(rnd() * k);
  const within = (ci: readonly [number, number] | null) => ci === null || (ci[0] >= -1 && ci[1] <= 1 && ci[0] <= ci[1]);
  const cases = Array.from({ length: 400 }, (_, i) => {
    const n = 1 + int(12);
    const a = Array.from({ length: n }, () => int(2));
    const b = Array.from({ length: n }, () => int(2));
    // every third case: graded scores in [0, 1] (epoch shares), every fifth: clustered
    const graded = i % 3 === 0 ? a.map((x) => (x + int(3)) / 3) : a;
    const clusters = i % 5 === 0 ? a.map(() => int(3)) : undefined;
    return { a: graded, b, clusters, level: [0.8, 0.9, 0.95, 0.99][int(4)] ?? 0.95 };
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const d = pairedDifference(c.a, c.b, c.clusters ? { level: c.level, clusters: c.clusters } : { level: c.level });
    expect(within(d.ci)).toBe(true);
    if (d.ci !== null && d.diff !== null) expect(d.ci[0] <= d.diff + 1e-12 && d.diff <= d.ci[1] + 1e-12).toBe(true);
    expect(within(unpairedDifference(c.a, c.b, { level: c.level }).ci)).toBe(true);
    expect(within(unpairedDifference(c.a, c.b.slice(0, Math.max(2, c.b.length - 2)), { level: c.level }).ci)).toBe(true);
  });
});
