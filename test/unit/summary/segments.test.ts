import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/types.js';
import { MAX_SEGMENTS, OTHER, segmentBreakdown, type Segment } from '../../../src/summary/segments.js';
import type { SummaryRecord } from '../../../src/summary/model-summary.js';

const H = 'anthropic:claude-haiku-5-5'; // the reference (first model)
const S = 'anthropic:claude-sonnet-5-5';
const MODELS = [{ model: H }, { model: S }];

/** A record with only what the statistics read; `pass` null means an error record. */
function rec(sampleId: string, model: string, pass: boolean | null, epoch = 1): SummaryRecord {
  const ok = pass !== null;
  return {
    sampleId, model, epoch, status: ok ? 'ok' : 'error', pass: ok ? pass : undefined, score: ok ? (pass ? 1 : 0) : undefined,
    latencyMs: 10, usage: null, costUsd: null, stopReason: null, attempts: 1, cached: false, scores: [],
    error: ok ? undefined : { kind: 'timeout', message: 'timeout', stage: 'provider' },
  };
}

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => `${prefix}${from + k}`);

// One epoch. Field "difficulty":
//   hard: h1..h40. H passes h1..h20 (20/40); S passes h1..h30 (30/40).
//   easy: e1..e10. H scores all ten, passes e1..e8 (8/10); S passes e1..e6 and e9, fails e7, e8, errors on e10 (7/9).
//   rare: r1, both models error: a value with no scored item.
const oneEpoch: SummaryRecord[] = [
  ...range('h', 1, 40).flatMap((id, k) => [rec(id, H, k < 20), rec(id, S, k < 30)]),
  ...range('e', 1, 10).map((id, k) => rec(id, H, k < 8)),
  ...range('e', 1, 9).map((id, k) => rec(id, S, k < 6 || k === 8)),
  rec('e10', S, null),
  rec('r1', H, null), rec('r1', S, null),
];
const difficultyOf = (id: string): Json => ({ h: 'hard', e: 'easy', r: 'rare' })[id[0] ?? ''] ?? null;
const metadataOf = (id: string) => ({ difficulty: difficultyOf(id) });

const byValue = (segments: readonly Segment[], value: string) => {
  const s = segments.find((x) => x.value === value);
  if (s === undefined) throw new Error(`no segment ${value}`);
  return s;
};

