import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunRecords } from '../../../src/route/reading/read-runs.js';
import { pairRecords } from '../../../src/route/reading/records.js';
import type { PolicyRow, RouteReport } from '../../../src/route/report/report-types.js';
import { buildRouteReport } from '../../../src/route/report/report.js';
import { tempDir } from '../../support/cli.js';

// Issue 6 acceptance: the cost of every policy matches a hand computation from the records. Eight
// hand-written samples go through the real path (a run directory → readRunRecords → pairRecords →
// buildRouteReport). Per sample (S = small, L = large; cost USD, latency ms; conf = S's signal, valid =
// S's check):
//
//   id  topic  qS qL  cS    cL    lS   lL    conf  valid
//   q1  easy   1  1   .001  .010  100  1000  .9    pass
//   q2  easy   1  1   .001  .010  100  1000  .8    pass
//   q3  easy   1  1   .002  .020  200  2000  .7    pass
//   q4  easy   0  0   .001  .010  100  1000  .3    FAIL
//   q5  hard   0  1   .002  .020  200  2000  .2    pass
//   q6  hard   1  1   .001  .010  100  1000  .6    pass
//   q7  hard   0  1   .002  .020  200  2000  .15   FAIL   (2 epochs each: S .001/.003, L .010/.030, conf .1/.2)
//   q8  hard   S's call ended in error: left out, not scored 0
//
// Σ cS = .010, Σ cL = .100 over the 7 paired samples. By hand, USD per 1,000 requests:
//   always-S        1000 · .010/7                                   = 10/7
//   always-L        1000 · .100/7                                   = 100/7
//   oracle          S on q1–q4, q6 (ties → cheaper), L on q5, q7: (.006 + .040)/7 = 46/7
//   random mix      at the first candidate's strong share s: (1 − s)(10/7) + s(100/7), quality (1 − s)(4/7) + s(6/7)
//   gate            every S call plus L on q4, q7: (.010 + .030)/7  = 40/7
//   cascade τ* = .2 (in-sample: the cheapest τ with Q ≥ 6/7 − .02): .010 + L on q7, q5 = .050/7 = 50/7
//   gate or τ = .2  .010 + L on q4, q5, q7 = .060/7                 = 60/7
// Held-out (cross-fitted) rows: 1000 · Σ (cS_i + w_i·cL_i)/7 with the decision weights w_i in route.json.
//
// Route by topic. easy's S − L is 0 on all 4 items: SE 0, so its interval is ± u(n) = 1 − 0.025^(1/n), the
// exact bound on the share of items where S and L differ when none was seen: u(4) = 1 − 0.397635 = 0.602365,
// u(3) = 0.707598, u(2) = 1 − 0.158114 = 0.841886. At tolerance .02 that straddles −.02: not enough data
// (neededN = floor(ln .025 / ln .98) + 1 = floor(182.59) + 1 = 183), so no segment goes to S and there is no
// segments row; the random mix then takes the first candidate's share, the held-out cascade's.
// A second report at tolerance .85 (> u(2), so easy holds on any training set of ≥ 2 easy items) learns the
// planted rule. hard never holds there: all 3 items d = (−1, 0, −1), mean −2/3, SE = √(1/3)/√3 = 1/3,
// CI −2/3 ± 1.96/3 = [−1.32, −0.01]; 2 items (−1, 0) CI −.5 ± .98; 2 items (−1, −1) [−1, −1 + .84]; 1 item
// no interval: every one straddles −.85. So in-sample and in every fold easy → S, hard → L:
//   route by topic  easy → S (.005), hard → L (.050): .055/7        = 55/7, quality (3 + 3)/7 = 6/7
//   random mix      at that rule's share 3/7: (4/7)(10/7) + (3/7)(100/7) = 340/49

const S = 'sim:small';
const L = 'sim:large';
const SAMPLES = [
  ['q1', 'easy', [1], [1], [0.001], [0.01], [100], [1000], [0.9], [true]],
  ['q2', 'easy', [1], [1], [0.001], [0.01], [100], [1000], [0.8], [true]],
  ['q3', 'easy', [1], [1], [0.002], [0.02], [200], [2000], [0.7], [true]],
  ['q4', 'easy', [0], [0], [0.001], [0.01], [100], [1000], [0.3], [false]],
  ['q5', 'hard', [0], [1], [0.002], [0.02], [200], [2000], [0.2], [true]],
  ['q6', 'hard', [1], [1], [0.001], [0.01], [100], [1000], [0.6], [true]],
  ['q7', 'hard', [0, 0], [1, 1], [0.001, 0.003], [0.01, 0.03], [100, 300], [1000, 3000], [0.1, 0.2], [false, false]],
] as const;

