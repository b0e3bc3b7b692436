import { describe, expect, it } from 'vitest';
import type { GateResult, RunSummary } from '../../../src/summary/run-summary.js';
import type { ModelSummary } from '../../../src/summary/model-summary.js';
import { modelRows, renderSummary, scorerRows } from '../../../src/report/render/summary.js';
import { renderOverview } from '../../../src/report/render/overview.js';

// A hand-built summary: a simulated Haiku stand-in (8/10, $0.0042) and a real OpenAI-compatible model
// with 3 errors, a max_tokens stop and no known price. GPT X: Wilson 5/7 = (0.358934, 0.917781) and SE
// sqrt((5·(2/7)² + 2·(5/7)²)/6/7) = 0.184428, both from a direct Python implementation.
const simHaiku: ModelSummary = {
  model: 'sim:claude-haiku-5-5', label: 'anthropic:claude-haiku-5-5 (simulated)', simulated: true,
  n: 10, passed: 8, failed: 2, errors: 0, errorsByKind: {},
  passRate: 0.8, ci: [0.490162, 0.943318], ci95: [0.490162, 0.943318], ciMethod: 'wilson', samples: 10, meanScore: 0.8, meanScoreSe: 0.133333,
  tokens: { input: 1_234, output: 567, thinking: 0 }, costUsd: 0.0042, cached: 0, spentUsd: 0, simulatedCostUsd: 0.0042,
  latencyMs: { p50: 550, p95: 955 }, stopReasons: { end_turn: 10 }, attempts: 10,
  scorers: [
    { name: 'label', n: 10, passed: 8, passRate: 0.8, meanValue: 0.8, epochs: null },
    { name: 'fast', n: 10, passed: 9, passRate: 0.9, meanValue: 0.9, epochs: null },
  ],
  epochs: null, classification: [], clustered: null, judge: null, meanScoreCi: { method: 'bootstrap', ci: [0.5, 1], resamples: 2000 },
};

const gpt: ModelSummary = {
  model: 'openai:gpt-x', label: 'GPT X', simulated: false,
  n: 10, passed: 5, failed: 2, errors: 3, errorsByKind: { rate_limit: 2, timeout: 1 },
  passRate: 0.714286, ci: [0.358934, 0.917781], ci95: [0.358934, 0.917781], ciMethod: 'wilson', samples: 7, meanScore: 0.714286, meanScoreSe: 0.184428,
  tokens: { input: 20_000, output: 3_000, thinking: 89 }, costUsd: null, cached: 0, spentUsd: null,
  latencyMs: { p50: 12_345, p95: 20_000 }, stopReasons: { end_turn: 6, max_tokens: 1 }, attempts: 19,
  scorers: [{ name: 'label', n: 7, passed: 5, passRate: 0.714286, meanValue: 0.714286, epochs: null }],
  epochs: null, classification: [], clustered: null, judge: null, meanScoreCi: null,
};

const gates: GateResult[] = [
  { model: 'sim:claude-haiku-5-5', minPassRate: 0.75, passRate: 0.8, pass: true, skipped: false, reason: 'pass rate 80.0% >= 75.0%' },
  { model: 'openai:gpt-x', minPassRate: 0.8, passRate: 0.714286, pass: false, skipped: false, reason: 'pass rate 71.4% < 80.0%' },
];

function summary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    schemaVersion: 1, harness: { name: 'haikubench', version: '0.1.0' }, runId: 'run-1',
    status: 'completed', stoppedBy: null, stopMessage: null, verdict: 'gate_failed',
    startedAt: '2026-11-23T00:00:00.000Z', endedAt: '2026-11-23T00:01:00.000Z',
    eval: { id: 'support-routing', description: null, file: 'evals/support.yaml' },
    dataset: { path: 'datasets/t.jsonl', sha256: 'abc', records: 10, samples: 10 },
    options: { epochs: 1, concurrency: 4, seed: 7, timeoutMs: 60_000, maxAttempts: 4, maxRetryWaitMs: 60_000, maxErrorRate: 0.25, confidence: 0.95, passRule: 'all', priceTable: '2026-11-23', maxCostUsd: null, retryBudgets: { rate_limit: 8, overloaded: 5, server: 3 }, regression: null },
    simulated: true, items: { planned: 20, finished: 20, errors: 3 }, shard: null, mergedFrom: null, comparisons: [], segments: [],
    models: [simHaiku, gpt], gates, ...over,
  };
}

