import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJUnitReport, type ReportRun } from '../../../src/report/junit.js';
import type { SampleMode } from '../../../src/report/render/junit-xml.js';
import { consume, junitSchemaErrors } from './junit-check.js';
import { errored, failing, recordOf, runDirWith, summaryOf } from './ci-fixtures.js';

// The JUnit file as CI sees it: valid against Jenkins' schema (xmllint), and read by a real consumer
// (test-results-parser) with the right counts and messages, whatever the models wrote.

const SIM = 'sim:claude-haiku-5-5';
const GPT = 'openai:gpt-x';
const NASTY = `<script>alert(1)</script> ]]> & "q" \u0000\u001b[31m lone \uD800 end\r\n${'long '.repeat(2_000)}`;

async function write(runs: readonly ReportRun[], samples?: SampleMode): Promise<{ file: string; xml: string }> {
  const file = join(runDirWith([]), 'out', 'junit.xml');
  await writeJUnitReport(file, runs, { samples });
  return { file, xml: readFileSync(file, 'utf8') };
}

function standardRun(): ReportRun {
  const dir = runDirWith([
    recordOf({ sampleId: 't2', model: SIM }),
    failing('t10', SIM, NASTY, 'expected "billing", got "<script>"'),
    errored('t3', SIM),
    recordOf({ sampleId: 't1', model: SIM, latencyMs: 1234 }),
    ...['t1', 't2', 't3'].map((id) => recordOf({ sampleId: id, model: GPT })),
    failing('t10', GPT, 'sales'),
    // a resumed run: t4 was cut off (aborted) and ran again; only the rerun counts
    errored('t4', SIM, 'timeout', 'aborted'),
  ], `${JSON.stringify(recordOf({ sampleId: 't4', model: SIM }))}\n{"runId":"run-1","sampleId":"t5","mo`);
  return { summary: summaryOf(), dir };
}

