import { describe, expect, it } from 'vitest';
import { mcnemar } from '../../../src/stats/mcnemar.js';
import { pairedDifference, unpairedDifference } from '../../../src/stats/paired.js';

const dp6 = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));

/** Paired 0/1 vectors from the 2×2 table: both right, A only, B only, neither (interleaved, not sorted). */
function pairs(both: number, aOnly: number, bOnly: number, neither: number): { a: number[]; b: number[] } {
  const cells: [number, number, number][] = [[both, 1, 1], [aOnly, 1, 0], [bOnly, 0, 1], [neither, 0, 0]];
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; cells.some(([k]) => k > round); round++) {
    for (const [k, x, y] of cells) {
      if (k > round) { a.push(x); b.push(y); }
    }
  }
  return { a, b };
}

// A = 320/400, B = 332/400, b = 14 (A right, B wrong), c = 26 (A wrong, B right),
// so both right = 320 − 14 = 306 and neither = 400 − 306 − 14 − 26 = 54. The doc reports B − A.
const { a: A, b: B } = pairs(306, 14, 26, 54);

describe('pairedDifference: the 400-item example', () => {
  it('builds the stated table', () => {
    expect(A.length).toBe(400);
    expect(A.reduce((s, v) => s + v, 0)).toBe(320);
    expect(B.reduce((s, v) => s + v, 0)).toBe(332);
  });

  it('B vs A reproduces every stated figure (d̄ = +0.03 in the doc\'s B − A direction)', () => {
    const r = pairedDifference(B, A);
    expect(r.n).toBe(400);
    expect(dp6(r.diff)).toBe(0.03);
    expect(dp6(r.se)).toBe(0.01576);
    // The interval is Newcombe's hybrid score interval (paired proportions), not the CLT's (−0.000889,
    // 0.060889): test/fixtures/stats/newcombe.json, table [306, 26, 14, 54].
    expect(r.ci?.map(dp6)).toEqual([-0.001403, 0.061913]);
    expect(r.ciMethod).toBe('newcombe');
    expect(dp6(r.correlation)).toBe(0.672199);
    expect(dp6(r.seUnpaired)).toBe(0.027471);
    expect(r.discordant).toEqual({ b: 26, c: 14 });
    expect(r.interval).toBe('z');
  });

  it('A vs B: diff = mean(A) − mean(B) = −0.03, CI mirrored, b = 14 and c = 26 as in the McNemar row', () => {
    const r = pairedDifference(A, B);
    expect(dp6(r.meanA)).toBe(0.8);
    expect(dp6(r.meanB)).toBe(0.83);
    expect(dp6(r.diff)).toBe(-0.03);
    expect(r.ci?.map(dp6)).toEqual([-0.061913, 0.001403]);
    expect(r.discordant).toEqual({ b: 14, c: 26 });
    const { b, c } = r.discordant ?? { b: -1, c: -1 };
    expect(dp6(mcnemar(b, c).exactP)).toBe(0.08069);
  });

  // numpy/scipy on this machine: d.var(ddof=1) = 0.09934837092731824, 2·norm.sf(0.03/0.015759788301823587)
  it('varDiff and p (numpy/scipy)', () => {
    const r = pairedDifference(A, B);
    expect(r.varDiff).toBeCloseTo(0.09934837092731824, 14);
    expect(r.p).toBeCloseTo(0.05696505294501118, 10);
  });

  it('SE_paired² = SE_A² + SE_B² − 2ρ·SE_A·SE_B (same ddof)', () => {
    const r = pairedDifference(A, B);
    const seA2 = (0.8 * 0.2 * 400) / 399 / 400;
    const seB2 = (0.83 * 0.17 * 400) / 399 / 400;
    const rho = r.correlation ?? Number.NaN;
    expect((r.se ?? Number.NaN) ** 2).toBeCloseTo(seA2 + seB2 - 2 * rho * Math.sqrt(seA2 * seB2), 14);
  });

  // scipy on this machine, clusters = floor(i/20) on the *sorted* 400 vectors (d = A − B):
  // clustered SE 0.06411338640088723, t(0.975, 19) = 2.0930240544083087,
  // CI (−0.16419085994663152, 0.10419085994663152), p = 0.6451638207787214, unpaired 0.12141707154744713.
  it('with clusters: Inspect clustered SE of d and a t interval with C − 1 df', () => {
    const sortedA = [...Array(320).fill(1), ...Array(80).fill(0)] as number[];
    const sortedB = [...Array(306).fill(1), ...Array(14).fill(0), ...Array(26).fill(1), ...Array(54).fill(0)] as number[];
    const r = pairedDifference(sortedA, sortedB, { clusters: sortedA.map((_, i) => Math.floor(i / 20)) });
    expect(r.interval).toBe('t');
    expect(r.clusters).toBe(20);
    expect(r.df).toBe(19);
    expect(r.se).toBeCloseTo(0.06411338640088723, 12);
    expect(r.ci?.[0]).toBeCloseTo(-0.16419085994663152, 10);
    expect(r.ci?.[1]).toBeCloseTo(0.10419085994663152, 10);
    expect(r.p).toBeCloseTo(0.6451638207787214, 10);
    expect(r.seUnpaired).toBeCloseTo(0.12141707154744713, 12);
  });
});

