import { describe, expect, it } from 'vitest';
import { renderOverview } from '../../../src/report/render/overview.js';
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
    expect(text).toMatch(new RegExp(`│ ${expected} +│`));
  });
});
