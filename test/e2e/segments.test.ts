import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { summarySchema } from '../../src/report/schemas.js';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { readJsonl, ROOT, runCli, tempDir } from '../support/cli.js';

// Segments end to end: a bundled eval whose dataset declares metadata fields (support-routing:
// intent, difficulty, language), simulated; summary.json's per-segment counts must be those recounted
// from records.jsonl and the dataset.

interface Rec { readonly sampleId: string; readonly model: string; readonly status: 'ok' | 'error'; readonly pass?: boolean }
type Ticket = Record<string, string>;

describe('segments', () => {
  it('breaks the summary down by every metadata field, matching the records', async () => {
    const out = tempDir();
    const res = await runCli(['run', 'evals/support-routing.yaml', '--simulate', 'always', '--limit', '40', '--out', out]);
    expect(res.code).toBe(0);
    const dir = out; // one eval: --out is its run directory
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;
    const check = new Ajv({ allErrors: true, strict: false }).compile(summarySchema as object);
    expect(check(summary), JSON.stringify(check.errors)).toBe(true);

    const records = readJsonl<Rec>(join(dir, 'records.jsonl'));
    const tickets = new Map(readFileSync(join(ROOT, 'datasets/support-tickets.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Ticket).map((t) => [t['ticket_id'] ?? '', t]));
    const models = summary.models.map((m) => m.model);
    expect(models).toHaveLength(2);
    expect(summary.segments.map((f) => f.field)).toEqual(['intent', 'difficulty', 'language']);

    for (const f of summary.segments) {
      const valueOf = (id: string) => tickets.get(id)?.[f.field] ?? '(none)';
      const values = [...new Set(records.map((r) => valueOf(r.sampleId)))];
      expect(f.values).toBe(values.length);
      expect(f.segments.map((s) => s.value).sort()).toEqual([...values].sort());
      for (const seg of f.segments) {
        const mine = records.filter((r) => valueOf(r.sampleId) === seg.value);
        expect(seg.samples).toBe(new Set(mine.map((r) => r.sampleId)).size);
        for (const m of seg.models) {
          const ok = mine.filter((r) => r.model === m.model && r.status === 'ok');
          expect([m.n, m.passed, m.errors]).toEqual([ok.length, ok.filter((r) => r.pass === true).length, mine.filter((r) => r.model === m.model && r.status === 'error').length]);
          expect(m.passRate).toBe(ok.length === 0 ? null : Math.round((m.passed / ok.length) * 1e6) / 1e6);
        }
        const [change] = seg.changes;
        expect(seg.changes).toHaveLength(1);
        expect(change?.reference).toBe(models[0]);
        expect(change?.model).toBe(models[1]);
        expect(change?.small).toBe((change?.n ?? 0) < 30);
        const passOf = (id: string, model: string) => mine.find((r) => r.sampleId === id && r.model === model && r.status === 'ok')?.pass === true ? 1 : 0;
        const both = [...new Set(mine.map((r) => r.sampleId))].filter((id) => models.every((mo) => mine.some((r) => r.sampleId === id && r.model === mo && r.status === 'ok')));
        expect(change?.n).toBe(both.length);
        const diff = both.reduce((s, id) => s + passOf(id, models[1] ?? '') - passOf(id, models[0] ?? ''), 0) / both.length;
        expect(change?.diff).toBeCloseTo(diff, 6);
      }
    }
    // The terminal summary shows a table per field, "(small)" on the small segments.
    // At 100 columns (a pipe) the headers wrap in their columns: model names without their provider prefix.
    expect(res.stdout).toMatch(/^difficulty +samples +claude-haiku-5-5 +claude-sonnet-5-5 +change: claude-sonnet-5-5/m);
    expect(res.stdout).toContain('(small)');
  }, 60_000);
});
