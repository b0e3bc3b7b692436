import { describe, expect, it } from 'vitest';
import { compareSides } from '../../../src/compare/compare.js';
import { referenceComparisons } from '../../../src/compare/in-run.js';
import type { RunView, ItemResult } from '../../../src/compare/read-run.js';
import type { RunSummary } from '../../../src/summary/run-summary.js';
import { segmentBreakdown } from '../../../src/summary/segments.js';
import type { SummaryRecord } from '../../../src/summary/model-summary.js';

// Every path that writes a McNemar p to JSON keeps it in full: `compare` (two runs), the in-run
// comparison of summary.json (each model against the first), and the per-segment changes.

const REF = 'sim:ref';
const CAND = 'sim:cand';

/** One epoch: `down` samples the reference passes and the candidate fails, `up` the reverse, 20 both pass. */
function verdicts(down: number, up: number): { id: string; ref: boolean; cand: boolean }[] {
  return [
    ...Array.from({ length: down }, (_, i) => ({ id: `d${i}`, ref: true, cand: false })),
    ...Array.from({ length: up }, (_, i) => ({ id: `u${i}`, ref: false, cand: true })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, ref: true, cand: true })),
  ];
}

function rec(sampleId: string, model: string, pass: boolean): SummaryRecord {
  return {
    sampleId, model, epoch: 1, status: 'ok', pass, score: pass ? 1 : 0,
    latencyMs: 10, usage: null, costUsd: null, stopReason: null, attempts: 1, cached: false, scores: [],
  };
}

const records = (down: number, up: number) => verdicts(down, up).flatMap((v) => [rec(v.id, REF, v.ref), rec(v.id, CAND, v.cand)]);

function runOf(model: string, rows: readonly { id: string; pass: boolean }[]): RunView {
  const map = new Map<string, ItemResult>();
  for (const r of rows) map.set(`${r.id}|${model}|1`, { sampleId: r.id, model, epoch: 1, ok: true, unscored: false, pass: r.pass, score: r.pass ? 1 : 0, errorKind: undefined });
  return { dir: model, shownDir: model, summary: { runId: model, models: [{ model, simulated: true }] } as unknown as RunSummary, verdicts: map };
}

const PATHS: { path: string; p: (down: number, up: number) => { regressed: number; improved: number; p: number | null } }[] = [
  {
    path: 'compare (two runs)',
    p: (down, up) => {
      const v = verdicts(down, up);
      const c = compareSides({ run: runOf(REF, v.map((x) => ({ id: x.id, pass: x.ref }))), model: REF }, { run: runOf(REF, v.map((x) => ({ id: x.id, pass: x.cand }))), model: REF }, { judge: 'interval', level: 0.95, mustPass: [] }, { resamples: 0 });
      return { ...c.passRate.discordant, p: c.passRate.test.p };
    },
  },
  {
    path: 'summary.json comparisons (one run, two models)',
    p: (down, up) => {
      const [c] = referenceComparisons({ runId: 'r', models: [{ model: REF }, { model: CAND }] as unknown as RunSummary['models'] }, records(down, up));
      return { regressed: c?.regressed ?? -1, improved: c?.improved ?? -1, p: c?.test.p ?? null };
    },
  },
  {
    path: 'summary.json segments',
    p: (down, up) => {
      const [field] = segmentBreakdown({ models: [{ model: REF }, { model: CAND }], records: records(down, up), metadataOf: () => ({ tier: 'all' }), fields: ['tier'] });
      const c = field?.segments[0]?.changes[0];
      return { regressed: c?.regressed ?? -1, improved: c?.improved ?? -1, p: c?.test.p ?? null };
    },
  },
];

// Two-sided exact p = 2·P(X ≤ min(b, c)), X ~ Binomial(40, ½): scipy.stats.binomtest(k, 40, 0.5).pvalue,
// equal to the closed form 2·Σ_{i≤k} C(40, i)/2⁴⁰ to every digit printed.
const CASES = [
  { down: 40, up: 0, exact: 1.8189894035458565e-12 },
  { down: 37, up: 3, exact: 1.946500560734421e-8 },
  { down: 25, up: 15, exact: 0.1538599441628321 },
];

describe('McNemar p-values are written in full', () => {
  it.each(PATHS.flatMap(({ path, p }) => CASES.map((c) => ({ path, p, ...c }))))('$path: $down regressed, $up improved', ({ p, down, up, exact }) => {
    const got = p(down, up);
    expect([got.regressed, got.improved]).toEqual([down, up]);
    expect(Math.abs((got.p ?? 0) - exact) / exact).toBeLessThan(1e-9);
  });
});