describe('pairedDifference: graded scores (numpy/scipy on this machine)', () => {
  const a = [0.9, 0.4, 0.7, 1.0, 0.2, 0.55];
  const b = [0.8, 0.5, 0.3, 0.9, 0.2, 0.35];

  it.each([
    [0.95, -0.021151618493696497, 0.2544849518270298],
    [0.9, 0.001005915757790507, 0.23232741757554282],
  ])('level %f', (level, lo, hi) => {
    const r = pairedDifference(a, b, { level });
    expect(r.diff).toBeCloseTo(0.11666666666666665, 14);
    expect(r.se).toBeCloseTo(0.07031674369909661, 14);
    expect(r.ci?.[0]).toBeCloseTo(lo, 12);
    expect(r.ci?.[1]).toBeCloseTo(hi, 12);
    expect(r.correlation).toBeCloseTo(0.8294854998508873, 12);
    expect(r.seUnpaired).toBeCloseTo(0.1693943459636255, 12);
    expect(r.level).toBe(level);
    expect(r.discordant).toBeNull();
  });
});

describe('pairedDifference: edge cases', () => {
  it('n = 0: every statistic is null, nothing throws and nothing is NaN', () => {
    expect(pairedDifference([], [])).toEqual({
      n: 0, meanA: null, meanB: null, diff: null, varDiff: null, se: null, seUnpaired: null, correlation: null,
      level: 0.95, ci: null, ciMethod: null, p: null, interval: 'z', df: null, clusters: null, discordant: null,
    });
  });

  // newcombe.json, table [0, 1, 0, 0]: Wilson(1/1) = [0.206549, 1], Wilson(0/1) = [0, 0.793451], φ = 0.
  it('n = 1: means, diff and Newcombe\'s interval, but no SE, p or ρ', () => {
    const r = pairedDifference([1], [0]);
    expect(r).toMatchObject({ n: 1, meanA: 1, meanB: 0, diff: 1, varDiff: null, se: null, seUnpaired: null, p: null, correlation: null, ciMethod: 'newcombe' });
    expect(r.ci?.map(dp6)).toEqual([-0.122109, 1]);
    expect(pairedDifference([0.5], [0])).toMatchObject({ ci: null, ciMethod: null });
    expect(r.discordant).toEqual({ b: 1, c: 0 });
  });

  // Was a zero-width [0, 0]: SE 0 on 3 items is not proof of no difference. u(3) = 1 − 0.025^(1/3).
  it('all identical graded values: diff 0, SE 0, the interval ± noDifferenceBound(n), ρ and p undefined', () => {
    const r = pairedDifference([0.7, 0.7, 0.7], [0.7, 0.7, 0.7]);
    expect(r).toMatchObject({ diff: 0, se: 0, seUnpaired: 0, correlation: null, p: null, ciMethod: 'no-difference' });
    expect(r.ci?.map(dp6)).toEqual([-0.707598, 0.707598]);
  });

  it('graded scores outside [0, 1] keep the plain z interval', () => {
    const r = pairedDifference([3, 7, 5], [3, 7, 5]);
    expect(r).toMatchObject({ ci: [0, 0], ciMethod: 'z' });
  });

  it('all pairs concordant (b = c = 0): diff 0, SE 0, ρ = 1', () => {
    const r = pairedDifference([1, 0, 1, 1], [1, 0, 1, 1]);
    expect(r).toMatchObject({ diff: 0, se: 0, correlation: 1, discordant: { b: 0, c: 0 } });
    expect(mcnemar(0, 0).exactP).toBe(1);
  });

  it('a single cluster: no clustered SE or t interval (C − 1 = 0 df)', () => {
    const r = pairedDifference([1, 0, 1], [0, 0, 1], { clusters: ['x', 'x', 'x'] });
    expect(r).toMatchObject({ diff: 1 / 3, clusters: 1, interval: 't', se: null, ci: null, df: null });
  });

  it('n = 0 with clusters reports the t interval type and zero clusters', () => {
    expect(pairedDifference([], [], { clusters: [] })).toMatchObject({ n: 0, interval: 't', clusters: 0, ci: null });
  });

  it.each([
    ['different lengths', () => pairedDifference([1, 0], [1])],
    ['cluster ids of another length', () => pairedDifference([1, 0], [1, 0], { clusters: [1] })],
    ['level 1', () => pairedDifference([1, 0], [1, 0], { level: 1 })],
    ['level 0 even with no data', () => pairedDifference([], [], { level: 0 })],
  ])('throws RangeError on caller error: %s', (_name, f) => {
    expect(f).toThrow(RangeError);
  });
});