function lines(): string[] {
  const rec = (id: string, topic: string, model: string, epoch: number, f: { pass: number; cost: number; lat: number; conf?: number; valid?: boolean }) => JSON.stringify({
    runId: 'hand', evalId: 'hand', sampleId: id, model, simulated: true, epoch, status: 'ok', output: 'x', pass: f.pass === 1, score: f.pass,
    scores: [{ name: 'label', value: f.pass, pass: f.pass === 1 }, ...(f.conf === undefined ? [] : [{ name: 'conf', value: f.conf, pass: true }, { name: 'valid', value: f.valid ? 1 : 0, pass: f.valid }])],
    latencyMs: f.lat, costUsd: f.cost, metadata: { topic },
  });
  const out = SAMPLES.flatMap(([id, topic, qs, ql, cs, cl, ls, ll, conf, valid]) => qs.flatMap((_, e) => [
    rec(id, topic, S, e + 1, { pass: qs[e] as number, cost: cs[e] as number, lat: ls[e] as number, conf: conf[e] as number, valid: valid[e] as boolean }),
    rec(id, topic, L, e + 1, { pass: ql[e] as number, cost: cl[e] as number, lat: ll[e] as number }),
  ]));
  out.push(JSON.stringify({ sampleId: 'q8', model: S, epoch: 1, status: 'error', scores: [], costUsd: null, latencyMs: null, metadata: { topic: 'hard' } }));
  out.push(rec('q8', 'hard', L, 1, { pass: 1, cost: 0.01, lat: 1000 }));
  return out;
}

let report: RouteReport;
/** The same records at tolerance .85, a tolerance 4 concordant items can decide (see above). */
let wide: RouteReport;
const row = (key: PolicyRow['key'], r: RouteReport = report): PolicyRow => r.policies.find((p) => p.key === key) as PolicyRow;
const CS = [0.001, 0.001, 0.002, 0.001, 0.002, 0.001, 0.002];
const CL = [0.01, 0.01, 0.02, 0.01, 0.02, 0.01, 0.02];
const byWeights = (w: readonly number[], cascade: boolean): number =>
  (1000 * CS.reduce((s, c, i) => s + (cascade ? c : (1 - (w[i] as number)) * c) + (w[i] as number) * (CL[i] as number), 0)) / 7;

beforeAll(async () => {
  const dir = join(tempDir('haikubench-route-hand-'), 'run');
  mkdirSync(dir);
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ runId: 'hand', status: 'completed', stoppedBy: null, eval: { id: 'hand' } }));
  writeFileSync(join(dir, 'records.jsonl'), `${lines().join('\n')}\n`);
  const { run, records } = await readRunRecords(dir, 'run');
  const pairing = pairRecords(records, { small: S, large: L, quality: 'pass', signal: 'conf', check: 'valid' });
  const build = (tolerance: number): RouteReport => buildRouteReport({
    pairing, small: { id: S, simulated: true }, large: { id: L, simulated: true }, runs: [run], quality: 'pass',
    signal: 'scorer:conf', check: 'scorer:valid', segmentFields: ['topic'], tolerance, level: 0.95, folds: 5, seed: 3, resamples: 200,
  });
  report = build(0.02);
  wide = build(0.85);
});

