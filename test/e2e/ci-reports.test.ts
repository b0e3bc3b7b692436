import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { runCli, tempDir, writeFiles } from '../support/cli.js';
import { consume, junitSchemaErrors } from '../unit/report/junit-check.js';

// `run --junit FILE --markdown FILE` with GITHUB_STEP_SUMMARY set, on the built CLI: two simulated
// models, one failing its gate, outputs and a label full of characters that break XML and Markdown.

const DATA = [
  { id: 'q1', q: 'one', answer: 'a | b' },
  { id: 'q2', q: 'two', answer: '<script>alert(1)</script>' },
  { id: 'q3', q: 'three', answer: 'x ]]> y \u0001\u001b[31m' },
  { id: 'q10', q: 'ten', answer: '`tick` **bold**\nsecond line' },
];

const SPEC = `name: ci-demo
dataset: { path: d.jsonl, fields: { target: answer } }
prompt: { user: "{{q}}" }
models:
  - sim:perfect
  - id: sim:wrong
    label: "Wrong | <b>model</b>"
scorers: [ { type: equals } ]
gates:
  - { model: "sim:perfect", min_pass_rate: 0.9 }
  - { model: "sim:wrong", min_pass_rate: 0.5 }
`;

function project(): string {
  const dir = tempDir();
  writeFiles(dir, { 'd.jsonl': DATA.map((d) => JSON.stringify(d)).join('\n'), 's.yaml': SPEC, 'step.md': '# Earlier step\n' });
  return dir;
}

const md = new MarkdownIt({ html: true });
const tables = (html: string) => [...html.matchAll(/<table>[\s\S]*?<\/table>/g)].map((m) => m[0]);