describe('renderSummary', () => {
  const text = renderSummary(summary(), 'reports/run-1');

  it.each([
    ['the header marks the run simulated', 'support-routing [SIMULATED] — 10 samples × 2 model(s) × 1 epoch(s), pass rule: all'],
    ['the stand-in is marked [SIMULATED] (its "(simulated)" label suffix folded in)', 'anthropic:claude-haiku-5-5 [SIMULATED]'],
    ['an unknown cost reads "unknown"', 'unknown'],
    ['a tiny known cost keeps its digits', '$0.0042'],
    ['error kinds are listed', '3 (rate_limit 2, timeout 1)'],
    ['the truncation note', 'GPT X: 1 output(s) cut off at the max_tokens limit'],
    ['which interval was used', '95% CI: Wilson score interval.'],
    ['the unknown-cost note names the price table', 'GPT X: cost unknown (no price for this model in price table 2026-11-23; give its model entry price: {input: …, output: …} (USD per million tokens) or price: {per_call: …} (USD per call))'],
    ['errors are not failures', '3 item(s) ended in error: not counted as failures'],
    ['the simulator disclaimer', '[SIMULATED] models are the built-in simulator, not real model outputs'],
    ['the passing gate line, naming the simulated model as such', 'PASS gate anthropic:claude-haiku-5-5 [SIMULATED]: pass rate 80.0% >= 75.0%'],
    ['the failing gate line, by the model label', 'FAIL gate GPT X: pass rate 71.4% < 80.0%'],
    ['the verdict line', 'FAILED: a quality gate failed.'],
    ['where the records are', 'records: reports/run-1/records.jsonl   summary: reports/run-1/summary.json'],
  ])('%s', (_name, needle) => {
    expect(text).toContain(needle);
  });

  it('never shows an unknown cost as $0 and never says "(simulated) [SIMULATED]"', () => {
    expect(text).not.toMatch(/\$0(?![.\d])/);
    expect(text).not.toContain('(simulated) [SIMULATED]');
  });

  it('tokens, thinking tokens included, are shown with --details only', () => {
    expect(text).not.toContain('20,000 / 3,000');
    expect(renderSummary(summary(), 'reports/run-1', { details: true })).toContain('20,000 / 3,000 (89 thinking)');
  });

  it('GPT X is not marked simulated', () => {
    expect(text).not.toContain('GPT X [SIMULATED]');
  });

  it('snapshot', () => {
    expect(text).toMatchInlineSnapshot(`
      "support-routing [SIMULATED] — 10 samples × 2 model(s) × 1 epoch(s), pass rule: all

      model                            pass rate      95% CI                       errors                 cost        p50 / p95
      ────────────────────────────  ────────────  ──────────  ───────────────────────────  ───────────────────  ───────────────
      claude-haiku-5-5 [SIMULATED]  80.0% (8/10)  49.0–94.3%                            0  $0.0042 (simulated)     550 / 955 ms
      GPT X                          71.4% (5/7)  35.9–91.8%  3 (rate_limit 2, timeout 1)              unknown  12.3 s / 20.0 s

      scorer  claude-haiku-5-5 [SIMULATED]        GPT X
      ──────  ────────────────────────────  ───────────
      label                   80.0% (8/10)  71.4% (5/7)
      fast                    90.0% (9/10)            —

      GPT X: 1 output(s) cut off at the max_tokens limit (stop reason max_tokens/length)
      GPT X: cost unknown (no price for this model in price table 2026-11-23; give its model entry price: {input: …, output: …} (USD per million tokens) or price: {per_call: …} (USD per call))
      95% CI: Wilson score interval.
      mean score: ± SE over samples; in parentheses its 95% CI: a seeded bootstrap over samples (2,000 resamples).
      3 item(s) ended in error: not counted as failures; see records.jsonl (status "error")
      [SIMULATED] models are the built-in simulator, not real model outputs: their quality, latency and cost are settings, not measurements.

      PASS gate anthropic:claude-haiku-5-5 [SIMULATED]: pass rate 80.0% >= 75.0%
      FAIL gate GPT X: pass rate 71.4% < 80.0%

      FAILED: a quality gate failed. 3 items ended in error; run them again: haikubench run --resume reports/run-1 --retry-errors
      records: reports/run-1/records.jsonl   summary: reports/run-1/summary.json
      "
    `);
  });
});

