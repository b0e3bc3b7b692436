import { describe, expect, it } from 'vitest';
import { addToProgress, renderProgress, type ProgressState } from '../../../src/report/render/progress.js';
import { modelRows, renderSummary } from '../../../src/report/render/summary.js';
import { markdownNotes, modelTable } from '../../../src/report/render/markdown.js';
import { summarizeModel } from '../../../src/summary/model-summary.js';
import type { ModelSummary } from '../../../src/summary/model-summary.js';
import { judgeLine } from '../../../src/report/render/lines.js';
import { NO_CALLS } from '../../../src/scoring/model-graded/calls.js';
import type { RunRecord } from '../../../src/types.js';
import { gpt, recordOf, simHaiku, summaryOf } from './ci-fixtures.js';

// A simulated model pays nothing: its cost is labelled simulated wherever it is shown, and only real
// calls are "spent" (the progress line, the tables, the Markdown, the --max-cost stop, summary.json).

const base: ProgressState = { evalId: 'e', done: 0, total: 4, elapsedMs: 1000, errorsByKind: {}, costUsd: 0 };
const sim = recordOf({ sampleId: 'a', model: 'sim:claude-haiku-5-5', costUsd: 0.5 });
const real = recordOf({ sampleId: 'a', model: 'anthropic:claude-haiku-5-5', costUsd: 0.25 });
const judged = recordOf({ sampleId: 'a', model: 'sim:claude-haiku-5-5', costUsd: 0.5, judge: { attempts: 1, answers: 1, usage: { inputTokens: 1, outputTokens: 1, thinkingTokens: 0 }, costUsd: 0.125, spentUsd: 0.125 } });

const judgeScore = { name: 'rubric', value: 1, pass: true, judge: { model: 'sim:claude-opus-5-5', version: 'rubric-v1', reasoning: '', verdict: 1, samples: { valid: 1, asked: 1, agreement: 1 }, calls: judged.judge ?? NO_CALLS } };
const simJudged: RunRecord = { ...judged, scores: [judgeScore] };

describe('progress line', () => {
  it.each([
    ['real calls only', [real], 'spent $0.250'],
    ['simulated calls only', [sim, sim], 'nothing paid (simulated cost $1.000)'],
    ['both', [sim, real], 'spent $0.250 + simulated cost $0.500 (not paid)'],
    ['a simulated model with a real judge: the judge is spent', [judged], 'spent $0.125 + simulated cost $0.500 (not paid)'],
    ['a cached simulated answer costs nothing', [{ ...sim, cached: true }], 'spent $0'],
    ['a simulated model with a simulated judge: nothing paid', [simJudged], 'nothing paid (simulated cost $0.625)'],
  ])('%s', (_what, records, text) => {
    const s = records.reduce((acc, r, i) => addToProgress(acc, r, i + 1, 1000), base);
    expect(renderProgress(s, true).endsWith(`, ${text}`)).toBe(true);
  });
});

const simModel: ModelSummary = { ...simHaiku, spentUsd: 0, simulatedCostUsd: 0.0042 };
const stopped = summaryOf({ status: 'aborted', stoppedBy: 'max_cost', verdict: 'incomplete', models: [simModel], options: { ...summaryOf().options, maxCostUsd: 0.004 } });

describe('reports of a run with a simulated model', () => {
  it.each([
    ['terminal table: cost (simulated)', () => modelRows(summaryOf({ models: [simModel, gpt] })).flat().join('|'), '$0.0042 (simulated)'],
    ['Markdown table: simulated cost, nothing paid', () => modelTable(summaryOf({ models: [simModel] })), '$0.0042 (simulated) / nothing paid'],
    ['Markdown header says a simulated model pays nothing', () => modelTable(summaryOf({ models: [simModel] })), 'Cost / spent (a simulated model pays nothing)'],
    ['cached note in Markdown', () => markdownNotes(summaryOf({ models: [{ ...simModel, cached: 2 }] })).join('\n'), '(cost $0.0042 (simulated), nothing paid)'],
    ['terminal --max-cost stop', () => renderSummary(stopped, 'runs/x'), 'stopped by --max-cost $0.0040, nothing paid (simulated cost $0.0042) after'],
    ['real model: spent as before', () => renderSummary(summaryOf({ status: 'aborted', stoppedBy: 'max_cost', verdict: 'incomplete', models: [{ ...gpt, spentUsd: 0.01, costUsd: 0.01 }] }), 'runs/x'), '(spent $0.010) after'],
  ])('%s', (_what, render, text) => {
    expect(render()).toContain(text);
  });

  it('the terminal table shows a real model\'s cost without the label', () => {
    expect(modelRows(summaryOf({ models: [{ ...gpt, costUsd: 0.01 }] }))[1]).toContain('$0.010');
  });
});

describe('judge line', () => {
  const totals = { calls: 2, answers: 2, tokens: { input: 10, output: 2 }, costUsd: 0.125, errors: 0 };
  it.each([
    ['simulated judges: simulated cost, nothing paid', ['sim:claude-opus-5-5'], '$0.125 simulated cost, nothing paid (apart from the model\'s cost)'],
    ['a real judge among them: a cost', ['sim:a', 'anthropic:claude-opus-5-5'], '$0.125 (apart from the model\'s cost)'],
  ])('%s', (_what, models, text) => {
    expect(judgeLine({ ...totals, models })).toContain(text);
  });
});

describe('summary.json: spentUsd is what was paid', () => {
  const recs = [recordOf({ sampleId: 'a', model: 'sim:m', costUsd: 0.5 }), recordOf({ sampleId: 'b', model: 'sim:m', costUsd: 0.25, cached: true })];
  it.each([
    ['simulated model: nothing paid, the simulated spend beside it', true, { costUsd: 0.75, spentUsd: 0, simulatedCostUsd: 0.5 }],
    ['real model: spentUsd as before, no simulatedCostUsd', false, { costUsd: 0.75, spentUsd: 0.5 }],
  ])('%s', (_what, simulated, want) => {
    const m = summarizeModel({ id: 'sim:m', label: 'm', simulated }, recs);
    expect({ costUsd: m.costUsd, spentUsd: m.spentUsd, ...('simulatedCostUsd' in m && { simulatedCostUsd: m.simulatedCostUsd }) }).toEqual(want);
  });
});
