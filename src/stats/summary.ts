import type { FailureKind, RunRecord } from '../types.js';
import { summarizeEpochs, type EpochSummary } from './epochs.js';
import { meanWithSe, percentile } from './intervals.js';
import { passInterval, type CiMethod } from './pass-interval.js';

export { passInterval } from './pass-interval.js';

// Per-model summary of records (DESIGN.md §3). Pass rate is over scored items only: errors are
// counted apart and never as failures.

/** The part of a record the statistics need; runs keep only this in memory, not outputs. */
export type SummaryRecord = Pick<RunRecord, 'sampleId' | 'model' | 'epoch' | 'status' | 'pass' | 'score' | 'latencyMs' | 'usage' | 'costUsd' | 'stopReason' | 'attempts' | 'error' | 'cached'> & {
  readonly scores: readonly Pick<RunRecord['scores'][number], 'name' | 'value' | 'pass'>[];
};

/** One literal with every field (absent ones undefined): a fixed shape keeps 100k of these small in memory. */
export function toSummaryRecord(r: RunRecord): SummaryRecord {
  return {
    sampleId: r.sampleId, model: r.model, epoch: r.epoch, status: r.status, pass: r.pass, score: r.score,
    latencyMs: r.latencyMs, usage: r.usage, costUsd: r.costUsd, stopReason: r.stopReason, attempts: r.attempts, error: r.error,
    cached: r.cached === true,
    scores: r.scores.map((x) => ({ name: x.name, value: x.value, pass: x.pass })),
  };
}

export interface ScorerSummary {
  readonly name: string;
  readonly n: number;
  readonly passed: number;
  readonly passRate: number | null;
  readonly meanValue: number | null;
}

export interface ModelSummary {
  readonly model: string;
  readonly label: string;
  readonly simulated: boolean;
  readonly n: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly errorsByKind: Partial<Record<FailureKind, number>>;
  readonly passRate: number | null;
  readonly ci95: readonly [number, number] | null;
  /** wilson: one verdict per sample; clt-over-samples: with epochs, over per-sample pass shares. */
  readonly ciMethod: CiMethod;
  /** Distinct samples scored (items = samples × epochs). */
  readonly samples: number;
  readonly meanScore: number | null;
  readonly meanScoreSe: number | null;
  readonly tokens: { readonly input: number; readonly output: number; readonly thinking: number };
  /** null when any scored call had no known price: a partial sum would understate the cost. */
  readonly costUsd: number | null;
  /** Items answered from the response cache (no call made this run). */
  readonly cached: number;
  /** What this run paid: costUsd less the answers that came from the cache (null when unknown). */
  readonly spentUsd: number | null;
  readonly latencyMs: { readonly p50: number | null; readonly p95: number | null };
  readonly stopReasons: Readonly<Record<string, number>>;
  readonly attempts: number;
  readonly scorers: readonly ScorerSummary[];
  /** Epoch reducers and flakiness (pass@k, pass^k, majority, flaky); null when the run has one epoch. */
  readonly epochs: EpochSummary | null;
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

function scorerSummaries(ok: readonly SummaryRecord[]): ScorerSummary[] {
  const names = [...new Set(ok.flatMap((r) => r.scores.map((s) => s.name)))];
  return names.map((name) => {
    const scores = ok.flatMap((r) => r.scores.filter((s) => s.name === name));
    const passed = scores.filter((s) => s.pass).length;
    const mean = meanWithSe(scores.map((s) => s.value));
    return { name, n: scores.length, passed, passRate: scores.length > 0 ? round(passed / scores.length) : null, meanValue: mean ? round(mean.mean) : null };
  });
}

/** `epochs`: epochs per sample in the plan (RunOptions.epochs); above 1, the summary has its reducers. */
export function summarizeModel(model: { id: string; label: string; simulated: boolean }, records: readonly SummaryRecord[], epochs = 1): ModelSummary {
  const mine = records.filter((r) => r.model === model.id);
  const ok = mine.filter((r) => r.status === 'ok');
  const passed = ok.filter((r) => r.pass === true).length;
  const errs = mine.filter((r) => r.status === 'error');
  const errorsByKind: Partial<Record<FailureKind, number>> = {};
  for (const r of errs) if (r.error) errorsByKind[r.error.kind] = (errorsByKind[r.error.kind] ?? 0) + 1;
  const stopReasons: Record<string, number> = {};
  for (const r of ok) stopReasons[r.stopReason ?? 'none'] = (stopReasons[r.stopReason ?? 'none'] ?? 0) + 1;
  const withUsage = mine.filter((r) => r.usage !== null);
  // Every call that returned usage was billed, scorer errors included.
  const costs = withUsage.map((r) => r.costUsd);
  // Mean score and its SE over per-sample means, so epochs do not shrink the SE (STATISTICS.md §1.7).
  const perSample = new Map<string, number[]>();
  for (const r of ok) {
    const list = perSample.get(r.sampleId);
    if (list === undefined) perSample.set(r.sampleId, [r.score ?? 0]);
    else list.push(r.score ?? 0);
  }
  const score = meanWithSe([...perSample.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length));
  const latencies = ok.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const { ci, method, samples } = passInterval(ok);
  const p = (q: number) => { const v = percentile(latencies, q); return v === undefined ? null : round(v, 1); };
  return {
    model: model.id,
    label: model.label,
    simulated: model.simulated,
    n: mine.length,
    passed,
    failed: ok.length - passed,
    errors: errs.length,
    errorsByKind,
    passRate: ok.length > 0 ? round(passed / ok.length) : null,
    ci95: ci === null ? null : [round(ci[0]), round(ci[1])],
    ciMethod: method,
    samples,
    meanScore: score ? round(score.mean) : null,
    meanScoreSe: score ? round(score.se) : null,
    tokens: {
      input: withUsage.reduce((s, r) => s + (r.usage?.inputTokens ?? 0), 0),
      output: withUsage.reduce((s, r) => s + (r.usage?.outputTokens ?? 0), 0),
      thinking: withUsage.reduce((s, r) => s + (r.usage?.thinkingTokens ?? 0), 0),
    },
    costUsd: costs.some((c) => c === null) ? null : round(costs.reduce<number>((s, c) => s + (c ?? 0), 0), 8),
    cached: mine.filter((r) => r.cached).length,
    spentUsd: costs.some((c) => c === null) ? null : round(withUsage.reduce((s, r) => s + (r.cached ? 0 : r.costUsd ?? 0), 0), 8),
    latencyMs: { p50: p(0.5), p95: p(0.95) },
    stopReasons,
    attempts: mine.reduce((s, r) => s + r.attempts, 0),
    scorers: scorerSummaries(ok),
    epochs: summarizeEpochs(mine, epochs),
  };
}