describe('writeJUnitReport', () => {
  it.each(['report', 'fail'] as const)('validates against the Jenkins JUnit schema, nasty outputs included (--junit-samples %s)', async (samples) => {
    const { xml } = await write([standardRun()], samples);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\uD800');
    expect(xml).toContain('[truncated: ');
  });

  it.each([
    ['an attribute the schema does not know', '<testsuites><testsuite name="s" tests="1"><testcase name="a" file="x"/></testsuite></testsuites>'],
    ['<skipped> with a message attribute (junit-10, not Jenkins junit-4)', '<testsuites><testsuite name="s" tests="1"><testcase name="a"><skipped message="m"/></testcase></testsuite></testsuites>'],
    ['a raw control character', '<testsuites><testsuite name="s\u0001" tests="1"/></testsuites>'],
    ['a raw "]]>" in text', '<testsuites><testsuite name="s" tests="1"><system-out>a]]>b</system-out></testsuite></testsuites>'],
  ])('the schema check is not vacuous: it rejects %s', async (_name, xml) => {
    expect(await junitSchemaErrors(xml)).not.toEqual([]);
  });

  it('with --junit-samples fail, is read by a JUnit consumer with the right suites, counts and failure messages', async () => {
    const { file } = await write([standardRun()], 'fail');
    const result = consume(file);
    const suites = result.suites.map((s) => [s.name, s.total, s.passed, s.failed, s.errors, s.skipped]);
    expect(suites).toEqual([
      ['support-routing · anthropic:claude-haiku-5-5 [SIMULATED]', 5, 3, 1, 1, 0],
      ['support-routing · GPT | X `<b>`', 4, 3, 1, 0, 0],
      ['gates', 3, 2, 1, 0, 1],
    ]);
    // Root totals: tests 13 (the skipped gate as "disabled", which this consumer does not subtract).
    expect([result.total, result.failed, result.errors, result.duration]).toEqual([13, 3, 1, 60_000]);
    const sim = result.suites[0];
    expect(sim?.cases.map((c) => [c.name, c.status])).toEqual([['t1', 'PASS'], ['t2', 'PASS'], ['t3', 'FAIL'], ['t4', 'PASS'], ['t10', 'FAIL']]);
    expect(sim?.cases[0]?.duration).toBe(0); // a record's latency (here 1234 ms) is not the case's time
    expect(sim?.cases[2]?.failure).toBe('request timed out after 60000 ms');
    const bad = sim?.cases[4];
    expect(bad?.failure).toBe('label: expected "billing", got "<script>"');
    expect(bad?.stack_trace).toContain('<script>alert(1)</script> ]]> & "q" \u2400\u241b[31m lone \uFFFD end');
    expect(bad?.stack_trace).toContain('FAIL label = 0 (expected "billing", got "<script>")');
    expect(bad?.stack_trace.length).toBeLessThan(2_500);
    expect(sim?.metadata).toMatchObject({ simulated: true, model: SIM });
  });

  it('an answer no scorer applies to (a pairwise reference) is a skipped case, neither passed nor failed', async () => {
    const { pass: _p, score: _s, ...unscored } = recordOf({ sampleId: 't1', model: GPT, scores: [] });
    const dir = runDirWith([recordOf({ sampleId: 't1', model: SIM }), unscored]);
    const { file, xml } = await write([{ summary: summaryOf(), dir }]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const gpt = consume(file).suites.find((x) => x.name.includes('GPT'));
    expect([gpt?.total, gpt?.passed, gpt?.failed, gpt?.errors, gpt?.skipped]).toEqual([0, 0, 0, 0, 1]); // the consumer leaves skipped cases out of its total
    expect(xml).toMatch(/<skipped>no scorer applies to this model(&apos;|')s answers \(the reference of a pairwise against_model scorer\)<\/skipped>/);
  });

  it('writes classnames, error kinds and the gate cases as CI should show them', async () => {
    const { xml } = await write([standardRun()], 'fail');
    expect(xml).toContain('<testcase classname="support-routing.sim:claude-haiku-5-5" name="t3" time="0.000">');
    expect(xml).toContain('<error type="timeout" message="request timed out after 60000 ms">provider error (timeout) after 3 attempt(s):');
    expect(xml).toContain('<failure type="label" message="label: expected &quot;billing&quot;, got &quot;&lt;script&gt;&quot;">');
    expect(xml).toContain('name="anthropic:claude-haiku-5-5 [SIMULATED] pass rate &gt;= 90.0%"');
    expect(xml).toContain('<failure type="gate" message="pass rate 66.7% &lt; 90.0%">');
    expect(xml).toContain('<skipped>model not in this run; gate not applied</skipped>');
    expect(xml).toContain('<testcase classname="support-routing.gates" name="run complete"/>');
  });

  it('names items by epoch when there are several, and a weighted miss says why', async () => {
    const dir = runDirWith([1, 2].map((epoch) => recordOf({ sampleId: 's1', model: GPT, epoch, pass: epoch === 1, score: epoch === 1 ? 1 : 0.4, scores: [{ name: 'a', value: 0.4, pass: true }] })));
    const summary = summaryOf({ options: { ...summaryOf().options, epochs: 2, passRule: 'weighted>=0.5' }, models: [summaryOf().models[1]!], gates: [], verdict: 'pass', simulated: false });
    const { file, xml } = await write([{ summary, dir }], 'fail');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const cases = consume(file).suites[0]?.cases ?? [];
    expect(cases.map((c) => [c.name, c.status])).toEqual([['s1 #1', 'PASS'], ['s1 #2', 'FAIL']]);
    expect(cases[1]?.failure).toBe('score 0.400 does not meet the pass rule weighted>=0.5');
  });

  it('says what the run decided: failing samples are not CI failures; a failing gate is', async () => {
    const passing = summaryOf({ gates: [], verdict: 'pass' });
    const { file, xml } = await write([{ summary: passing, dir: standardRun().dir }]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).not.toMatch(/<failure|<error/);
    expect(xml).toContain('<testsuites name="haikubench" tests="10" failures="0" errors="0" disabled="0" time="60.000">');
    expect(xml).not.toMatch(/<testcase [^>]*time="(?!0\.000")/);
    const result = consume(file);
    expect([result.failed, result.errors, result.status]).toEqual([0, 0, 'PASS']);
    expect(result.suites.map((s) => [s.name, s.failed, s.errors, s.duration])).toEqual([
      ['support-routing · anthropic:claude-haiku-5-5 [SIMULATED]', 0, 0, 60_000],
      ['support-routing · GPT | X `<b>`', 0, 0, 60_000],
      ['gates', 0, 0, 0],
    ]);
    expect(result.suites[0]?.metadata).toMatchObject({ failedSamples: 1, erroredSamples: 1 });
    expect(xml).toContain('<system-out>SAMPLE FAILED: label: expected "billing", got "&lt;script&gt;"');
    expect(xml).toContain('<system-out>SAMPLE ERRORED (timeout): request timed out after 60000 ms');

    const failed = consume((await write([standardRun()])).file); // the same records, a gate failed (verdict gate_failed)
    expect([failed.failed, failed.errors, failed.status]).toEqual([1, 0, 'FAIL']);
    expect(failed.suites.map((s) => s.failed)).toEqual([0, 0, 1]);
  });

  it('a baseline that could not be compared fails the gates suite, as it fails the verdict', async () => {
    const summary = summaryOf({ gates: [], verdict: 'gate_failed', baseline: { dir: 'base', problem: 'no sample in common', gates: [] } });
    const { file, xml } = await write([{ summary, dir: runDirWith([]) }]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(consume(file).suites.find((s) => s.name === 'gates')?.cases.map((c) => [c.name, c.status, c.failure])).toEqual([
      ['comparison with the baseline', 'FAIL', 'no sample in common'], ['run complete', 'PASS', ''],
    ]);
  });

  it('an incomplete run errors in the gates suite; a run without records still gives valid suites', async () => {
    const summary = summaryOf({ status: 'aborted', stoppedBy: 'interrupt', verdict: 'incomplete', items: { planned: 8, finished: 0, errors: 0 }, gates: [] });
    const { file, xml } = await write([{ summary, dir: join(runDirWith([]), 'missing') }]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<error type="incomplete" message="the run was interrupted after 0/8 items; partial results">');
    const result = consume(file);
    expect(result.suites.map((s) => [s.name, s.total, s.errors])).toEqual([['gates', 1, 1]]);
  });

  it('puts several evals in one file, their gates in one suite', async () => {
    const other = { summary: summaryOf({ eval: { id: 'math', description: null, file: 'm.yaml' }, simulated: false, models: [summaryOf().models[1]!], gates: [], verdict: 'pass' }), dir: runDirWith([recordOf({ sampleId: 'q1', model: GPT })]) };
    const { file, xml } = await write([standardRun(), other]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const result = consume(file);
    expect(result.suites.map((s) => s.name)).toEqual(['support-routing · anthropic:claude-haiku-5-5 [SIMULATED]', 'support-routing · GPT | X `<b>`', 'math · GPT | X `<b>`', 'gates']);
    expect(result.suites[3]?.cases.map((c) => c.name)).toEqual([
      'anthropic:claude-haiku-5-5 [SIMULATED] pass rate >= 90.0%', 'GPT | X `<b>` pass rate >= 50.0%', 'anthropic:claude-opus-5-5 pass rate >= 90.0%', 'run complete', 'run complete',
    ]);
  });

  it('streams 100,000 records into a file of the right shape', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const r = i % 10 === 0 ? failing(`s${i}`, GPT, 'x'.repeat(100)) : recordOf({ sampleId: `s${i}`, model: GPT, output: 'y'.repeat(100) });
      lines.push(JSON.stringify(r));
    }
    const dir = runDirWith([], `${lines.join('\n')}\n`);
    const summary = summaryOf({ models: [summaryOf().models[1]!], gates: [], verdict: 'pass', simulated: false });
    const { xml } = await write([{ summary, dir }], 'fail');
    expect(xml.match(/<testcase /g)?.length).toBe(100_001);
    expect(xml).toContain('tests="100000" failures="10000" errors="0" skipped="0" time="60.000"');
  }, 30_000);
});
