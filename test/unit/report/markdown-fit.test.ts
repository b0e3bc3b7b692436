import { describe, expect, it } from 'vitest';
import { fitMarkdown, flippedMarkdown, idList, joinBlocks, GITHUB_COMMENT_LIMIT, MARKDOWN_BUDGET } from '../../../src/report/render/markdown-fit.js';
import { renderMarkdownReport } from '../../../src/report/render/markdown.js';
import { summaryOf } from './ci-fixtures.js';

// The Markdown report under GitHub's comment limit: details folded, the largest droppable blocks
// replaced by a note, the end cut last, and never a <details> left open.

const big = (n: number, c = 'x') => Array.from({ length: n / 50 }, () => c.repeat(49)).join('\n');

describe('fitMarkdown', () => {
  it('leaves a report under the limit as it is', () => {
    const blocks = [{ text: '## title' }, { text: 'body', fold: 'More' }];
    expect(fitMarkdown(blocks, 'elsewhere', 1000)).toBe(joinBlocks(blocks));
    expect(joinBlocks(blocks)).toBe('## title\n\n<details><summary>More</summary>\n\nbody\n\n</details>\n');
  });

  it('replaces the largest droppable blocks first, with a note saying where the rest is', () => {
    const blocks = [{ text: '## title' }, { text: big(3000, 'a'), droppable: true }, { text: big(6000, 'b'), droppable: true, fold: 'B' }, { text: 'kept' }];
    const out = fitMarkdown(blocks, 'see the run directory', 5000);
    expect(out.length).toBeLessThanOrEqual(5000);
    expect(out).toContain('a'.repeat(49));
    expect(out).not.toContain('b'.repeat(49));
    expect(out).toContain("_Left out to keep this report under GitHub's 65,536-character limit (5,999 characters); see the run directory._");
    expect(out).toContain('kept');
  });

  it('cuts the end last, closing an open <details>', () => {
    const blocks = [{ text: '## title' }, { text: big(9000), fold: 'Long' }];
    const out = fitMarkdown(blocks, 'the full report', 4000);
    expect(out.length).toBeLessThanOrEqual(4000);
    expect(out.match(/<details>/g)?.length).toBe(out.match(/<\/details>/g)?.length);
    expect(out.trimEnd().endsWith("_Report cut here to stay under GitHub's 65,536-character limit; the full report._")).toBe(true);
  });

  it('keeps a margin under the limit for what a CI step adds', () => {
    expect(MARKDOWN_BUDGET).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });
});

describe('sample ids', () => {
  it('as code, the first N, then how many more', () => {
    expect(idList(['a', 'b`c', 'd'], 2)).toBe('`a`, ``b`c``, … and 1 more');
  });

  it('flipped samples per model, both ways', () => {
    expect(flippedMarkdown([{ model: 'm', regressed: ['t1', 't2'], improved: [] }], (id) => `${id}!`)).toBe('- **m\\!** pass → fail (2): `t1`, `t2`\n- **m\\!** fail → pass (0): none');
  });
});

describe('renderMarkdownReport', () => {
  it('lists failing sample ids per model, and links the full report', () => {
    const s = summaryOf();
    const out = renderMarkdownReport([{ summary: s, failing: [{ model: s.models[0]?.model ?? '', total: 2, ids: ['t1', 't2'] }] }], { link: 'https://ci.example/run/1/artifacts (html)' });
    expect(out).toContain('### Failing samples');
    expect(out).toContain('2 failing — `t1`, `t2`');
    expect(out).toContain('[Full report](https://ci.example/run/1/artifacts%20%28html%29)');
  });

  it('stays under the budget with thousands of failing ids and long sections', () => {
    const s = summaryOf();
    const ids = Array.from({ length: 20_000 }, (_, i) => `sample-${i}`);
    const sections = Array.from({ length: 30 }, (_, i) => ({ title: `Section ${i}`, body: big(5000), fold: true }));
    const runs = Array.from({ length: 3 }, () => ({ summary: s, sections, failing: [{ model: s.models[0]?.model ?? '', total: ids.length, ids }] }));
    const out = renderMarkdownReport(runs);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(out).toContain('… and 19900 more');
  });
});
