import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import MarkdownIt from 'markdown-it';
import { recordSchema, summarySchema } from '../../src/report/schemas.js';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { readJsonl, runCli, tempDir } from '../support/cli.js';

// Classification metrics end to end: the bundled support-routing eval (a label scorer over six queues)
// on a simulated model; the confusion matrix in summary.json must be the one recounted from the labels
// in records.jsonl, and the terminal and Markdown reports must show it.

interface Rec {
  readonly status: 'ok' | 'error';
  readonly scores: readonly { readonly name: string; readonly label?: { readonly expected: string; readonly predicted: string | null } }[];
}

describe('classification metrics', () => {
  it('summary.json holds the confusion matrix of the recorded labels, and the reports show it', async () => {
    const out = tempDir();
    const md = join(out, 'report.md');
    const res = await runCli(['run', 'evals/support-routing.yaml', '--model', 'sim:claude-haiku-5-5', '--out', out, '--markdown', md]);
    expect(res.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    const check = new Ajv({ allErrors: true, strict: false }).compile(summarySchema as object);
    expect(check(summary), JSON.stringify(check.errors)).toBe(true);

    const records = readJsonl<Rec>(join(out, 'records.jsonl'));
    const checkRecord = new Ajv({ allErrors: true, strict: false }).compile(recordSchema as object);
    for (const r of records) expect(checkRecord(r), JSON.stringify(checkRecord.errors)).toBe(true);
    const counts = new Map<string, number>();
    for (const r of records) {
      if (r.status !== 'ok') continue;
      const l = r.scores.find((s) => s.name === 'queue')?.label;
      if (l === undefined) throw new Error('a scored record without its labels');
      const key = `${l.expected} → ${l.predicted ?? '(none)'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }

    const c = summary.models[0]?.classification.find((x) => x.scorer === 'queue');
    const m = c?.report.matrix;
    if (c === undefined || m === undefined) throw new Error('no classification for the queue scorer');
    const fromSummary = new Map<string, number>();
    m.classes.forEach((cls, i) => {
      m.columns.forEach((col, j) => { const n = m.counts[i]?.[j] ?? 0; if (n > 0) fromSummary.set(`${cls} → ${col}`, n); });
      if ((m.unlabelled[i] ?? 0) > 0) fromSummary.set(`${cls} → (none)`, m.unlabelled[i] ?? 0);
    });
    expect(fromSummary).toEqual(counts);
    expect(c.report.correct).toBe(summary.models[0]?.scorers.find((s) => s.name === 'queue')?.passed);
    expect(m.classes).toEqual(['billing', 'technical', 'account', 'shipping', 'returns', 'sales']); // the scorer's allowed list, in its order

    expect(res.stdout).toContain('classification — sim:claude-haiku-5-5 [SIMULATED], scorer queue:');
    expect(res.stdout).toMatch(/macro-F1 \d\.\d{3} over 6 class\(es\)/);
    const html = new MarkdownIt().render(readFileSync(md, 'utf8'));
    expect(readFileSync(md, 'utf8')).toContain('<details><summary>Classification</summary>'); // folded: a reader opens it
    expect(html).toMatch(/<th[^>]*>class<\/th>/);
  });
});
