import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { epochTable, renderMarkdown } from '../../../src/report/render/markdown.js';
import { epochLine, renderSummary } from '../../../src/report/render/summary.js';
import type { EpochSummary } from '../../../src/summary/epochs.js';
import { gpt, simHaiku, summaryOf } from './ci-fixtures.js';

// The epoch reducers in the terminal summary and the Markdown report, from a hand-built EpochSummary.

const epochs: EpochSummary = {
  k: 5, samples: 200, incomplete: 0,
  passAtK: { count: 192, share: 0.96, ci: [0.922963, 0.979577] },
  passHatK: { count: 142, share: 0.71, ci: [0.643601, 0.768512] },
  majority: { count: 170, share: 0.85, ci: [0.794018, 0.892902] },
  meanShare: { share: 0.84, ci: [0.81, 0.87] },
  flaky: { count: 50, share: 0.25, ci: [0.19498, 0.314691] },
};
const withEpochs = summaryOf({ models: [{ ...simHaiku, epochs }, { ...gpt, epochs: { ...epochs, incomplete: 3 } }] });

describe('terminal summary: one epoch line per model', () => {
  it.each([
    ['the reducers and the flaky samples', 'anthropic:claude-haiku-5-5 [SIMULATED]: 5 epochs: pass@5 96.0%, pass^5 71.0%, majority 85.0%, flaky 25.0% of samples (50/200)\n'],
    ['the samples left out', 'GPT | X `<b>`: 5 epochs: pass@5 96.0%, pass^5 71.0%, majority 85.0%, flaky 25.0% of samples (50/200); 3 sample(s) with fewer than 5 scored epochs left out'],
  ])('%s', (_name, line) => {
    expect(renderSummary(withEpochs, 'r')).toContain(line);
  });

  it('says nothing with one epoch', () => {
    expect(epochLine(simHaiku)).toBeNull();
    expect(renderSummary(summaryOf(), 'r')).not.toContain('epochs:');
  });
});

describe('Markdown: the epochs table', () => {
  it('one escaped row per model, intervals in parentheses', () => {
    expect(epochTable(withEpochs).split('\n').slice(0, 4)).toEqual([
      '| Model | Samples | pass@5 | pass^5 | Majority | Mean pass share | Flaky | Left out |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| anthropic:claude-haiku-5-5 \\[SIMULATED\\] | 200 | 96.0% (92.3% – 98.0%) | 71.0% (64.4% – 76.9%) | 85.0% (79.4% – 89.3%) | 84.0% (81.0% – 87.0%) | 25.0% (50/200) | 0 |',
      '| GPT \\| X \\`&lt;b&gt;\\` | 200 | 96.0% (92.3% – 98.0%) | 71.0% (64.4% – 76.9%) | 85.0% (79.4% – 89.3%) | 84.0% (81.0% – 87.0%) | 25.0% (50/200) | 3 |',
    ]);
  });

  it('renders as one table of two rows under an Epochs heading, and not at all with one epoch', () => {
    const html = new MarkdownIt({ html: true }).render(renderMarkdown(withEpochs));
    expect(html).toContain('<details><summary>Epochs</summary>'); // folded: a reader opens it
    expect(html).not.toContain('<b>');
    expect(epochTable(summaryOf())).toBe('');
    expect(renderMarkdown(summaryOf())).not.toContain('Epochs');
  });
});
