import { describe, expect, it } from 'vitest';
import { renderOverview } from '../../../src/report/render/overview.js';
import { renderSummary } from '../../../src/report/render/summary.js';
import { summaryOf } from './ci-fixtures.js';

// The words a user reads at the end of a run: what an eval without gates is called, and how a stopped
// run is continued.

describe('the overview of several evals', () => {
  const gate = summaryOf().gates[0];
  if (gate === undefined) throw new Error('the fixture has a gate');
  const cases = [
    { name: 'no gates at all', over: { verdict: 'pass' as const, gates: [] }, expected: 'no gates' },
    { name: 'only skipped gates', over: { verdict: 'pass' as const, gates: [{ ...gate, skipped: true, pass: true }] }, expected: 'no gates' },
    { name: 'a gate that passed', over: { verdict: 'pass' as const, gates: [{ ...gate, skipped: false, pass: true }] }, expected: 'passed' },
    { name: 'a failed gate', over: { verdict: 'gate_failed' as const }, expected: 'GATE FAILED' },
  ];
  it.each(cases)('$name: $expected', ({ over, expected }) => {
    const text = renderOverview([{ summary: summaryOf(over), runDir: 'reports/a' }, { summary: summaryOf(over), runDir: 'reports/b' }]);
    expect(text).toMatch(new RegExp(`\\] {2,}${expected} {2,}`));
  });
});

describe('a stopped run', () => {
  const cases = [
    { name: 'Ctrl-C', stoppedBy: 'interrupt' as const, resume: true },
    { name: '--max-cost', stoppedBy: 'max_cost' as const, resume: true },
  ];
  it.each(cases)('$name: the INCOMPLETE line shows how to continue', ({ stoppedBy, resume }) => {
    const text = renderSummary(summaryOf({ status: 'aborted', stoppedBy, verdict: 'incomplete', items: { planned: 8, finished: 3, errors: 0 } }), 'reports/run-1');
    const line = text.split('\n').find((l) => l.startsWith('INCOMPLETE')) ?? '';
    expect(line.includes('haikubench run --resume reports/run-1')).toBe(resume);
  });
});

it('a run directory with a space is quoted as one shell word', () => {
  const text = renderSummary(summaryOf({ status: 'aborted', stoppedBy: 'interrupt', verdict: 'incomplete' }), 'my runs/run-1');
  expect(text).toContain("haikubench run --resume 'my runs/run-1'");
});
