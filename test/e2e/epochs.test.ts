import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { summarySchema } from '../../src/report/schemas.js';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { readJsonl, routingEval, runCli, tempDir } from '../support/cli.js';

// Epochs end to end: a bundled eval, one simulated model, 3 epochs; the summary's pass@k, pass^k,
// majority and flaky counts must be those recounted from records.jsonl.

interface Rec { readonly sampleId: string; readonly epoch: number; readonly status: 'ok' | 'error'; readonly pass?: boolean }

describe('epochs', () => {
  it('summarises pass@3, pass^3, majority and flaky samples, matching the records', async () => {
    const out = tempDir();
    const res = await runCli(['run', 'evals/support-routing.yaml', '--model', 'sim:claude-haiku-5-5', '--epochs', '3', '--limit', '30', '--out', out]);
    expect(res.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    const check = new Ajv({ allErrors: true, strict: false }).compile(summarySchema as object);
    expect(check(summary), JSON.stringify(check.errors)).toBe(true);

    const bySample = new Map<string, boolean[]>();
    for (const r of readJsonl<Rec>(join(out, 'records.jsonl'))) {
      if (r.status === 'ok') bySample.set(r.sampleId, [...(bySample.get(r.sampleId) ?? []), r.pass === true]);
    }
    const complete = [...bySample.values()].filter((v) => v.length === 3).map((v) => v.filter(Boolean).length);
    const e = summary.models[0]?.epochs;
    expect(e).toMatchObject({
      k: 3, samples: complete.length, incomplete: 30 - complete.length,
      passAtK: { count: complete.filter((p) => p > 0).length },
      passHatK: { count: complete.filter((p) => p === 3).length },
      majority: { count: complete.filter((p) => p >= 2).length },
      flaky: { count: complete.filter((p) => p > 0 && p < 3).length },
    });
    expect(res.stdout).toContain(`sim:claude-haiku-5-5 [SIMULATED]: 3 epochs: pass@3 `);
    expect(res.stdout).toContain(`of samples (${e?.flaky.count}/${e?.samples})`);
  });

  it('reduces each scorer as its spec says (reducer: {at_least: 2}), matching the records', async () => {
    const { dir, spec } = routingEval(60);
    const reduced = join(dir, 'reduced.yaml');
    writeFileSync(reduced, readFileSync(spec, 'utf8').replace('allowed: [billing, bug, account, other] }', 'allowed: [billing, bug, account, other], reducer: { at_least: 2 } }'));
    const out = join(dir, 'run');
    const res = await runCli(['run', reduced, '--model', 'sim:claude-haiku-5-5', '--epochs', '3', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const passes = new Map<string, number>();
    for (const r of readJsonl<Rec>(join(out, 'records.jsonl'))) {
      if (r.status === 'ok') passes.set(r.sampleId, (passes.get(r.sampleId) ?? 0) + (r.pass === true ? 1 : 0));
    }
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    const e = s.models[0]?.scorers[0]?.epochs;
    const atLeast2 = [...passes.values()].filter((p) => p >= 2).length;
    expect(e).toMatchObject({ reducer: 'at least 2 of 3', k: 3, samples: 60, value: Math.round((atLeast2 / 60) * 1e6) / 1e6 });
    expect(res.stdout).toContain('scorer label, at least 2 of 3 per sample: ');

    const tooMany = await runCli(['validate', reduced, '--epochs', '1']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/#\/scorers\/0\/reducer \(line \d+\): at_least 2 needs at least 2 epochs per sample, but the run has 1/);
  });
});
