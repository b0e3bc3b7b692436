import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { readJsonl, routingEval, runCli } from '../support/cli.js';

// `haikubench compare` as a user runs it: two finished runs, the paired change, exactly the samples
// that flipped both ways, and the regression gate's exit code.

interface Rec { sampleId: string; status: string; pass?: boolean }
interface Cmp { n: number; passRate: { diff: number; ci: [number, number]; test: { name: string; p: number } }; flipped: { regressed: { sampleId: string }[]; improved: { sampleId: string }[] }; gates: { pass: boolean }[] }

function setup() {
  return routingEval();
}

const passes = (out: string) => new Map(readJsonl<Rec>(join(out, 'records.jsonl')).map((r) => [r.sampleId, r.status === 'ok' && r.pass === true]));

describe('compare', () => {
  it('lists exactly the samples that flipped, both ways, and fails a 2-point gate on a 9-point drop', async () => {
    const { dir, spec } = setup();
    const a = join(dir, 'sonnet');
    const b = join(dir, 'haiku');
    expect((await runCli(['run', spec, '--out', a, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', spec, '--out', b, '--quiet', '--model', 'sim:claude-haiku-5-5'])).code).toBe(0);
    const json = await runCli(['compare', a, b, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const c = JSON.parse(json.stdout) as Cmp;
    const pa = passes(a);
    const pb = passes(b);
    const regressed = [...pa].filter(([id, ok]) => ok && pb.get(id) === false).map(([id]) => id).sort();
    const improved = [...pa].filter(([id, ok]) => !ok && pb.get(id) === true).map(([id]) => id).sort();
    expect(c.flipped.regressed.map((f) => f.sampleId).sort()).toEqual(regressed);
    expect(c.flipped.improved.map((f) => f.sampleId).sort()).toEqual(improved);
    expect(regressed.length).toBeGreaterThan(improved.length);
    expect(c.n).toBe(300);
    expect(c.passRate.diff).toBeCloseTo((pb.size === 300 ? [...pb.values()].filter(Boolean).length - [...pa.values()].filter(Boolean).length : NaN) / 300, 6);
    expect(c.passRate.test.name).toBe('mcnemar-exact');

    const gated = await runCli(['compare', a, b, '--max-drop', '0.02', '--must-pass', regressed[0] ?? 'none']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('FAILED: pass rate drop ≤ 2.0 pts (interval); must-pass samples (1)');
    expect(gated.stdout).toContain(`pass → fail (${regressed.length}):`);
    expect(gated.stdout).toContain(`fail → pass (${improved.length}):`);
    expect(gated.stdout).toMatch(/baseline: {2}".*"/);
    expect(gated.stdout).toContain('[SIMULATED]');
  });

  it('a run against itself: no change, no flips, the gate passes', async () => {
    const { dir, spec } = setup();
    const a = join(dir, 'a');
    await runCli(['run', spec, '--out', a, '--quiet', '--limit', '50']);
    const res = await runCli(['compare', a, a, '--max-drop', '0.02']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('PASSED: no regression past the gates.');
    expect(res.stdout).toContain('change +0.0 pts');
  });

  it('applies the regression gates the candidate\'s spec declares; flags take precedence', async () => {
    const { dir, spec } = setup();
    const gated = join(dir, 'gated.yaml');
    writeFileSync(gated, `${readFileSync(spec, 'utf8')}regression: { max_drop: 0.02, judge: interval, level: 0.9 }\n`);
    const a = join(dir, 'sonnet');
    const b = join(dir, 'haiku');
    expect((await runCli(['run', spec, '--out', a, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', gated, '--out', b, '--quiet', '--model', 'sim:claude-haiku-5-5'])).code).toBe(0);
    const declared = await runCli(['compare', a, b]);
    expect(declared.code, declared.stdout).toBe(1);
    expect(declared.stdout).toContain('pass rate drop ≤ 2.0 pts (interval)');
    expect(declared.stdout).toContain('90% CI');
    const loosened = await runCli(['compare', a, b, '--max-drop', '0.5', '--level', '0.95']);
    expect(loosened.code, loosened.stdout).toBe(0);
    expect(loosened.stdout).toContain('pass rate drop ≤ 50.0 pts (interval)');
    expect(loosened.stdout).toContain('95% CI');
    // The other way round, the baseline's spec gates nothing: only the candidate's spec counts.
    expect((await runCli(['compare', b, a])).stdout).not.toContain('drop ≤');

    const viaRun = await runCli(['run', gated, '--out', join(dir, 'again'), '--quiet', '--model', 'sim:claude-haiku-5-5', '--baseline', a]);
    expect(viaRun.code).toBe(1);
    expect(viaRun.stdout).toContain('pass rate drop ≤ 2.0 pts (interval)');
  });

  it('a bad regression block is a spec error (exit 2) naming the field', async () => {
    const { dir, spec } = setup();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `${readFileSync(spec, 'utf8')}regression: { max_drop: 2, judge: strict }\n`);
    const res = await runCli(['validate', bad]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/regression\/max_drop/);
    expect(res.stderr).toMatch(/regression\/judge/);
  });

  it.each([
    [['compare', '/nonexistent/a', '/nonexistent/b'], 'not a finished run directory'],
    [['compare', '.', '.', '--max-drop', '2'], '--max-drop 2: a drop as a fraction'],
  ])('bad input exits 2: %j', async (args, message) => {
    const res = await runCli(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });
});
