import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunRecords } from '../../../src/route/read-runs.js';
import { pairRecords } from '../../../src/route/records.js';
import type { PolicyRow, RouteReport } from '../../../src/route/report-types.js';
import { buildRouteReport } from '../../../src/route/report.js';
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
//   route by topic  easy → S (.005), hard → L (.050): .055/7        = 55/7   (every fold learns easy → S: its S − L is 0 on every item)
//   random mix      at that rule's share 3/7: (4/7)(10/7) + (3/7)(100/7) = 340/49
//   gate            every S call plus L on q4, q7: (.010 + .030)/7  = 40/7
//   cascade τ* = .2 (in-sample: the cheapest τ with Q ≥ 6/7 − .02): .010 + L on q7, q5 = .050/7 = 50/7
//   gate or τ = .2  .010 + L on q4, q5, q7 = .060/7                 = 60/7
// Held-out (cross-fitted) rows: 1000 · Σ (cS_i + w_i·cL_i)/7 with the decision weights w_i in route.json.

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
const row = (key: PolicyRow['key']): PolicyRow => report.policies.find((r) => r.key === key) as PolicyRow;
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
  report = buildRouteReport({
    pairing, small: { id: S, simulated: true }, large: { id: L, simulated: true }, runs: [run], quality: 'pass',
    signal: 'scorer:conf', check: 'scorer:valid', segmentFields: ['topic'], tolerance: 0.02, level: 0.95, folds: 5, seed: 3, resamples: 200,
  });
});

describe('policy costs match a hand computation from the records', () => {
  it('pairs 7 samples and leaves the error out', () => {
    expect(report.samples).toEqual({ paired: 7, errors: 1, unpaired: 0 });
    expect(report.epochs).toEqual({ small: 2, large: 2 });
  });

  it.each([
    ['always-s', 10 / 7, 4 / 7],
    ['always-l', 100 / 7, 6 / 7],
    ['oracle', 46 / 7, 6 / 7],
    ['segments', 55 / 7, 6 / 7],
    ['random', 340 / 49, (4 / 7) * (4 / 7) + (3 / 7) * (6 / 7)],
    ['gate', 40 / 7, 5 / 7],
  ] as const)('%s: $ per 1k and quality', (key, per1k, quality) => {
    expect(row(key).point.costPer1k).toBeCloseTo(per1k, 10);
    expect(row(key).point.quality).toBeCloseTo(quality, 10);
  });

  it('the deployed cascade thresholds and their in-sample costs', () => {
    const fit = (kind: string) => report.analysis.policies.find((p) => p.kind === kind)?.crossFit;
    expect([fit('cascade')?.inSample.threshold, fit('gate-or-threshold')?.inSample.threshold]).toEqual([0.2, 0.2]);
    expect(fit('cascade')?.inSample.point.costPer1k).toBeCloseTo(50 / 7, 10);
    expect(fit('gate-or-threshold')?.inSample.point.costPer1k).toBeCloseTo(60 / 7, 10);
  });

  it.each(['cascade', 'gate-or-threshold', 'segments'] as const)('%s held out: Σ (cS + w·cL) with the cross-fitted weights', (key) => {
    const weights = key === 'segments' ? report.segmentRoute?.decision.weights : report.analysis.policies.find((p) => p.kind === key)?.crossFit?.decision.weights;
    expect(row(key).point.costPer1k).toBeCloseTo(byWeights(weights ?? [], key !== 'segments'), 10);
  });

  it('latency: a cascade pays S then L; p95 is the smallest latency 95% finish within', () => {
    expect(row('always-l').point.latencyMeanMs).toBeCloseTo(10000 / 7, 8);
    expect(row('always-l').point.latencyP95Ms).toBe(2000);
    expect(row('gate').point.latencyMeanMs).toBeCloseTo((1000 + 1000 + 2000) / 7, 8);
  });

  it('savings against always-L and policy.json', () => {
    expect(row('segments').savings?.estimate).toBeCloseTo(1 - 55 / 100, 10);
    expect(row('gate').savings?.estimate).toBeCloseTo(1 - 40 / 100, 10);
    expect(report.segmentRoute?.rule).toEqual({ field: 'topic', toSmall: ['easy'], toLarge: ['hard'] });
    expect(report.segmentRoute?.stableFolds).toBe(report.segmentRoute?.k);
  });
});
