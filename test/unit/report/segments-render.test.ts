import { describe, expect, it } from 'vitest';
import { renderMarkdown, segmentTables } from '../../../src/report/render/markdown.js';
import { renderSummary } from '../../../src/report/render/summary.js';
import { segmentBreakdown } from '../../../src/summary/segments.js';
import type { SummaryRecord } from '../../../src/summary/model-summary.js';
import { gpt, simHaiku, summaryOf } from './ci-fixtures.js';

// The segment tables in the terminal summary and the Markdown report.

function rec(sampleId: string, model: string, pass: boolean): SummaryRecord {
  return { sampleId, model, epoch: 1, status: 'ok', pass, score: pass ? 1 : 0, latencyMs: 1, usage: null, costUsd: null, stopReason: null, attempts: 1, cached: false, error: undefined, scores: [] };
}

// Two values: "a|*b*" (2 samples; the other model fails one) and "plain" (1 sample).
const records = [rec('s1', simHaiku.model, true), rec('s1', gpt.model, true), rec('s2', simHaiku.model, true), rec('s2', gpt.model, false), rec('s3', simHaiku.model, false), rec('s3', gpt.model, false)];
const meta: Record<string, string> = { s1: 'a|*b*', s2: 'a|*b*', s3: 'plain' };
const segments = segmentBreakdown({ models: [simHaiku, gpt], records, metadataOf: (id) => ({ topic: meta[id] ?? null }), fields: ['topic'] });

describe('segment rendering', () => {
  it('terminal: a table per field with pass rates, the change and "(small)"', () => {
    const text = renderSummary(summaryOf({ segments }), 'runs/x');
    expect(text).toMatch(/^topic +samples/m);
    expect(text).toContain('100.0% (2/2)');
    expect(text).toContain('50.0% (1/2)');
    expect(text).toContain('−50.0 pts');
    expect(text).toContain('(small)');
  });

  it('terminal: nothing without metadata fields', () => {
    expect(renderSummary(summaryOf({ segments: [] }), 'runs/x')).not.toMatch(/^topic +samples/m);
  });

  it('Markdown: escapes the values and marks small segments', () => {
    const md = segmentTables(summaryOf({ segments }));
    expect(md).toContain('a\\|\\*b\\*');
    expect(md).toContain('_small_');
    const cells = md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split(/(?<!\\)\|/).length);
    expect(new Set(cells)).toEqual(new Set([7])); // 5 columns on every row: no value breaks the table
    // Folded: a reader opens it.
    expect(renderMarkdown(summaryOf({ segments }))).toContain('<details><summary>By segment</summary>');
    expect(segmentTables(summaryOf({ segments: [] }))).toBe('');
  });
});