describe('segmentBreakdown: one epoch, two models', () => {
  const [field] = segmentBreakdown({ models: MODELS, records: oneEpoch, metadataOf, fields: ['difficulty'] });

  it('orders the values by samples (hard 40, easy 10, rare 1)', () => {
    expect(field?.field).toBe('difficulty');
    expect(field?.values).toBe(3);
    expect(field?.segments.map((s) => [s.value, s.samples])).toEqual([['hard', 40], ['easy', 10], ['rare', 1]]);
  });

  // Wilson 95%, z = 1.959963984540054: center = (p̂ + z²/2n)/(1 + z²/n),
  // half = z·sqrt(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
  //   20/40: p̂ .5, z²/n = .096037, center .5, half = 1.96·sqrt(.00625 + .000601)/1.096037 = .148005 → (.351995, .648005)
  //   30/40: center (.75 + .048019)/1.096037 = .728094, half .130034 → (.598060, .858129)
  //   8/10: (.490162, .943318)
  //   7/9: center (.777778 + .213412)/1.426807 = .694682, half .242093 → (.452589, .936775)
  it.each([
    { value: 'hard', model: H, want: { n: 40, passed: 20, passRate: 0.5, ci: [0.351995, 0.648005], ciMethod: 'wilson', samples: 40, errors: 0 } },
    { value: 'hard', model: S, want: { n: 40, passed: 30, passRate: 0.75, ci: [0.59806, 0.858129], ciMethod: 'wilson', samples: 40, errors: 0 } },
    { value: 'easy', model: H, want: { n: 10, passed: 8, passRate: 0.8, ci: [0.490162, 0.943318], ciMethod: 'wilson', samples: 10, errors: 0 } },
    // e10's error is counted apart: 7 passed of 9 scored, never 7 of 10.
    { value: 'easy', model: S, want: { n: 9, passed: 7, passRate: 0.777778, ci: [0.452589, 0.936775], ciMethod: 'wilson', samples: 9, errors: 1 } },
    // Empty: nulls, not NaN.
    { value: 'rare', model: H, want: { n: 0, passed: 0, passRate: null, ci: null, ciMethod: 'wilson', samples: 0, errors: 1 } },
    { value: 'rare', model: S, want: { n: 0, passed: 0, passRate: null, ci: null, ciMethod: 'wilson', samples: 0, errors: 1 } },
  ])('$value / $model: pass rate and interval', ({ value, model, want }) => {
    const m = byValue(field?.segments ?? [], value).models.find((x) => x.model === model);
    expect(m).toEqual({ model, ...want });
  });

  // Paired on the samples both scored, d_i = S_i − H_i (diff = model − reference). Pass/fail with one epoch:
  // Newcombe's hybrid score interval for paired proportions (test/fixtures/stats/newcombe.py), not the
  // z interval diff ± 1.959964·sd(d)/sqrt(n) these figures were first checked against (kept for the record).
  it.each([
    // hard: d = 1 on h21..h30 (10), 0 on 30. mean .25; var = (10·.75² + 30·.25²)/39 = 7.5/39 = .192308;
    // se = sqrt(.192308/40) = .069338; half = .135899 → (.114101, .385899); Newcombe, table (20, 10, 0, 10),
    // φ = .519615: (.102959, .380253). McNemar b = 10 (S pass,
    // H fail), c = 0: exact p = 2·.5¹⁰ = .001953125, written in full. 40 ≥ 30: not small.
    { value: 'hard', want: { n: 40, diff: 0.25, ci: [0.102959, 0.380253], test: { name: 'mcnemar-exact', p: 0.001953125 }, regressed: 0, improved: 10, small: false } },
    // easy: pairs e1..e9 (e10 errored for S). d = −1 on e7, e8; +1 on e9; 0 on 6. mean −1/9 = −.111111;
    // var = (3 − 9·(1/9)²)/8 = 26/72 = .361111; se = sqrt(.361111/9) = .200308; half = .392597 →
    // (−.503708, .281486); Newcombe, table (both 6, S only 1, H only 2, neither 0), φ = −0.188982:
    // (−.465061, .275733). McNemar b = 1, c = 2: 2·P(X ≤ 1 | 3, ½) = 2·4/8 = 1. 9 < 30: small.
    { value: 'easy', want: { n: 9, diff: -0.111111, ci: [-0.465061, 0.275733], test: { name: 'mcnemar-exact', p: 1 }, regressed: 2, improved: 1, small: true } },
    // rare: no sample scored by both.
    { value: 'rare', want: { n: 0, diff: null, ci: null, test: { name: 'paired-z', p: null }, regressed: 0, improved: 0, small: true } },
  ])('$value: change S − H against the reference', ({ value, want }) => {
    expect(byValue(field?.segments ?? [], value).changes).toEqual([{ reference: H, model: S, ...want }]);
  });

  it('has no NaN anywhere', () => {
    expect(JSON.stringify(field)).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(JSON.stringify(field))).toEqual(field);
  });
});

