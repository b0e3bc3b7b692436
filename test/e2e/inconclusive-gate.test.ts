import { describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routingEval, runCli } from '../support/cli.js';
import { consume, junitSchemaErrors } from '../unit/report/junit-check.js';
import type { RunSummary } from '../../src/summary/run-summary.js';

// A regression gate that cannot detect its own threshold (the smallest change the paired samples can
// detect at 80% power is larger than --max-drop) is inconclusive, not passed: it fails the run by
// default (a gate that cannot see cannot vouch), passes with --on-inconclusive warn, and says so in
// the terminal, summary.json, the JUnit file and the Markdown report. On the built CLI: the same
// 300 samples run twice, whose comparison can detect about 5.7 pts; the gate is 5.0 pts.

const cases = [
  { flag: [] as string[], spec: '', code: 1, pass: false, word: 'FAILED', junit: 'FAIL' },
  { flag: ['--on-inconclusive', 'warn'], spec: '', code: 0, pass: true, word: 'PASSED', junit: 'PASS' },
  { flag: [] as string[], spec: 'regression: { on_inconclusive: warn }\n', code: 0, pass: true, word: 'PASSED', junit: 'PASS' },
  { flag: ['--on-inconclusive', 'fail'], spec: 'regression: { on_inconclusive: warn }\n', code: 1, pass: false, word: 'FAILED', junit: 'FAIL' },
];

describe('run --baseline with a gate that cannot see its threshold', () => {
  it.each(cases)('is inconclusive everywhere (flags $flag, spec $spec)', async ({ flag, spec: extra, code, pass, word, junit }) => {
    const { dir, spec } = routingEval();
    appendFileSync(spec, extra);
    const baselines = join(dir, 'baselines');
    expect((await runCli(['run', spec, '--out', join(dir, 'a'), '--quiet'])).code).toBe(0);
    expect((await runCli(['baseline', 'accept', join(dir, 'a'), '--dir', baselines])).code).toBe(0);
    const [md, xmlFile] = [join(dir, 'r.md'), join(dir, 'j.xml')];
    const res = await runCli(['run', spec, '--out', join(dir, 'b'), '--seed', '9', '--baseline', baselines, '--max-drop', '0.05', '--markdown', md, '--junit', xmlFile, ...flag]);
    expect(res.code, res.stdout).toBe(code);
    expect(res.stdout).toContain('INCONCLUSIVE gate pass rate drop ≤ 5.0 pts (interval)');
    expect(res.stdout).toMatch(new RegExp(`${word}: .*INCONCLUSIVE`));

    const summary = JSON.parse(readFileSync(join(dir, 'b', 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.verdict).toBe(pass ? 'pass' : 'gate_failed');
    expect(summary.baseline?.gates.map((g) => [g.status, g.pass])).toEqual([['inconclusive', pass]]);
    expect(summary.baseline?.gates[0]?.reason).toContain('can only detect changes of 5.7 pts or more, wider than the 5.0-pt gate');

    const xml = readFileSync(xmlFile, 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('INCONCLUSIVE');
    const read = consume(xmlFile);
    expect(read.failed).toBe(pass ? 0 : 1);
    const gate = read.suites.find((s) => s.name === 'gates')?.cases.find((c) => c.name.includes('vs baseline'));
    expect(gate?.status).toBe(junit);

    const report = readFileSync(md, 'utf8');
    expect(report.split('\n')[0]).toContain(word);
    expect(report).toMatch(/\*\*(PASSED|FAILED)\*\* — [^\n]*INCONCLUSIVE/);
    expect(report).toContain('INCONCLUSIVE gate pass rate drop ≤ 5.0 pts (interval)');
  }, 60_000);

  it('compare says it first, and exits 1 unless --on-inconclusive warn', async () => {
    const { dir, spec } = routingEval();
    for (const [out, seed] of [['a', '1'], ['b', '9']] as const) expect((await runCli(['run', spec, '--out', join(dir, out), '--seed', seed, '--quiet'])).code).toBe(0);
    const strict = await runCli(['compare', join(dir, 'a'), join(dir, 'b'), '--max-drop', '0.05']);
    expect(strict.code, strict.stdout).toBe(1);
    expect(strict.stdout.split('\n')[0]).toMatch(/^INCONCLUSIVE: pass rate drop ≤ 5\.0 pts \(interval\) — these samples cannot detect a drop that small/);
    const json = await runCli(['compare', join(dir, 'a'), join(dir, 'b'), '--max-drop', '0.05', '--json']);
    expect((JSON.parse(json.stdout) as { gates: { status: string; pass: boolean }[] }).gates.map((g) => [g.status, g.pass])).toEqual([['inconclusive', false]]);
    const lenient = await runCli(['compare', join(dir, 'a'), join(dir, 'b'), '--max-drop', '0.05', '--on-inconclusive', 'warn']);
    expect(lenient.code, lenient.stdout).toBe(0);
    expect(lenient.stdout.split('\n')[0]).toBe('PASSED: no regression past the gates (INCONCLUSIVE, passed with --on-inconclusive warn: pass rate drop ≤ 5.0 pts (interval)).');
  }, 60_000);
});
