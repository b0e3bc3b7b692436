import { describe, expect, it } from 'vitest';
import { endCommand, reportersFor, type ReporterOptions } from '../../../src/report/registry.js';
import type { Reporter } from '../../../src/report/reporter.js';

const sink = () => {
  const lines: string[] = [];
  return { lines, out: { write: (s: string) => lines.push(s) } };
};
const base = (over: Partial<ReporterOptions> = {}): ReporterOptions => ({ out: sink().out, err: sink().out, json: false, quiet: false, live: false, evals: 1, ...over });

describe('reportersFor', () => {
  it.each([
    { what: 'the terminal alone by default', over: {}, labels: [undefined], count: 1 },
    { what: '--json replaces the terminal', over: { json: true }, labels: [undefined], count: 1 },
    { what: 'the CI files, in order', over: { junit: '/r/j.xml', markdown: '/r/r.md', stepSummary: '/gh/step' }, labels: [undefined, '--junit (/r/j.xml)', '--markdown (/r/r.md)', 'GITHUB_STEP_SUMMARY (/gh/step)'], count: 4 },
  ])('$what', ({ over, labels, count }) => {
    const reporters = reportersFor(base(over));
    expect(reporters).toHaveLength(count);
    expect(reporters.map((r) => r.label)).toEqual(labels);
  });

  it.each([
    { json: false, hooks: ['onRunStart', 'onRecord', 'onNote', 'onRunEnd', 'onCommandEnd'] },
    { json: true, hooks: ['onCommandEnd'] },
  ])('json $json: the hooks it uses', ({ json, hooks }) => {
    const [r] = reportersFor(base({ json }));
    expect(Object.keys(r ?? {}).filter((k) => k.startsWith('on')).sort()).toEqual([...hooks].sort());
  });
});

describe('endCommand', () => {
  const failing: Reporter = { label: '--junit (/nowhere/j.xml)', onCommandEnd: () => Promise.reject(new Error('EACCES')) };
  it.each([
    { what: 'all written', reporters: [{ onCommandEnd: () => undefined }], ok: true, errors: [] },
    { what: 'one fails, the next still runs', reporters: [failing, { onCommandEnd: () => undefined }], ok: false, errors: ['haikubench: could not write the report for --junit (/nowhere/j.xml): EACCES\n'] },
    { what: 'a reporter without the hook', reporters: [{}], ok: true, errors: [] },
  ])('$what', async ({ reporters, ok, errors }) => {
    const err = sink();
    expect(await endCommand(reporters, [], err.out)).toBe(ok);
    expect(err.lines).toEqual(errors);
  });
});