describe('renderSummary: verdict line', () => {
  it.each([
    // The fixture's run has 3 items in error: the verdict line says so, with the command that retries them.
    ['all gates passed', summary({ verdict: 'pass', gates: [gates[0] as GateResult] }), 'PASSED: all quality gates passed. 3 items ended in error; run them again: haikubench run --resume out --retry-errors'],
    ['no gates', summary({ verdict: 'pass', gates: [] }), 'DONE: no gates applied. 3 items ended in error; run them again: haikubench run --resume out --retry-errors'],
    ['no gates, no errors', summary({ verdict: 'pass', gates: [], items: { planned: 20, finished: 20, errors: 0 } }), 'DONE: no gates applied.'],
    ['gate failed', summary(), 'FAILED: a quality gate failed. 3 items ended in error; run them again: haikubench run --resume out --retry-errors'],
    ['aborted', summary({ status: 'aborted', verdict: 'incomplete', items: { planned: 20, finished: 12, errors: 0 } }), 'INCOMPLETE: run stopped after 12/20 items; partial results written. Continue with: haikubench run --resume out'],
    ['too many errors for one model (GPT X: 3 of 10 > 25%)', summary({ verdict: 'incomplete', items: { planned: 20, finished: 20, errors: 3 } }), 'INCOMPLETE: items ended in error above the allowed 25% per model (GPT X 3/10). 3 items ended in error; run them again: haikubench run --resume out --retry-errors'],
    ['one item in error', summary({ verdict: 'pass', gates: [], items: { planned: 20, finished: 20, errors: 1 } }), 'DONE: no gates applied. 1 item ended in error; run it again: haikubench run --resume out --retry-errors'],
  ])('%s', (_name, s, line) => {
    expect(renderSummary(s, 'out').split('\n')).toContain(line);
  });

  it('a run directory with a space in it is quoted in the command', () => {
    expect(renderSummary(summary({ verdict: 'pass', gates: [] }), "my runs/it's")).toContain("haikubench run --resume 'my runs/it'\\''s' --retry-errors");
  });

  it('no records at all: incomplete, without blaming errors that did not happen', () => {
    const empty = { ...simHaiku, n: 0, passed: 0, failed: 0, passRate: null, ci: null, meanScore: null, meanScoreSe: null, costUsd: 0, scorers: [], stopReasons: {}, latencyMs: { p50: null, p95: null } };
    const text = renderSummary(summary({ verdict: 'incomplete', models: [empty], gates: [], items: { planned: 10, finished: 0, errors: 0 } }), 'out');
    expect(text).toMatch(/^INCOMPLETE: /m);
    expect(text).not.toContain('ended in error');
  });

  it('no scorer table when every model has one scorer', () => {
    const one = renderSummary(summary({ models: [gpt] }), 'out');
    expect(one).not.toContain('scorer');
  });
});