describe('run --junit / --markdown / GITHUB_STEP_SUMMARY', () => {
  it('writes a JUnit file CI can read, the Markdown report, and appends it to the step summary', async () => {
    const dir = project();
    const step = join(dir, 'step.md');
    const res = await runCli(['run', 's.yaml', '--out', 'o', '--epochs', '2', '--junit', 'ci/junit.xml', '--junit-samples', 'fail', '--markdown', 'ci/report.md', '--quiet'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: step } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);

    const xml = readFileSync(join(dir, 'ci/junit.xml'), 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const junit = consume(join(dir, 'ci/junit.xml'));
    expect(junit.suites.map((s) => [s.name, s.total, s.passed, s.failed, s.errors, s.skipped])).toEqual([
      ['ci-demo · sim:perfect [SIMULATED]', 8, 8, 0, 0, 0],
      ['ci-demo · Wrong | <b>model</b> [SIMULATED]', 8, 0, 8, 0, 0],
      ['gates', 3, 2, 1, 0, 0],
    ]);
    const wrong = junit.suites[1]?.cases ?? [];
    expect(wrong.map((c) => c.name)).toEqual(['q1 #1', 'q1 #2', 'q2 #1', 'q2 #2', 'q3 #1', 'q3 #2', 'q10 #1', 'q10 #2']);
    expect(wrong.find((c) => c.name === 'q2 #1')?.failure).toBe('equals: expected "<script>alert(1)</script>"');
    expect(wrong.every((c) => c.stack_trace.includes('output:\n') && c.status === 'FAIL')).toBe(true);
    expect(junit.suites[1]?.metadata).toMatchObject({ simulated: true, model: 'sim:wrong' });
    expect(junit.suites[2]?.cases.find((c) => c.status === 'FAIL')?.failure).toBe('pass rate 0.0% < 50.0%');

    const report = readFileSync(join(dir, 'ci/report.md'), 'utf8');
    expect(report.split('\n')[0]).toBe('## ❌ FAILED: ci-demo \\[SIMULATED\\]');
    expect(report).toContain('> **SIMULATED — not real model results.**');
    const html = md.render(report);
    expect(html).not.toMatch(/<script|<b>/);
    // Models (header + 2), gates (header + 2), the second model against the reference (header + 1),
    // then folded: epochs (--epochs 2: header + 2), each scorer reduced over epochs (header + 1 scorer × 2 models).
    expect(tables(html).map((t) => t.match(/<tr>/g)?.length)).toEqual([3, 3, 2, 3, 3]);
    expect(report).toContain('<details><summary>Epochs</summary>');
    expect(report).toContain('### Against the reference');
    // The failing samples, by id, per model.
    expect(report).toContain('### Failing samples');
    expect(report).toMatch(/Wrong \\\| &lt;b&gt;model&lt;\/b&gt; \\\[SIMULATED\\\]\*\*: 8 failing \(sample × epoch items\) — `q1`, `q2`, `q3`, `q10`/);
    expect(tables(html)[0]).toContain('<td>Wrong | &lt;b&gt;model&lt;/b&gt; [SIMULATED]</td>');

    expect(readFileSync(step, 'utf8')).toBe(`# Earlier step\n\n${report}`);
  }, 60_000);

  it('the JUnit says what the run decided: failing samples fail no build, a failing gate does', async () => {
    const dir = project();
    writeFiles(dir, { 'lenient.yaml': SPEC.replace('min_pass_rate: 0.5', 'min_pass_rate: 0') });
    const ok = await runCli(['run', 'lenient.yaml', '--out', 'o', '--junit', 'pass.xml', '--quiet'], { cwd: dir });
    expect(ok.code).toBe(0);
    const xml = readFileSync(join(dir, 'pass.xml'), 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<testsuites name="haikubench" tests="11" failures="0" errors="0" disabled="0" time="\d+\.\d{3}">/);
    expect(xml).toContain('<system-out>SAMPLE FAILED: equals: expected');
    const times = [...xml.matchAll(/ time="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...times)).toBeLessThan(30); // wall times, not simulated latencies
    const passed = consume(join(dir, 'pass.xml'));
    expect([passed.failed, passed.errors, passed.status]).toEqual([0, 0, 'PASS']);
    expect(passed.suites.map((s) => [s.name, s.failed, s.errors])).toEqual([['ci-demo · sim:perfect [SIMULATED]', 0, 0], ['ci-demo · Wrong | <b>model</b> [SIMULATED]', 0, 0], ['gates', 0, 0]]);

    const bad = await runCli(['run', 's.yaml', '--out', 'o2', '--junit', 'fail.xml', '--quiet'], { cwd: dir });
    expect(bad.code).toBe(1);
    const failed = consume(join(dir, 'fail.xml'));
    expect([failed.failed, failed.errors, failed.status]).toEqual([1, 0, 'FAIL']);
    expect(failed.suites.map((s) => s.failed)).toEqual([0, 0, 1]);
    expect(failed.suites[2]?.cases.find((c) => c.status === 'FAIL')?.failure).toBe('pass rate 0.0% < 50.0%');
  }, 60_000);

  it('a passing run: PASSED, the gate of a model not in the run skipped; no step summary without the variable', async () => {
    const dir = project();
    const res = await runCli(['run', 's.yaml', '--out', 'o', '--model', 'sim:perfect', '--junit', 'j.xml', '--markdown', 'r.md', '--quiet'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(readFileSync(join(dir, 'r.md'), 'utf8').split('\n')[0]).toBe('## ✅ PASSED: ci-demo \\[SIMULATED\\]');
    const xml = readFileSync(join(dir, 'j.xml'), 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<skipped>model not in this run; gate not applied</skipped>');
    expect(consume(join(dir, 'j.xml')).suites.map((s) => [s.name, s.skipped])).toEqual([['ci-demo · sim:perfect [SIMULATED]', 0], ['gates', 1]]);
    expect(readFileSync(join(dir, 'step.md'), 'utf8')).toBe('# Earlier step\n');
  }, 60_000);

  it('a report path that is a folder is a usage error before anything runs (exit 2)', async () => {
    const dir = project();
    const res = await runCli(['run', 's.yaml', '--out', 'o', '--junit', '.'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--junit: give a file to write, not a folder');
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });

  it('a report that cannot be written is said on stderr and never gives a green exit', async () => {
    const dir = project();
    const res = await runCli(['run', 's.yaml', '--out', 'o', '--model', 'sim:perfect', '--markdown', 'keep/r.md', '--quiet'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'no-such-dir', 'step.md') } });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('could not write the report for GITHUB_STEP_SUMMARY');
    expect(readFileSync(join(dir, 'keep/r.md'), 'utf8')).toContain('## ✅ PASSED');
  });
});
