import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../../../src/types.js';
import type { GateResult, RunSummary } from '../../../src/summary/run-summary.js';
import type { ModelSummary } from '../../../src/summary/model-summary.js';

// Hand-built runs for the CI report tests: a simulated Haiku stand-in and a real model with errors.

export const simHaiku: ModelSummary = {
  model: 'sim:claude-haiku-5-5', label: 'anthropic:claude-haiku-5-5 (simulated)', simulated: true,
  n: 4, passed: 2, failed: 1, errors: 1, errorsByKind: { timeout: 1 },
  passRate: 0.666667, ci: [0.207655, 0.938510], ci95: [0.207655, 0.938510], ciMethod: 'wilson', samples: 3, meanScore: 0.666667, meanScoreSe: 0.333333,
  tokens: { input: 400, output: 40, thinking: 0 }, costUsd: 0.0042, cached: 0, spentUsd: 0, simulatedCostUsd: 0.0042,
  latencyMs: { p50: 550, p95: 955 }, stopReasons: { end_turn: 3 }, attempts: 6,
  scorers: [{ name: 'label', n: 3, passed: 2, passRate: 0.666667, meanValue: 0.666667, epochs: null }],
  epochs: null, classification: [], clustered: null, judge: null, meanScoreCi: null,
};

export const gpt: ModelSummary = {
  model: 'openai:gpt-x', label: 'GPT | X `<b>`', simulated: false,
  n: 4, passed: 3, failed: 1, errors: 0, errorsByKind: {},
  passRate: 0.75, ci: [0.300636, 0.954413], ci95: [0.300636, 0.954413], ciMethod: 'wilson', samples: 4, meanScore: 0.75, meanScoreSe: 0.25,
  tokens: { input: 500, output: 50, thinking: 0 }, costUsd: null, cached: 0, spentUsd: null,
  latencyMs: { p50: 12_345, p95: 20_000 }, stopReasons: { end_turn: 3, max_tokens: 1 }, attempts: 4,
  scorers: [{ name: 'label', n: 4, passed: 3, passRate: 0.75, meanValue: 0.75, epochs: null }],
  epochs: null, classification: [], clustered: null, judge: null, meanScoreCi: null,
};

export const gates: GateResult[] = [
  { model: 'sim:claude-haiku-5-5', minPassRate: 0.9, passRate: 0.666667, pass: false, skipped: false, reason: 'pass rate 66.7% < 90.0%' },
  { model: 'openai:gpt-x', minPassRate: 0.5, passRate: 0.75, pass: true, skipped: false, reason: 'pass rate 75.0% >= 50.0%' },
  { model: 'anthropic:claude-opus-5-5', minPassRate: 0.9, passRate: null, pass: true, skipped: true, reason: 'model not in this run; gate not applied' },
];

export function summaryOf(over: Partial<RunSummary> = {}): RunSummary {
  return {
    schemaVersion: 1, harness: { name: 'haikubench', version: '0.1.0' }, runId: 'run-1',
    status: 'completed', stoppedBy: null, stopMessage: null, verdict: 'gate_failed',
    startedAt: '2026-11-23T00:00:00.000Z', endedAt: '2026-11-23T00:01:00.000Z',
    eval: { id: 'support-routing', description: null, file: 'evals/support.yaml' },
    dataset: { path: 'datasets/t.jsonl', sha256: 'a'.repeat(64), records: 4, samples: 4 },
    options: { epochs: 1, concurrency: 4, seed: 7, timeoutMs: 60_000, maxAttempts: 4, maxRetryWaitMs: 60_000, maxErrorRate: 0.5, confidence: 0.95, passRule: 'all', priceTable: '2026-11-23', maxCostUsd: null, retryBudgets: { rate_limit: 8, overloaded: 5, server: 3 }, regression: null },
    simulated: true, items: { planned: 8, finished: 8, errors: 1 }, shard: null, mergedFrom: null,
    models: [simHaiku, gpt], comparisons: [], segments: [], gates, ...over,
  };
}

export function recordOf(over: Partial<RunRecord> & Pick<RunRecord, 'sampleId' | 'model'>): RunRecord {
  const ok = over.status !== 'error';
  return {
    runId: 'run-1', evalId: 'support-routing', simulated: over.model.startsWith('sim:'), epoch: 1, status: 'ok',
    output: 'billing', ...(ok && { pass: true, score: 1 }), scores: ok ? [{ name: 'label', value: 1, pass: true }] : [],
    latencyMs: 500, usage: { inputTokens: 100, outputTokens: 10, thinkingTokens: 0 }, costUsd: null, stopReason: 'end_turn',
    attempts: 1, retries: [], cached: false, startedAt: '2026-11-23T00:00:00.000Z', durationMs: 500, metadata: {},
    ...over,
  };
}

export const failing = (sampleId: string, model: string, output: string, reason = 'expected "billing"'): RunRecord =>
  recordOf({ sampleId, model, output, pass: false, score: 0, scores: [{ name: 'label', value: 0, pass: false, reason }] });

export const errored = (sampleId: string, model: string, kind: 'timeout' | 'rate_limit' = 'timeout', message = 'request timed out after 60000 ms'): RunRecord =>
  recordOf({ sampleId, model, status: 'error', output: '', latencyMs: null, usage: null, stopReason: null, attempts: 3, error: { kind, message, stage: 'provider' } });

/** A run directory holding these records.jsonl lines (and `tail` appended raw: a torn line). */
export function runDirWith(records: readonly RunRecord[], tail = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'haikubench-report-'));
  writeFileSync(join(dir, 'records.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join('') + tail);
  return dir;
}
