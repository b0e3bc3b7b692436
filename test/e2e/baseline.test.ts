import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routingEval, runCli } from '../support/cli.js';
import { consume, junitSchemaErrors } from '../unit/report/junit-check.js';
import type { RunSummary } from '../../src/summary/run-summary.js';

// Baselines in git: accept a run deliberately, then `run --baseline` gates every later run on it.

function setup() {
  const r = routingEval();
  return { ...r, baselines: join(r.dir, 'baselines') };
}

describe('baseline accept and run --baseline', () => {
  it('accepts a run, then fails a run that regresses past the gate and passes one that does not', async () => {
    const { dir, spec, baselines } = setup();
    expect((await runCli(['run', spec, '--out', join(dir, 'a'), '--quiet'])).code).toBe(0);
    const accepted = await runCli(['baseline', 'accept', join(dir, 'a'), '--dir', baselines]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('baseline for routed');
    for (const f of ['run.json', 'summary.json', 'records.jsonl']) expect(existsSync(join(baselines, 'routed', f))).toBe(true);

    const md = join(dir, 'report.md');
    const junit = join(dir, 'junit.xml');
    const worse = await runCli(['run', spec, '--out', join(dir, 'b'), '--model', 'sim:claude-haiku-5-5', '--baseline', baselines, '--max-drop', '0.02', '--markdown', md, '--junit', junit]);
    expect(worse.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<testcase classname="routed\.baseline" name="sim:claude-haiku-5-5 \[SIMULATED\] vs baseline: pass rate drop ≤ 2\.0 pts \(interval\)"[^>]*>\s*<failure type="baseline-gate"/);
    const gates = consume(junit).suites.find((x) => x.name === 'gates');
    expect(gates?.cases.filter((c) => c.status === 'FAIL').map((c) => c.name)).toEqual(['sim:claude-haiku-5-5 [SIMULATED] vs baseline: pass rate drop ≤ 2.0 pts (interval)']);
    const report = readFileSync(md, 'utf8');
    expect(report).toContain('### Against the baseline');
    expect(report.split('\n')[0]).toBe('## ❌ FAILED: routed \\[SIMULATED\\]');
    expect(report).toContain('a gate against the baseline failed (pass rate drop ≤ 2.0 pts (interval))');
    expect(report).toMatch(/```text\nagainst the baseline:\nFAILED: pass rate drop ≤ 2\.0 pts \(interval\)/);
    expect(worse.stdout).toContain('against the baseline:');
    expect(worse.stdout).toContain('FAIL gate pass rate drop ≤ 2.0 pts (interval)');
    // The baseline's gates are part of the run's summary: its verdict is the exit code's.
    const written = JSON.parse(readFileSync(join(dir, 'b', 'summary.json'), 'utf8')) as RunSummary;
    expect(written.verdict).toBe('gate_failed');
    expect(written.baseline?.dir).toBe(join(baselines, 'routed'));
    expect(written.baseline?.problem).toBeNull();
    expect(written.baseline?.gates.map((g) => [g.model, g.gate, g.pass])).toEqual([['sim:claude-haiku-5-5', 'pass rate drop ≤ 2.0 pts (interval)', false]]);
    expect(written.baseline?.gates[0]?.reason).not.toBe('');

    const same = await runCli(['run', spec, '--out', join(dir, 'c'), '--seed', '9', '--baseline', baselines, '--max-drop', '0.08']); // wider than the 5.7 pts 300 samples can detect
    expect(same.code, same.stdout).toBe(0);
    expect(same.stdout).toContain('PASS gate pass rate drop ≤ 8.0 pts');
    const passed = JSON.parse(readFileSync(join(dir, 'c', 'summary.json'), 'utf8')) as RunSummary;
    expect([passed.verdict, passed.baseline?.gates.every((g) => g.pass)]).toEqual(['pass', true]);
  });

  it('checks the baseline and the gate flags before any call', async () => {
    const { dir, spec, baselines } = setup();
    const missing = await runCli(['run', spec, '--out', join(dir, 'x'), '--baseline', baselines]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no baseline run for eval "routed"');
    expect(existsSync(join(dir, 'x', 'records.jsonl'))).toBe(false);
    const alone = await runCli(['run', spec, '--out', join(dir, 'y'), '--max-drop', '0.02']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--max-drop: a gate against a baseline; add --baseline <dir>');
  });

  it('refuses to accept an incomplete run unless forced', async () => {
    const { dir, spec, baselines } = setup();
    const cut = await runCli(['run', spec, '--out', join(dir, 'cut'), '--quiet', '--max-cost', '0.0001']);
    expect(cut.code).toBe(3);
    const refused = await runCli(['baseline', 'accept', join(dir, 'cut'), '--dir', baselines]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the run is aborted');
    const forced = await runCli(['baseline', 'accept', join(dir, 'cut'), '--dir', baselines, '--force']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(readFileSync(join(baselines, 'routed', 'summary.json'), 'utf8')) as { status: string }).status).toBe('aborted');
  });
});
