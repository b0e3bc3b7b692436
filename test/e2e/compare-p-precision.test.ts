import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// A p-value is written in full: a McNemar exact p of 1.8e-12 must not come out as 0 in
// `compare --json`, nor in summary.json's comparison of two models of one run.

interface Cmp { n: number; passRate: { discordant: { regressed: number; improved: number }; test: { name: string; p: number } } }
interface Summary { comparisons: { regressed: number; improved: number; test: { name: string; p: number } }[] }

/**
 * Samples in three segments: `down` (the candidate fails what the baseline passes), `up` (the other
 * way) and `same` (both pass). The simulator's per-segment accuracy 0 or 1 makes each verdict certain.
 */
function evalWith(down: number, up: number, same = 20) {
  const dir = tempDir();
  const tiers = [...Array(down).fill('down'), ...Array(up).fill('up'), ...Array(same).fill('same')] as string[];
  const labels = ['billing', 'bug', 'account', 'other'];
  const model = (id: string, acc: Record<string, number>) =>
    `  - id: ${id}\n    sim: { accuracy: 1, segment: tier, accuracy_by: { down: ${acc.down}, up: ${acc.up}, same: 1 } }\n`;
  const spec = (models: string) => `name: precise\ndataset: { path: data.jsonl, fields: { target: label } }\nprompt: { user: "Route: {{text}}" }\nmodels:\n${models}scorers: [{ type: label, allowed: [${labels.join(', ')}] }]\n`;
  writeFiles(dir, {
    'data.jsonl': tiers.map((tier, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: labels[i % 4], tier })).join('\n'),
    'base.yaml': spec(model('sim:claude-haiku-5-5', { down: 1, up: 0 })),
    'cand.yaml': spec(model('sim:claude-haiku-5-5', { down: 0, up: 1 })),
    'both.yaml': spec(model('sim:claude-sonnet-5-5', { down: 1, up: 0 }) + model('sim:claude-haiku-5-5', { down: 0, up: 1 })),
  });
  return dir;
}

// Two-sided exact p = 2·P(X ≤ min(b, c)), X ~ Binomial(b + c, ½): scipy.stats.binomtest(k, 40, 0.5).pvalue,
// and the closed form 2·Σ_{i≤k} C(40, i)/2⁴⁰ in exact fractions, agree to every digit printed.
const CASES = [
  { name: '40 regressed, none improved', down: 40, up: 0, p: 1.8189894035458565e-12 },
  { name: '37 regressed, 3 improved', down: 37, up: 3, p: 1.946500560734421e-8 },
];

const relErr = (x: number, y: number) => Math.abs(x - y) / y;

describe('p-values keep their precision', () => {
  it.each(CASES)('compare --json: $name', async ({ down, up, p }) => {
    const dir = evalWith(down, up);
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    expect((await runCli(['run', join(dir, 'base.yaml'), '--out', a, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', join(dir, 'cand.yaml'), '--out', b, '--quiet'])).code).toBe(0);
    const res = await runCli(['compare', a, b, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const c = JSON.parse(res.stdout) as Cmp; // one model pair: one object
    expect(c.passRate.discordant).toEqual({ regressed: down, improved: up });
    expect(c.passRate.test.name).toBe('mcnemar-exact');
    expect(relErr(c.passRate.test.p, p)).toBeLessThan(1e-9);
  });

  it.each(CASES)('summary.json, two models of one run: $name', async ({ down, up, p }) => {
    const dir = evalWith(down, up);
    const out = join(dir, 'run');
    expect((await runCli(['run', join(dir, 'both.yaml'), '--out', out, '--quiet'])).code).toBe(0);
    const [c] = (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary).comparisons;
    expect([c?.regressed, c?.improved, c?.test.name]).toEqual([down, up, 'mcnemar-exact']);
    expect(relErr(c?.test.p ?? 0, p)).toBeLessThan(1e-9);
  });
});