describe('segmentBreakdown: epochs', () => {
  // Field "lang", one value "en", four samples, two epochs each (P pass, F fail, E error):
  //   H: s1 PP, s2 PF, s3 FP, s4 FF → 4/8 items; per-sample shares [1, .5, .5, 0]
  //   S: s1 PP, s2 PP, s3 PE, s4 PF → 6/7 items; shares [1, 1, 1, .5]
  const pattern: Record<string, Record<string, readonly (boolean | null)[]>> = {
    [H]: { s1: [true, true], s2: [true, false], s3: [false, true], s4: [false, false] },
    [S]: { s1: [true, true], s2: [true, true], s3: [true, null], s4: [true, false] },
  };
  const records = Object.entries(pattern).flatMap(([model, bySample]) =>
    Object.entries(bySample).flatMap(([id, epochs]) => epochs.map((p, k) => rec(id, model, p, k + 1))));
  const [field] = segmentBreakdown({ models: MODELS, records, metadataOf: () => ({ lang: 'en' }), fields: ['lang'] });
  const en = byValue(field?.segments ?? [], 'en');

  it.each([
    // H shares [1, .5, .5, 0]: mean .5, var = (.25 + 0 + 0 + .25)/3 = 1/6, se = sqrt(1/24) = .204124,
    // half = .400076 → (.099924, .900076). Pass rate over items 4/8.
    { model: H, want: { n: 8, passed: 4, passRate: 0.5, ci: [0.099924, 0.900076], ciMethod: 'clt-over-samples', samples: 4, errors: 0 } },
    // S shares [1, 1, 1, .5]: mean .875, var = (3·.125² + .375²)/3 = .0625, se = .125, half = .244995 →
    // (.630005, 1.119995), clamped to 1. Pass rate over items 6/7 = .857143; the error is apart.
    { model: S, want: { n: 7, passed: 6, passRate: 0.857143, ci: [0.630005, 1], ciMethod: 'clt-over-samples', samples: 4, errors: 1 } },
  ])('$model: CLT over per-sample pass shares', ({ model, want }) => {
    expect(en.models.find((m) => m.model === model)).toEqual({ model, ...want });
  });

  it('pairs per-sample shares: paired z test, since shares are not 0/1', () => {
    // d = S − H = [0, .5, .5, .5]: mean .375, var = (.375² + 3·.125²)/3 = .0625, se = .125, half = .244995
    // → (.130005, .619995); z = 3, p = 2Φ(−3) = .0026997960632601866 (scipy 2·norm.sf(3)), written in full. Three samples rose, none fell; 4 < 30: small.
    expect(en.changes).toEqual([{ reference: H, model: S, n: 4, diff: 0.375, ci: [0.130005, 0.619995], test: { name: 'paired-z', p: expect.closeTo(0.0026997960632601866, 15) }, regressed: 0, improved: 3, small: true }]);
  });
});

describe('segmentBreakdown: edge cases', () => {
  it('names absent and null values "(none)" and non-strings by their JSON', () => {
    const meta: Record<string, Record<string, Json>> = { a: { level: 2 }, b: { level: null }, c: {} };
    const [field] = segmentBreakdown({ models: [{ model: H }], records: ['a', 'b', 'c'].map((id) => rec(id, H, true)), metadataOf: (id) => meta[id] ?? {}, fields: ['level'] });
    expect(field?.segments.map((s) => [s.value, s.samples])).toEqual([['(none)', 2], ['2', 1]]);
    expect(field?.segments[0]?.changes).toEqual([]); // one model: nothing to compare
  });

  it(`keeps the ${MAX_SEGMENTS} most frequent values and sums the rest into "${OTHER}"`, () => {
    // 60 values: v00 has 3 samples, the rest one each. Kept: v00, then v01..v49 by name; v50..v59 → (other).
    const ids = [...Array.from({ length: 60 }, (_, k) => `v${String(k).padStart(2, '0')}`), 'extra1', 'extra2'];
    const valueOf = (id: string) => (id.startsWith('extra') ? 'v00' : id);
    const [field] = segmentBreakdown({ models: MODELS, records: ids.flatMap((id) => [rec(id, H, true), rec(id, S, false)]), metadataOf: (id) => ({ tag: valueOf(id) }), fields: ['tag'] });
    expect(field?.values).toBe(60);
    expect(field?.segments).toHaveLength(MAX_SEGMENTS + 1);
    expect(field?.segments[0]?.value).toBe('v00');
    expect(field?.segments[0]?.samples).toBe(3);
    const other = field?.segments.at(-1);
    expect(other?.value).toBe(OTHER);
    expect(other?.samples).toBe(10);
    expect(other?.models.map((m) => [m.n, m.passed])).toEqual([[10, 10], [10, 0]]);
    expect(other?.changes[0]?.diff).toBe(-1);
  });

  it('gives an empty list with no fields and empty segments with no records', () => {
    expect(segmentBreakdown({ models: MODELS, records: oneEpoch, metadataOf, fields: [] })).toEqual([]);
    expect(segmentBreakdown({ models: MODELS, records: [], metadataOf, fields: ['difficulty'] })).toEqual([{ field: 'difficulty', values: 0, segments: [] }]);
  });
});
