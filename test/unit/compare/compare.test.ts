import { describe, expect, it } from 'vitest';
import { compareSides, type CompareGates } from '../../../src/compare/compare.js';
import { flips, pairSides } from '../../../src/compare/pair.js';
import type { RunView, ItemResult } from '../../../src/compare/read-run.js';
import type { RunSummary } from '../../../src/summary/run-summary.js';
import { seededRandom } from '../../../src/util/random.js';

// The comparison on in-memory runs: pairing rules, flips both ways, the sign of the change, the gates,
// and the gate's false-alarm rate over 100 seeded trials (issue 4's acceptance).

const M = 'sim:m';
function run(name: string, rows: readonly (readonly [id: string, pass: boolean | 'error' | 'unscored', epoch?: number])[], model = M): RunView {
  const verdicts = new Map<string, ItemResult>();
  for (const [id, pass, epoch = 1] of rows) {
    verdicts.set(`${id}|${model}|${epoch}`, { sampleId: id, model, epoch, ok: pass !== 'error', unscored: pass === 'unscored', pass: pass === true, score: pass === true ? 1 : 0, errorKind: pass === 'error' ? 'server' : undefined });
  }
  const summary = { runId: name, models: [{ model, simulated: true }] } as unknown as RunSummary;
  return { dir: name, shownDir: name, summary, verdicts };
}
const gates = (over: Partial<CompareGates> = {}): CompareGates => ({ judge: 'interval', level: 0.95, mustPass: [], ...over });
const bernoulli = (n: number, p: number, seed: number) => { const r = seededRandom(seed); return Array.from({ length: n }, () => r() < p); };
const rows = (xs: readonly boolean[]) => xs.map((x, i) => [`s${i}`, x] as const);