describe('modelRows and scorerRows', () => {
  // Compact: the mean score only when it differs from the pass rate (here it does not), tokens with --details;
  // model names without their provider prefix while that leaves them distinct.
  const rows = modelRows(summary());
  const detailed = modelRows(summary(), true);

  it.each([
    ['header', rows, 0, ['model', 'pass rate', '95% CI', 'errors', 'cost', 'p50 / p95']],
    // n is scored items (8 + 2), not records.
    ['simulated model', rows, 1, ['claude-haiku-5-5 [SIMULATED]', '80.0% (8/10)', '49.0–94.3%', '0', '$0.0042 (simulated)', '550 / 955 ms']],
    // 5 + 2 = 7 scored; 5/7 = 71.4%; 12,345 ms → 12.3 s
    ['model with errors and unknown cost', rows, 2, ['GPT X', '71.4% (5/7)', '35.9–91.8%', '3 (rate_limit 2, timeout 1)', 'unknown', '12.3 s / 20.0 s']],
    ['header, --details', detailed, 0, ['model', 'pass rate', '95% CI', 'mean score ± SE', 'errors', 'tokens in / out', 'cost', 'p50 / p95']],
    ['simulated model, --details', detailed, 1, ['claude-haiku-5-5 [SIMULATED]', '80.0% (8/10)', '49.0–94.3%', '0.800 ± 0.133 (0.500 – 1.000)', '0', '1,234 / 567', '$0.0042 (simulated)', '550 / 955 ms']],
  ])('%s', (_name, table, i, expected) => {
    expect(table[i]).toEqual(expected);
  });

  it('a mean score column when it says more than the pass rate', () => {
    const partial = { ...gpt, meanScore: 0.9 };
    expect(modelRows(summary({ models: [partial] }))[0]).toContain('mean score ± SE');
  });

  it('full names when the short ones would clash', () => {
    const sim = { ...simHaiku, model: 'sim:GPT X', label: 'sim:GPT X' };
    const real = { ...gpt, label: 'openai:GPT X' };
    expect(modelRows(summary({ models: [sim, real] })).map((r) => r[0])).toEqual(['model', 'sim:GPT X [SIMULATED]', 'openai:GPT X']);
  });

  it('a model without scored items shows dashes', () => {
    const none = { ...gpt, passed: 0, failed: 0, passRate: null, ci: null, meanScore: null, meanScoreSe: null, latencyMs: { p50: null, p95: null } };
    expect(modelRows(summary({ models: [none] }))[1]).toEqual(['GPT X', '— (0/0)', '—', '3 (rate_limit 2, timeout 1)', 'unknown', '— / —']);
  });

  it('a simulated model whose label has no "(simulated)" suffix still gets [SIMULATED]', () => {
    const plain = { ...simHaiku, model: 'sim:perfect', label: 'sim:perfect' };
    expect(modelRows(summary({ models: [plain] }))[1]?.[0]).toBe('perfect [SIMULATED]');
  });

  it('scorer table: one column per model, — where a model lacks the scorer', () => {
    expect(scorerRows(summary())).toEqual([
      ['scorer', 'claude-haiku-5-5 [SIMULATED]', 'GPT X'],
      ['label', '80.0% (8/10)', '71.4% (5/7)'],
      ['fast', '90.0% (9/10)', '—'],
    ]);
  });
});

describe('renderOverview (several evals in one command)', () => {
  const text = renderOverview([
    { summary: summary(), runDir: 'reports/a' },
    { summary: summary({ eval: { id: 'math', description: null, file: 'm.yaml' }, verdict: 'incomplete', simulated: false, models: [gpt] }), runDir: 'reports/b' },
  ]);

  it.each([
    ['the first eval, marked simulated, with its verdict', /support-routing \[SIMULATED\] +GATE FAILED/],
    ['each model with its pass rate, the stand-in still labelled simulated', /anthropic:claude-haiku-5-5 \[SIMULATED\] 80\.0%/],
    ['the second eval, not simulated', /^math +INCOMPLETE/m],
    ['errors and the run directory', / 3 +reports\/b$/m],
  ])('%s', (_name, pattern) => {
    expect(text).toMatch(pattern);
  });
});

describe('stop reasons of OpenAI-compatible servers', () => {
  it('counts finish_reason length as a truncation and content_filter as a refusal', () => {
    const text = renderSummary(summary({ models: [{ ...gpt, stopReasons: { stop: 4, length: 2, content_filter: 1 } }] }), 'r');
    expect(text).toContain('GPT X: 2 output(s) cut off at the max_tokens limit');
    expect(text).toContain('GPT X: 1 refusal(s)');
  });
});
