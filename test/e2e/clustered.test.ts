import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { summarySchema } from '../../src/report/schemas.js';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { clusteredSe } from '../../src/stats/clustered.js';
import { tCritical } from '../../src/stats/distributions.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Clustered intervals end to end: several questions per document (dataset.fields.group: doc); the
// summary's clustered pass rate must be the one recomputed from records.jsonl and the dataset.

interface Rec { readonly sampleId: string; readonly status: string; readonly pass?: boolean }
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
});
