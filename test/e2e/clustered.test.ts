import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { summarySchema } from '../../src/report/schemas.js';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { clusteredSe } from '../../src/stats/clustered.js';
import { tCritical } from '../../src/stats/distributions.js';
import { pairedDifference } from '../../src/stats/paired.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Clustered intervals end to end: several questions per document (dataset.fields.group: doc); the
// summary's clustered pass rate must be the one recomputed from records.jsonl and the dataset.

interface Rec { readonly sampleId: string; readonly model: string; readonly status: string; readonly pass?: boolean; readonly group?: string | null }
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

describe('clustered intervals', () => {
  it('dataset.fields.group gives every model a clustered pass rate, recomputable from the records', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 240 }, (_, i) => ({ id: `q${i}`, doc: `doc-${Math.floor(i / 6)}`, question: `question ${i}`, answer: `a${i % 5}` }));
    writeFiles(dir, {
      'qa.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
      'spec.yaml': 'name: doc-qa\ndataset: { path: qa.jsonl, fields: { target: answer, group: doc } }\nprompt: { user: "{{question}}" }\nmodels: [sim:claude-haiku-5-5]\nscorers: [{ type: contains }]\n',
    });
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    const check = new Ajv({ allErrors: true, strict: false }).compile(summarySchema as object);
    expect(check(s), JSON.stringify(check.errors)).toBe(true);

    const docOf = new Map(rows.map((r) => [r.id, r.doc]));
    const scored = readJsonl<Rec>(join(out, 'records.jsonl')).filter((r) => r.status === 'ok');
    const values = scored.map((r) => (r.pass === true ? 1 : 0));
    const groups = scored.map((r) => docOf.get(r.sampleId) ?? r.sampleId);
    const mean = values.reduce<number>((a, v) => a + v, 0) / values.length;
    const se = clusteredSe(values, groups) ?? NaN;
    const half = tCritical(0.95, 39) * se;
    expect(s.models[0]?.clustered).toEqual({
      field: 'doc', clusters: 40, df: 39,
      passRate: { mean: r6(mean), se: r6(se), ci: [r6(Math.max(0, mean - half)), r6(Math.min(1, mean + half))] },
      meanScore: expect.objectContaining({ mean: r6(mean) }) as unknown,
    });
    expect(res.stdout).toContain('clustered by doc (40 clusters): pass rate');
    expect(res.stdout).toContain('(t, 39 df)');
  });

  it('paired comparisons are clustered: in the run, in the records, and in compare --json across runs', async () => {
    const dir = tempDir();
    // 30 documents of 4 questions; the last 8 questions name no document (each its own cluster).
    const rows = Array.from({ length: 128 }, (_, i) => ({ id: `q${i}`, ...(i < 120 && { doc: `doc-${Math.floor(i / 4)}` }), question: `question ${i}`, answer: `a${i % 5}` }));
    const spec = (models: string) => `name: doc-qa\ndataset: { path: qa.jsonl, fields: { target: answer, group: doc } }\nprompt: { user: "{{question}}" }\nmodels: [${models}]\nscorers: [{ type: contains }]\n`;
    writeFiles(dir, {
      'qa.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
      'two.yaml': spec('sim:claude-haiku-5-5, sim:claude-sonnet-5-5'),
      'one.yaml': spec('sim:claude-sonnet-5-5'),
    });
    const out = join(dir, 'two');
    const res = await runCli(['run', join(dir, 'two.yaml'), '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const records = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(records.find((r) => r.sampleId === 'q0')?.group).toBe('doc-0');
    expect(records.find((r) => r.sampleId === 'q127')?.group).toBeNull();

    // The summary's comparison, recomputed from the records: the clustered t interval on 38 clusters.
    const passOf = (model: string) => new Map(records.filter((r) => r.model === model && r.status === 'ok').map((r) => [r.sampleId, r.pass === true ? 1 : 0]));
    const haiku = passOf('sim:claude-haiku-5-5');
    const sonnet = passOf('sim:claude-sonnet-5-5');
    const ids = [...haiku.keys()].filter((id) => sonnet.has(id));
    const clusters = ids.map((id) => records.find((r) => r.sampleId === id)?.group ?? `own:${id}`);
    const want = pairedDifference(ids.map((id) => sonnet.get(id) ?? 0), ids.map((id) => haiku.get(id) ?? 0), { clusters });
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    const check = new Ajv({ allErrors: true, strict: false }).compile(summarySchema as object);
    expect(check(s), JSON.stringify(check.errors)).toBe(true);
    const [c] = s.comparisons;
    expect(c).toMatchObject({ n: ids.length, clusters: 38, test: { name: 'clustered-t' } });
    expect(c?.ci?.[0]).toBeCloseTo(want.ci?.[0] ?? NaN, 6);
    expect(c?.ci?.[1]).toBeCloseTo(want.ci?.[1] ?? NaN, 6);
    expect(c?.test.p).toBeCloseTo(want.p ?? NaN, 10);
    expect(res.stdout.replace(/\s+/g, ' ')).toMatch(/\(paired, \d+ samples, 38 clusters\): [^;]*, clustered t p/); // the terminal wraps it

    // Across runs: compare reads the groups back from the records.
    const alone = join(dir, 'one');
    expect((await runCli(['run', join(dir, 'one.yaml'), '--out', alone])).code).toBe(0);
    const cmp = await runCli(['compare', out, alone, '--baseline-model', 'sim:claude-haiku-5-5', '--candidate-model', 'sim:claude-sonnet-5-5', '--json']);
    expect(cmp.code, cmp.stderr).toBe(0);
    const across = JSON.parse(cmp.stdout) as { clusters: number; n: number; passRate: { ci: [number, number]; test: { name: string; p: number } } }; // one pair: the object itself
    expect(across).toMatchObject({ n: ids.length, clusters: 38, passRate: { test: { name: 'clustered-t' } } });
    expect(across.passRate.ci[1]).toBeCloseTo(want.ci?.[1] ?? NaN, 6);
    const text = await runCli(['compare', out, alone, '--baseline-model', 'sim:claude-haiku-5-5', '--candidate-model', 'sim:claude-sonnet-5-5']);
    expect(text.stdout).toContain(`${ids.length} paired samples, 38 clusters`);
    expect(text.stdout).toContain('clustered paired SE');

    // route clusters on the recorded groups too, without --cluster (and says so).
    const route = await runCli(['route', out, '--json', '--out', join(dir, 'route')]);
    expect(route.code, route.stderr).toBe(0);
    const r = JSON.parse(route.stdout) as { options: { cluster: string | null }; analysis: { clusters: number | null }; notes: string[] };
    expect([r.options.cluster, r.analysis.clusters]).toEqual(['group', 38]);
    expect(r.notes.join('\n')).toContain('dataset.fields.group');
  });
});