describe('policy costs match a hand computation from the records', () => {
  it('pairs 7 samples and leaves the error out', () => {
    expect(report.samples).toEqual({ paired: 7, errors: 1, unpaired: 0, unscored: 0 });
    expect(report.epochs).toEqual({ small: 2, large: 2 });
  });

  it.each([
    ['always-s', 10 / 7, 4 / 7],
    ['always-l', 100 / 7, 6 / 7],
    ['oracle', 46 / 7, 6 / 7],
    ['gate', 40 / 7, 5 / 7],
  ] as const)('%s: $ per 1k and quality', (key, per1k, quality) => {
    expect(row(key).point.costPer1k).toBeCloseTo(per1k, 10);
    expect(row(key).point.quality).toBeCloseTo(quality, 10);
  });

  it.each([
    ['segments', 55 / 7, 6 / 7],
    ['random', 340 / 49, (4 / 7) * (4 / 7) + (3 / 7) * (6 / 7)],
  ] as const)('%s at tolerance .85: $ per 1k and quality', (key, per1k, quality) => {
    expect(row(key, wide).point.costPer1k).toBeCloseTo(per1k, 10);
    expect(row(key, wide).point.quality).toBeCloseTo(quality, 10);
  });

  it('at tolerance .02, 4 concordant easy items are not enough data: no segment to S, no segments row', () => {
    const easy = report.analysis.segments[0]?.verdicts.find((v) => v.value === 'easy');
    expect([easy?.n, easy?.diff, easy?.verdict, easy?.neededN]).toEqual([4, 0, 'not enough data', 183]);
    // Newcombe's interval of the concordant table (3 or 1 both right of 4): ± 0.427166 (test/fixtures/stats/newcombe.py)
    expect(easy?.ci?.map((x) => Number(x.toFixed(6)))).toEqual([-0.427166, 0.427166]);
    expect(report.segmentRoute?.rule).toEqual({ field: 'topic', toSmall: [], toLarge: ['easy', 'hard'] });
    expect(report.policies.some((r) => r.key === 'segments')).toBe(false);
  });

  it('random at tolerance .02: the mix at the held-out cascade\'s strong share s', () => {
    const s = row('cascade').point.strongShare as number;
    expect(s).toBeGreaterThan(0);
    expect(row('random').point.costPer1k).toBeCloseTo((1 - s) * (10 / 7) + s * (100 / 7), 10);
    expect(row('random').point.quality).toBeCloseTo((1 - s) * (4 / 7) + s * (6 / 7), 10);
  });

  it('the deployed cascade thresholds and their in-sample costs', () => {
    const fit = (kind: string) => report.analysis.policies.find((p) => p.kind === kind)?.crossFit;
    expect([fit('cascade')?.inSample.threshold, fit('gate-or-threshold')?.inSample.threshold]).toEqual([0.2, 0.2]);
    expect(fit('cascade')?.inSample.point.costPer1k).toBeCloseTo(50 / 7, 10);
    expect(fit('gate-or-threshold')?.inSample.point.costPer1k).toBeCloseTo(60 / 7, 10);
  });

  it.each(['cascade', 'gate-or-threshold'] as const)('%s held out: Σ (cS + w·cL) with the cross-fitted weights', (key) => {
    const weights = report.analysis.policies.find((p) => p.kind === key)?.crossFit?.decision.weights;
    expect(row(key).point.costPer1k).toBeCloseTo(byWeights(weights ?? [], true), 10);
  });

  it('segments held out (tolerance .85): Σ (cS + w·cL) with the cross-fitted weights, easy → S in every fold', () => {
    const weights = wide.segmentRoute?.decision.weights ?? [];
    expect(weights).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(row('segments', wide).point.costPer1k).toBeCloseTo(byWeights(weights, false), 10);
  });

  it('route by topic, cascade elsewhere, held out (tolerance .85): easy never escalates; Σ (cS + w·cL), every item paying S', () => {
    const weights = wide.segmentCascade?.decision.weights ?? [];
    expect(weights).toHaveLength(7);
    expect(weights.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(row('segments-cascade', wide).point.costPer1k).toBeCloseTo(byWeights(weights, true), 10);
  });

  it('latency: a cascade pays S then L; p95 is the smallest latency 95% finish within', () => {
    expect(row('always-l').point.latencyMeanMs).toBeCloseTo(10000 / 7, 8);
    expect(row('always-l').point.latencyP95Ms).toBe(2000);
    expect(row('gate').point.latencyMeanMs).toBeCloseTo((1000 + 1000 + 2000) / 7, 8);
  });

  it('savings against always-L and policy.json', () => {
    expect(row('segments', wide).savings?.estimate).toBeCloseTo(1 - 55 / 100, 10);
    expect(row('gate').savings?.estimate).toBeCloseTo(1 - 40 / 100, 10);
    expect(wide.segmentRoute?.rule).toEqual({ field: 'topic', toSmall: ['easy'], toLarge: ['hard'] });
    expect(wide.segmentRoute?.stableFolds).toBe(wide.segmentRoute?.k);
  });
});
