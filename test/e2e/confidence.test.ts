import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { wilson } from '../../src/stats/intervals.js';
import { routingEval, runCli } from '../support/cli.js';

// The confidence level of a run's intervals: 95% by default, run.confidence in the spec, --confidence
// on the command line (which wins). Every interval of the summary and every report header follows it,
// but for ci95, which stays at 95%.

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;
const round = (x: number) => Math.round(x * 1e6) / 1e6;

describe('confidence level', () => {
  it('--confidence and run.confidence set every interval and every header; the default is 95%', async () => {
    const { dir, spec } = routingEval(200);
    const at99 = join(dir, 'spec99.yaml');
    writeFileSync(at99, readFileSync(spec, 'utf8').replace('models: [sim:claude-sonnet-5-5]', 'models: [sim:claude-sonnet-5-5, sim:claude-haiku-5-5]\nrun: { confidence: 0.99 }'));
    const runs = [
      ['default', spec, [], 0.95, 1.959963984540054],
      ['flag', spec, ['--confidence', '0.9'], 0.9, 1.6448536269514722],
      ['spec', at99, [], 0.99, 2.5758293035489004],
      ['flag over spec', at99, ['--confidence', '0.8'], 0.8, 1.2815515655446004],
    ] as const;
    for (const [label, file, flags, level, z] of runs) {
      const out = join(dir, label.replace(/ /g, '-'));
      const res = await runCli(['run', file, '--out', out, ...flags]);
      expect(res.code, `${label}: ${res.stderr}`).toBe(0);
      const s = summaryOf(out);
      expect(s.options.confidence).toBe(level);
      const m = s.models[0];
      if (m === undefined || m.ci === null) throw new Error('no interval');
      const [lo, hi] = wilson(m.passed, m.passed + m.failed, z);
      expect(m.ci).toEqual([round(lo), round(hi)]);
      // ci95 stays at 95% whatever the level (the contract field, comparable across runs).
      expect(m.ci95).toEqual(wilson(m.passed, m.passed + m.failed).map(round));
      expect(s.models[0]?.classification[0]?.report.ci).toEqual([round(lo), round(hi)]);
      expect(res.stdout).toContain(`${Math.round(level * 100)}% CI`);
      if (s.models.length > 1) expect(res.stdout).toContain(`${Math.round(level * 100)}% CI [`); // the in-run comparison
    }
  });

  it('--resume may set a new --confidence (it does not change the plan)', async () => {
    const { dir, spec } = routingEval(40);
    const out = join(dir, 'run');
    expect((await runCli(['run', spec, '--out', out, '--quiet'])).code).toBe(0);
    const res = await runCli(['run', '--resume', out, '--confidence', '0.8', '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    expect(summaryOf(out).options.confidence).toBe(0.8);
  });

  it.each([['0.3'], ['1'], ['95']])('--confidence %s is refused before any call (exit 2)', async (v) => {
    const { spec } = routingEval(10);
    const res = await runCli(['run', spec, '--confidence', v]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`--confidence: a confidence level between 0.5 and 1, e.g. 0.9 (got ${v})`);
  });
});
