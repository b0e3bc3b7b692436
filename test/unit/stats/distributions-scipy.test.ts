import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binomialCdf, binomialPmf, normalCdf, normalQuantile, tCdf, tQuantile,
} from '../../../src/stats/distributions.js';

// References: test/fixtures/stats/distributions.py (scipy.stats norm, t, binom; repr() values), over
// grids that reach the extreme tails. Worst relative errors measured against it: Φ 1.2e-13 (scipy's own
// error, at x = −32.25, where mpmath agrees with us to 1e-16), Φ⁻¹ 1.5e-15, t cdf 2.9e-11 (scipy's own
// error again, at df = 1, x = −1e-6, where we are within 1e-16 of ½ − atan(1e-6)/π; ours is ≤ 4e-11 at
// df = 1e6), t quantile 3.2e-12, binomial cdf 1.2e-12, binomial pmf 8.8e-13.
type Row = number[];
interface Fixture {
  normal: { cdf: Row[]; ppf: Row[] };
  t: { cdf: Row[]; ppf: Row[] };
  binomial: { cdf: Row[]; pmf: Row[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stats/distributions.json', import.meta.url), 'utf8'),
) as Fixture;

const REL = 1e-10;
const ABS_NEAR_ZERO = 1e-300; // subnormal references (Φ(−38.2) ≈ 1e-317) are met in absolute terms

function close(actual: number, expected: number): void {
  if (actual === expected) return;
  const err = Math.abs(actual - expected);
  if (Math.abs(expected) < 1e-290) expect(err).toBeLessThanOrEqual(ABS_NEAR_ZERO);
  else expect(err).toBeLessThanOrEqual(REL * Math.abs(expected));
}

const label = (row: Row): string => row.map((v) => String(v)).join(', ');

const cases: [string, Row[], (...args: number[]) => number][] = [
  ['Φ(x)', fixture.normal.cdf, (x) => normalCdf(x!)],
  ['Φ⁻¹(p)', fixture.normal.ppf, (p) => normalQuantile(p!)],
  ['t cdf (x, df)', fixture.t.cdf, (x, df) => tCdf(x!, df!)],
  ['t quantile (p, df)', fixture.t.ppf, (p, df) => tQuantile(p!, df!)],
  ['binomial cdf (k, n, p)', fixture.binomial.cdf, (k, n, p) => binomialCdf(k!, n!, p!)],
  ['binomial pmf (k, n, p)', fixture.binomial.pmf, (k, n, p) => binomialPmf(k!, n!, p!)],
];

describe('distributions against scipy over the tails (relative 1e-10; absolute 1e-300 near 0)', () => {
  for (const [name, rows, f] of cases) {
    describe(name, () => {
      it('has a fixture', () => expect(rows.length).toBeGreaterThan(200));
      it.each(rows.map((row) => [label(row.slice(0, -1)), row] as const))('%s', (_args, row) => {
        const expected = row[row.length - 1]!;
        close(f(...row.slice(0, -1)), expected);
      });
    });
  }

  it.each([
    ['Φ(−40) underflows to 0', () => normalCdf(-40), 0],
    ['Φ(40) is 1', () => normalCdf(40), 1],
    ['Φ⁻¹(0) = −∞', () => normalQuantile(0), -Infinity],
    ['Φ⁻¹(1) = ∞', () => normalQuantile(1), Infinity],
    ['t⁻¹(½; 7) = 0', () => tQuantile(0.5, 7), 0],
    ['t cdf at −∞', () => tCdf(-Infinity, 3), 0],
    ['P(X ≤ −1) = 0', () => binomialCdf(-1, 10, 0.3), 0],
    ['P(X ≤ n) = 1', () => binomialCdf(10, 10, 0.3), 1],
    ['P(X = 2.5) = 0', () => binomialPmf(2.5, 10, 0.3), 0],
    ['Bin(6, ½) P(X ≤ 0) = 2⁻⁶ exactly', () => binomialCdf(0, 6, 0.5), 2 ** -6],
  ])('%s', (_name, f, expected) => {
    expect(f()).toBe(expected);
  });

  it.each([
    ['Φ⁻¹(1.5)', () => normalQuantile(1.5)],
    ['t cdf with df 0', () => tCdf(1, 0)],
    ['t quantile with df −1', () => tQuantile(0.3, -1)],
    ['binomial with p > 1', () => binomialCdf(1, 3, 1.2)],
    ['binomial with n = 2.5', () => binomialPmf(1, 2.5, 0.5)],
  ])('%s is NaN', (_name, f) => {
    expect(f()).toBeNaN();
  });
});
