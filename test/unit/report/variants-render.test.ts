import { describe, expect, it } from 'vitest';
import { variantLines, variantTable } from '../../../src/report/render/variants.js';
import { renderMarkdown } from '../../../src/report/render/markdown.js';
import { renderSummary } from '../../../src/report/render/summary.js';
import type { VariantComparison } from '../../../src/summary/run-summary.js';
import { gpt, simHaiku, summaryOf } from './ci-fixtures.js';

// The prompt variants in the terminal and Markdown reports: one line (one row) per model and variant
// against the first variant, the model named without its variant; nothing without variants.

const haiku1 = { ...simHaiku, model: 'sim:claude-haiku-5-5@v1', label: 'anthropic:claude-haiku-5-5@v1 (simulated)', variant: 'v1' };
const haiku2 = { ...simHaiku, model: 'sim:claude-haiku-5-5@v2', label: 'anthropic:claude-haiku-5-5@v2 (simulated)', variant: 'v2' };
const gpt1 = { ...gpt, model: 'openai:gpt-x@v1', label: 'GPT@v1', variant: 'v1' };
const gpt2 = { ...gpt, model: 'openai:gpt-x@v2', label: 'GPT@v2', variant: 'v2' };

const cmp = (base: string, over: Partial<VariantComparison>): VariantComparison => ({
  baseModel: base, referenceVariant: 'v1', variant: 'v2', reference: `${base}@v1`, model: `${base}@v2`,
  n: 40, diff: 0.2, ci: [0.071, 0.348], test: { name: 'mcnemar-exact', p: 0.0078125 }, regressed: 0, improved: 8, mde: 0.179, ...over,
});

const withVariants = summaryOf({
  models: [haiku1, haiku2, gpt1, gpt2],
  variants: { ids: ['v1', 'v2'], comparisons: [cmp('sim:claude-haiku-5-5', { diff: -0.05, ci: [-0.15, 0.05], test: { name: 'mcnemar-exact', p: 0.00001 }, regressed: 3, improved: 1 }), cmp('openai:gpt-x', { diff: null, ci: null, n: 0, mde: null })] },
});

describe('prompt variants in the reports', () => {
  it('says nothing without variants', () => {
    expect(variantLines(summaryOf())).toEqual([]);
    expect(variantTable(summaryOf())).toBe('');
    expect(renderSummary(summaryOf(), 'out')).not.toContain('prompt variants');
    expect(renderMarkdown(summaryOf())).not.toContain('Prompt variants');
  });

  it('prints one line per model and variant in the terminal', () => {
    expect(variantLines(withVariants)).toEqual([
      'prompt variants (v1, v2), each against v1 on the same model:',
      '  anthropic:claude-haiku-5-5 [SIMULATED]: prompt v2 vs v1 (paired, 40 samples): −5.0 pts, 95% CI [−15.0 pts, +5.0 pts], McNemar p < 0.0001; 3 pass→fail, 1 fail→pass; could detect ≥ 17.9 pts',
      '  GPT: prompt v2 vs v1: no samples scored by both',
    ]);
    expect(renderSummary(withVariants, 'out')).toContain('prompt variants (v1, v2), each against v1 on the same model:');
  });

  it('adds a Markdown section with one row per model and variant', () => {
    const md = renderMarkdown(withVariants);
    expect(md).toContain('### Prompt variants (each against v1, paired, per model)');
    expect(md).toContain('| anthropic:claude-haiku-5-5 \\[SIMULATED\\] | v2 vs v1 | 40 | −5.0 pts | −15.0 pts to +5.0 pts | < 0.0001 (McNemar exact) | 3 / 1 | 17.9 pts |');
    expect(md).toContain('| GPT | v2 vs v1 | 0 | — | — | 0.0078 (McNemar exact) | 0 / 8 | — |');
  });
});
