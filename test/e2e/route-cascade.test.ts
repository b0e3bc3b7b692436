import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareEval, type PreparedEval } from '../../src/eval/prepare.js';
import { simProvider } from '../../src/providers/sim.js';
import type { PolicyFile, RouteReport } from '../../src/route/index.js';
import { normalizeLabel } from '../../src/scoring/extract/text.js';
import { asText } from '../../src/prompt/template.js';
import type { CompletionRequest } from '../../src/types.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';

// The threshold cascade of the offline demonstration (evals/routing-demo.yaml): both simulated models
// state a confidence after their answer, and `route --signal output:<regex>` replays "Haiku first,
// escalate when its stated confidence ≤ τ". τ is chosen on four folds and applied to the fifth, so
// each fold has its own τ_f. The truth the simulation knows is the expected quality of that policy
// (each held-out request escalated when its mean stated confidence over the 3 epochs is ≤ its fold's
// τ_f), over the simulator's call-level randomness with these 600 requests (their difficulty is fixed
// by id): estimated here by replaying the simulator itself under 40 other seeds, so nothing about the
// confidence model is assumed. The reported held-out quality's 95% interval must hold it.

const SIGNAL = 'output:Confidence: ([0-9.]+)';
const REPLICATIONS = 40;

let prepared: PreparedEval;
let report: RouteReport;
let policy: PolicyFile;

beforeAll(async () => {
  const dir = tempDir('haikubench-route-cascade-');
  const runDir = join(dir, 'run');
  const outDir = join(dir, 'route');
  const run = await runCli(['run', 'evals/routing-demo.yaml', '--out', runDir, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  const route = await runCli(['route', runDir, '--tolerance', '0.05', '--signal', SIGNAL, '--out', outDir]);
  expect(route.code, route.stderr).toBe(0);
  report = JSON.parse(readFileSync(join(outDir, 'route.json'), 'utf8')) as RouteReport;
  policy = JSON.parse(readFileSync(join(outDir, 'policy.json'), 'utf8')) as PolicyFile;
  prepared = await prepareEval(join(ROOT, 'evals/routing-demo.yaml'), { cwd: ROOT });
}, 60_000);

/** One replication: per request, the mean over epochs of each model's pass and S's stated confidence. */
async function replicate(seed: number): Promise<{ qS: number[]; qL: number[]; conf: number[] }> {
  const [small, large] = prepared.spec.models.map((m) => simProvider(m, seed));
  const epochs = prepared.spec.run.epochs;
  const signal = new AbortController().signal;
  const out = { qS: [] as number[], qL: [] as number[], conf: [] as number[] };
  for (const sample of prepared.samples) {
    let s = 0, l = 0, c = 0;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const item = { sample, epoch, targetPool: prepared.targetPool };
      const req: CompletionRequest = { model: 'sim', messages: [{ role: 'user', content: sample.id }], maxTokens: 24, timeoutMs: 1000 };
      const a = await small?.complete(req, signal, item);
      const b = await large?.complete(req, signal, item);
      const right = (text: string | undefined) => normalizeLabel((text ?? '').split('\n')[0] ?? '') === normalizeLabel(asText(sample.target ?? ''));
      s += right(a?.text) ? 1 : 0;
      l += right(b?.text) ? 1 : 0;
      c += Number(/Confidence: ([0-9.]+)/.exec(a?.text ?? '')?.[1]);
    }
    out.qS.push(s / epochs);
    out.qL.push(l / epochs);
    out.conf.push(c / epochs);
  }
  return out;
}

describe('route: the threshold cascade on the stated confidence', () => {
  it('recommends the cascade and writes its rule to policy.json', () => {
    expect(policy.rule).toBe('cascade');
    expect(policy.cascade?.signal).toBe(SIGNAL);
    expect(policy.cascade?.escalateWhen).toBe('signal <= threshold');
    expect([policy.validated.heldOut, policy.validated.folds, policy.simulated]).toEqual([true, 5, true]);
  });

  it('finds a signal with the planted separation (AUROC of the mean of 3 stated confidences ≥ the per-answer 0.8)', () => {
    const curve = report.curves.find((c) => c.label.startsWith('cascade'));
    const auroc = curve?.auroc?.auroc ?? 0;
    expect(auroc).toBeGreaterThan(0.8);
    expect(auroc).toBeLessThan(0.99);
  });

  it('reports a held-out quality whose interval holds the truth the simulation knows', async () => {
    const fit = report.analysis.policies.find((p) => p.kind === 'cascade')?.crossFit;
    const row = report.recommendation.row;
    expect(row.key).toBe('cascade');
    expect(fit).toBeTruthy();
    const folds = fit?.folds ?? [];
    const n = folds.reduce((s, f) => s + f.n, 0);
    expect(n).toBe(prepared.samples.length);
    // Q(τ) = expected quality of "escalate when mean confidence ≤ τ" over the demo's 600 requests.
    const reps = await Promise.all(Array.from({ length: REPLICATIONS }, (_, r) => replicate(1000 + r)));
    const once = (rep: Awaited<ReturnType<typeof replicate>>, tau: number): number =>
      rep.qS.reduce((q, qs, i) => q + ((rep.conf[i] as number) <= tau ? (rep.qL[i] as number) : qs), 0) / rep.qS.length;
    const quality = (tau: number): number => reps.reduce((sum, rep) => sum + once(rep, tau), 0) / reps.length;
    const truth = folds.reduce((s, f) => s + (f.n / n) * quality(f.threshold), 0);
    const ci = row.qualityCi as readonly [number, number];
    expect(row.point.quality).toBe(fit?.heldOut.quality);
    expect(ci[0]).toBeLessThanOrEqual(truth);
    expect(ci[1]).toBeGreaterThanOrEqual(truth);
    // The check has teeth: always-Haiku's expected quality (no escalation) lies outside the interval.
    expect(quality(-1)).toBeLessThan(ci[0]);
  }, 60_000);
});