describe('pairing', () => {
  it('pairs on shared samples; errors on either side and one-sided samples are left out and counted', () => {
    const a = run('a', [['s1', true], ['s2', true], ['s3', 'error'], ['s4', false], ['only-a', true]]);
    const b = run('b', [['s1', false], ['s2', 'error'], ['s3', true], ['s4', true], ['only-b', true]]);
    const p = pairSides({ run: a, model: M }, { run: b, model: M });
    expect(p.sampleIds).toEqual(['s1', 's4']);
    expect(p.excluded).toEqual({ errors: 2, unscored: 0, onlyA: 1, onlyB: 1 });
    expect(flips(p)).toEqual({ regressed: [{ sampleId: 's1', baseline: 1, candidate: 0 }], improved: [{ sampleId: 's4', baseline: 0, candidate: 1 }] });
  });

  it('an answer with no verdict (a pairwise reference) on either side is left out and counted apart from errors', () => {
    const a = run('a', [['s1', true], ['s2', 'unscored'], ['s3', 'unscored']]);
    const b = run('b', [['s1', true], ['s2', true], ['s3', 'error']]);
    const p = pairSides({ run: a, model: M }, { run: b, model: M });
    expect(p.sampleIds).toEqual(['s1']);
    expect(p.excluded).toEqual({ errors: 1, unscored: 1, onlyA: 0, onlyB: 0 });
  });

  it('a drop gate on a model with no verdicts on either side (a pairwise reference) is skipped, not failed', () => {
    const a = run('a', [['s1', 'unscored'], ['s2', 'unscored']]);
    const c = compareSides({ run: a, model: M }, { run: run('b', [['s1', 'unscored'], ['s2', 'unscored']]), model: M }, { maxDrop: 0.05, judge: 'interval', level: 0.95, mustPass: [] }, { resamples: 0 });
    expect(c.n).toBe(0);
    expect(c.gates).toEqual([{ gate: 'pass rate drop ≤ 5.0 pts (interval)', pass: true, status: 'pass', reason: expect.stringMatching(/^skipped: no verdicts to compare \(2 sample\(s\) unscored/) }]);
    // Errors are a different matter: nothing to judge fails the gate.
    const e = compareSides({ run: run('a', [['s1', 'error']]), model: M }, { run: run('b', [['s1', true]]), model: M }, { maxDrop: 0.05, judge: 'interval', level: 0.95, mustPass: [] }, { resamples: 0 });
    expect(e.gates[0]).toMatchObject({ pass: false, reason: 'no paired samples to judge' });
  });

  it('with epochs, a sample is one observation: its pass share', () => {
    const a = run('a', [['s1', true, 1], ['s1', true, 2], ['s2', false, 1], ['s2', true, 2]]);
    const b = run('b', [['s1', true, 1], ['s1', false, 2], ['s2', false, 1], ['s2', true, 2]]);
    const p = pairSides({ run: a, model: M }, { run: b, model: M });
    expect([p.binary, p.passA, p.passB]).toEqual([false, [1, 0.5], [0.5, 0.5]]);
    expect(flips(p).regressed).toEqual([{ sampleId: 's1', baseline: 1, candidate: 0.5 }]);
  });
});

describe('compareSides', () => {
  it('the change is candidate − baseline, with McNemar on the discordant pairs (b=14, c=26)', () => {
    // 400 samples: 306 both pass, 54 both fail, 14 baseline-only passes, 26 candidate-only passes.
    const base = [...Array(306).fill(true), ...Array(54).fill(false), ...Array(14).fill(true), ...Array(26).fill(false)] as boolean[];
    const cand = [...Array(306).fill(true), ...Array(54).fill(false), ...Array(14).fill(false), ...Array(26).fill(true)] as boolean[];
    const c = compareSides({ run: run('a', rows(base)), model: M }, { run: run('b', rows(cand)), model: M }, gates({ maxDrop: 0.02 }));
    expect(c.passRate).toMatchObject({ baseline: 0.8, candidate: 0.83, diff: 0.03, se: 0.01576, discordant: { regressed: 14, improved: 26 }, test: { name: 'mcnemar-exact' } });
    expect(c.passRate.test.p).toBeCloseTo(0.080690, 6);
    // Newcombe's hybrid score interval of paired proportions (test/fixtures/stats/newcombe.json, table
    // [306, 26, 14, 54]); the z interval was (−0.000889, 0.060889).
    expect(c.passRate.ci?.[0]).toBeCloseTo(-0.001403, 5);
    expect(c.passRate.ci?.[1]).toBeCloseTo(0.061913, 5);
    expect(c.passRate.correlation).toBeCloseTo(0.672199, 5);
    // No drop past 2 pts found, but 400 samples with 40 discordant pairs can only detect about 4 pts: inconclusive, which fails by default.
    expect(c.mde).toBeGreaterThan(0.02);
    expect(c.gates).toEqual([expect.objectContaining({ pass: false, status: 'inconclusive' })]);
    expect(c.flipped.regressed).toHaveLength(14);
    expect(c.flipped.improved).toHaveLength(26);
  });

  it.each([
    ['interval: the whole interval below −2 pts fails', gates({ maxDrop: 0.02 }), false],
    ['significance: a significant drop past 2 pts fails', gates({ maxDrop: 0.02, judge: 'significance' }), false],
    ['a 20-point tolerance passes', gates({ maxDrop: 0.2 }), true],
  ] as const)('%s', (_label, g, pass) => {
    const base = bernoulli(2000, 0.93, 1);
    const cand = base.map((x, i) => x && i % 10 !== 0); // drops ~9.3 points, always downwards
    const c = compareSides({ run: run('a', rows(base)), model: M }, { run: run('b', rows(cand)), model: M }, g);
    expect(c.passRate.diff).toBeLessThan(0);
    expect(c.gates[0]?.pass).toBe(pass);
  });

  it.each([
    // 10 samples, a 20-point drop (2 pass→fail): the interval reaches above −2 pts, and 10 samples can only detect ~60 pts.
    { what: 'a 2-point gate on 10 samples, by default', maxDrop: 0.02, on: undefined, status: 'inconclusive', pass: false },
    { what: 'the same with on_inconclusive warn', maxDrop: 0.02, on: 'warn', status: 'inconclusive', pass: true },
    { what: 'the same with on_inconclusive fail', maxDrop: 0.02, on: 'fail', status: 'inconclusive', pass: false },
    { what: 'a gate wider than what the samples can detect', maxDrop: 0.9, on: undefined, status: 'pass', pass: true },
  ] as const)('a gate that cannot detect its own threshold is inconclusive: $what', ({ maxDrop, on, status, pass }) => {
    const base = Array(10).fill(true) as boolean[];
    const cand = base.map((_x, i) => i >= 2);
    const c = compareSides({ run: run('a', rows(base)), model: M }, { run: run('b', rows(cand)), model: M }, gates({ maxDrop, ...(on !== undefined && { onInconclusive: on }) }), { resamples: 0 });
    expect(c.passRate.diff).toBeCloseTo(-0.2, 6);
    expect(c.gates.map((g) => [g.status, g.pass])).toEqual([[status, pass]]);
    if (status === 'inconclusive') expect(c.gates[0]?.reason).toMatch(/inconclusive: with 10 paired samples this comparison can only detect changes of [\d.]+ pts or more, wider than the 2\.0-pt gate/);
  });

  it('must-pass samples fail the gate on a pass → fail flip, and only then', () => {
    const a = run('a', [['s1', true], ['s2', true], ['s3', false]]);
    const b = run('b', [['s1', false], ['s2', true], ['s3', true]]);
    const hit = compareSides({ run: a, model: M }, { run: b, model: M }, gates({ mustPass: ['s1', 's2'] }));
    expect(hit.gates).toEqual([{ gate: 'must-pass samples (2)', pass: false, status: 'fail', reason: 'went from pass to fail: s1' }]);
    const miss = compareSides({ run: a, model: M }, { run: b, model: M }, gates({ mustPass: ['s2', 's3'] }));
    expect(miss.gates[0]?.pass).toBe(true);
  });

  it('a 3-point true difference on 2,000 samples is reported significant with the right sign', () => {
    // Correlated models, as real ones are: the candidate fails every sample the baseline fails, and 3% more.
    const base = bernoulli(2000, 0.87, 7);
    const extra = bernoulli(2000, 0.0345, 8);
    const cand = base.map((x, i) => x && !extra[i]);
    const c = compareSides({ run: run('a', rows(base)), model: M }, { run: run('b', rows(cand)), model: M }, gates());
    expect(c.passRate.diff).toBeLessThan(-0.02);
    expect(c.passRate.test.p).toBeLessThan(0.05);
    expect(c.passRate.ci?.[1]).toBeLessThan(0);
  });

  it('two runs of one model (independent draws, 84%) fail a 2-point gate at the 5% level in at most 5 of 100 seeded trials', () => {
    let falseAlarms = { interval: 0, significance: 0 };
    for (let t = 0; t < 100; t++) {
      const a = run('a', rows(bernoulli(2000, 0.84, 1000 + t)));
      const b = run('b', rows(bernoulli(2000, 0.84, 5000 + t)));
      for (const judge of ['interval', 'significance'] as const) {
        const c = compareSides({ run: a, model: M }, { run: b, model: M }, gates({ maxDrop: 0.02, judge }), { resamples: 0 });
        if (c.gates[0]?.status === 'fail') falseAlarms = { ...falseAlarms, [judge]: falseAlarms[judge] + 1 };
      }
    }
    expect(falseAlarms.interval).toBeLessThanOrEqual(5);
    expect(falseAlarms.significance).toBeLessThanOrEqual(5);
  });

  it('no shared samples: nulls, and a gate that cannot be judged fails', () => {
    const c = compareSides({ run: run('a', [['x', true]]), model: M }, { run: run('b', [['y', true]]), model: M }, gates({ maxDrop: 0.02 }));
    expect([c.n, c.passRate.diff, c.mde]).toEqual([0, null, null]);
    expect(c.gates[0]).toMatchObject({ pass: false, reason: 'no paired samples to judge' });
  });
});
