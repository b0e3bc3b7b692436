import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteReport } from '../../src/route/index.js';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { runCli, tempDir } from '../support/cli.js';

// One method for one quantity: the run report's per-segment change (model − reference) and `route`'s
// per-segment S − L are the same paired difference of pass rates, so they must carry the same interval
// (mirrored: here the reference is the small model). One epoch, so every verdict is pass/fail and both
// use Newcombe's hybrid score interval, including segments where the two models agree on every sample.
// Build first.

let summary: RunSummary;
let route: RouteReport;
let routeText = '';
let runText = '';

beforeAll(async () => {
  const dir = tempDir('haikubench-same-interval-');
  const runDir = join(dir, 'run');
  const run = await runCli(['run', 'evals/routing-demo.yaml', '--epochs', '1', '--limit', '60', '--out', runDir]);
  expect(run.code, run.stderr).toBe(0);
  runText = run.stdout;
  const r = await runCli(['route', runDir, '--out', join(dir, 'route')]);
  expect(r.code, r.stderr).toBe(0);
  routeText = r.stdout;
  summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
  route = JSON.parse(readFileSync(join(dir, 'route', 'route.json'), 'utf8')) as RouteReport;
}, 60_000);

const dp6 = (x: number) => Math.round(x * 1e6) / 1e6 + 0; // + 0: −0 reads 0

/** Every (field, value) of the run report, with its change's n, diff and interval as S − L. */
function runSegments(): Map<string, { n: number; diff: number | null; ci: readonly number[] | null }> {
  const small = route.models.small.id;
  const out = new Map<string, { n: number; diff: number | null; ci: readonly number[] | null }>();
  for (const f of summary.segments) {
    for (const s of f.segments) {
      const c = s.changes[0];
      if (c === undefined) continue;
      // The run reports model − reference; with the small model as the reference that is L − S.
      const sign = c.reference === small ? -1 : 1;
      const ci = c.ci === null ? null : (sign === 1 ? [c.ci[0], c.ci[1]] : [-c.ci[1], -c.ci[0]]).map(dp6);
      out.set(`${f.field}=${s.value}`, { n: c.n, diff: c.diff === null ? null : dp6(sign * c.diff), ci });
    }
  }
  return out;
}

describe('the run report and route give one interval per segment', () => {
  it('pairs the same models (the premise)', () => {
    expect(summary.models.map((m) => m.model).sort()).toEqual([route.models.small.id, route.models.large.id].sort());
  });

  it('every segment: same n, same difference, same interval', () => {
    const fromRun = runSegments();
    let compared = 0;
    for (const f of route.analysis.segments) {
      for (const v of f.verdicts) {
        const mine = fromRun.get(`${f.field}=${v.value}`);
        if (mine === undefined) continue; // route's (none) or a value the run folded into OTHER
        expect({ n: v.n, diff: v.diff === null ? null : dp6(v.diff), ci: v.ci === null ? null : v.ci.map(dp6) }, `${f.field}=${v.value}`).toEqual(mine);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('segments where both models agree on every sample get a real interval, not ±0.0 pts [±0.0 pts, ±0.0 pts]', () => {
    const concordant = route.analysis.segments.flatMap((f) => f.verdicts).filter((v) => v.diff === 0 && v.meanQS === v.meanQL && (v.meanQS === 1 || v.meanQS === 0));
    expect(concordant.length).toBeGreaterThan(0);
    for (const v of concordant) expect((v.ci?.[1] ?? 0) - (v.ci?.[0] ?? 0)).toBeGreaterThan(0.05);
    expect(runText).not.toContain('[±0.0 pts, ±0.0 pts]');
    expect(routeText).not.toContain('[±0.0 pts, ±0.0 pts]');
  });

  it('no interval in either report leaves ±100 pts', () => {
    const pts = [...`${runText}\n${routeText}`.matchAll(/([−+±])(\d+\.\d) pts/g)].map((m) => Number(m[2]));
    expect(pts.length).toBeGreaterThan(0);
    expect(Math.max(...pts)).toBeLessThanOrEqual(100);
  });
});
