import type { FailureKind, RunRecord } from '../types.js';
import { meanWithSe, percentile, wilson } from './intervals.js';

// Per-model summary of records (DESIGN.md §3). Pass rate is over scored items only: errors are
// counted apart and never as failures.

/** The part of a record the statistics need; runs keep only this in memory, not outputs. */
export type SummaryRecord = Pick<RunRecord, 'model' | 'status' | 'pass' | 'score' | 'latencyMs' | 'usage' | 'costUsd' | 'stopReason' | 'attempts' | 'error'> & {
  readonly scores: readonly Pick<RunRecord['scores'][number], 'name' | 'value' | 'pass'>[];
};

export function toSummaryRecord(r: RunRecord): SummaryRecord {
  return {
    model: r.model, status: r.status, latencyMs: r.latencyMs, usage: r.usage, costUsd: r.costUsd, stopReason: r.stopReason, attempts: r.attempts,
    ...(r.pass !== undefined && { pass: r.pass }),
    ...(r.score !== undefined && { score: r.score }),
    ...(r.error !== undefined && { error: r.error }),
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
  readonly meanScore: number | null;
  readonly meanScoreSe: number | null;
  readonly tokens: { readonly input: number; readonly output: number; readonly thinking: number };
  /** null when any scored call had no known price: a partial sum would understate the cost. */
  readonly costUsd: number | null;
  readonly latencyMs: { readonly p50: number | null; readonly p95: number | null };
  readonly stopReasons: Readonly<Record<string, number>>;
  readonly attempts: number;
  readonly scorers: readonly ScorerSummary[];
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

export function summarizeModel(model: { id: string; label: string; simulated: boolean }, records: readonly SummaryRecord[]): ModelSummary {
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
  const score = meanWithSe(ok.map((r) => r.score ?? 0));
  const latencies = ok.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const [lo, hi] = wilson(passed, ok.length);
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
    ci95: ok.length > 0 ? [round(lo), round(hi)] : null,
    meanScore: score ? round(score.mean) : null,
    meanScoreSe: score ? round(score.se) : null,
    tokens: {
      input: withUsage.reduce((s, r) => s + (r.usage?.inputTokens ?? 0), 0),
      output: withUsage.reduce((s, r) => s + (r.usage?.outputTokens ?? 0), 0),
      thinking: withUsage.reduce((s, r) => s + (r.usage?.thinkingTokens ?? 0), 0),
    },
    costUsd: costs.some((c) => c === null) ? null : round(costs.reduce<number>((s, c) => s + (c ?? 0), 0), 8),
    latencyMs: { p50: p(0.5), p95: p(0.95) },
    stopReasons,
    attempts: mine.reduce((s, r) => s + r.attempts, 0),
    scorers: scorerSummaries(ok),
  };
}