describe('unpairedDifference', () => {
  // numpy/scipy on this machine: diff 0.4166666666666667, se 0.26688978760934023, p 0.11847804471414618;
  // the interval of 0/1 scores is Newcombe's for independent proportions (newcombe.json: 6/8 − 2/6), not the
  // z interval (−0.10642770488918457, 0.9397610382225179).
  it('SE = sqrt(SE_A² + SE_B²) with different n', () => {
    const r = unpairedDifference([1, 0, 1, 1, 0, 1, 1, 1], [0, 1, 0, 0, 1, 0]);
    expect(r.nA).toBe(8);
    expect(r.nB).toBe(6);
    expect(r.diff).toBeCloseTo(0.4166666666666667, 14);
    expect(r.se).toBeCloseTo(0.26688978760934023, 14);
    expect(r.ci?.[0]).toBeCloseTo(-0.08387561837156893, 12);
    expect(r.ci?.[1]).toBeCloseTo(0.713029981750706, 12);
    expect(r.p).toBeCloseTo(0.11847804471414618, 10);
  });

  it('the 400-item example treated as independent gives SE_unpaired = 0.027471', () => {
    expect(dp6(unpairedDifference(B, A).se)).toBe(0.027471);
  });

  it.each([
    ['both empty', [], [], { meanA: null, meanB: null, diff: null }],
    ['A empty', [], [1, 0], { meanA: null, meanB: 0.5, diff: null }],
    ['n = 1 on one side', [1], [1, 0], { meanA: 1, meanB: 0.5, diff: 0.5 }],
  ])('%s: nulls where undefined, no NaN', (_name, a, b, expected) => {
    expect(unpairedDifference(a, b)).toMatchObject({ ...expected, se: null, ci: null, p: null });
  });
});
