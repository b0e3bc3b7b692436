import type { FailureKind, RunRecord } from '../types.js';
import { summarizeEpochs, type EpochSummary } from './epochs.js';
import { meanWithSe, percentile, wilson } from './intervals.js';
import { zCritical } from './distributions.js';
import { passInterval, type CiMethod } from './pass-interval.js';
import { labelTally, type LabelClassification } from './label-tally.js';
import { reduceScorer, type EpochReducer, type ScorerEpochs, type ScorerVerdict } from './scorer-epochs.js';
import { clusteredSummary, type ClusteredSample, type ClusteredSummary } from './clustered-summary.js';

export { passInterval } from './pass-interval.js';

// Per-model summary of records (DESIGN.md §3). Pass rate is over scored items only: errors are
// counted apart and never as failures.

/** The part of a record the statistics need; runs keep only this in memory, not outputs. */
export type SummaryRecord = Pick<RunRecord, 'sampleId' | 'model' | 'epoch' | 'status' | 'pass' | 'score' | 'latencyMs' | 'usage' | 'costUsd' | 'stopReason' | 'attempts' | 'error' | 'cached'> & {
  readonly scores: readonly Pick<RunRecord['scores'][number], 'name' | 'value' | 'pass' | 'label'>[];
};

/** One literal with every field (absent ones undefined): a fixed shape keeps 100k of these small in memory. */
export function toSummaryRecord(r: RunRecord): SummaryRecord {
  return {
    sampleId: r.sampleId, model: r.model, epoch: r.epoch, status: r.status, pass: r.pass, score: r.score,
    latencyMs: r.latencyMs, usage: r.usage, costUsd: r.costUsd, stopReason: r.stopReason, attempts: r.attempts, error: r.error,
    cached: r.cached === true,
    scores: r.scores.map((x) => ({ name: x.name, value: x.value, pass: x.pass, label: x.label })),
  };
}

export interface ScorerSummary {
  readonly name: string;
  readonly n: number;
  readonly passed: number;
  readonly passRate: number | null;
  readonly meanValue: number | null;
  /** With epochs > 1: the scorer's verdicts per sample reduced as its spec says (default mean). */
  readonly epochs: ScorerEpochs | null;
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
  readonly ci: readonly [number, number] | null;
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
  /** Per label scorer: confusion matrix, per-class precision/recall/F1, macro/micro F1 (scored items). */
  readonly classification: readonly LabelClassification[];
  /** With dataset.fields.group: pass rate and mean score with clustered intervals; null otherwise. */
  readonly clustered: ClusteredSummary | null;
}

export interface SummaryOptions {
  /** Epochs per sample in the plan (RunOptions.epochs; default 1). */
  readonly epochs?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Scorer name → its epoch reducer (spec `reducer`); scorers not named reduce by the mean. */
  readonly reducers?: ReadonlyMap<string, EpochReducer>;
  /** With dataset.fields.group: the field's name and each sample's cluster. */
  readonly groups?: { readonly field: string; readonly of: (sampleId: string) => string | undefined };
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Running count, pass count and sum of one scorer's scores. */
interface ScorerTally { n: number; passed: number; sum: number }

function scorerSummaries(tallies: ReadonlyMap<string, ScorerTally>, reduced: (name: string) => ScorerEpochs | null): ScorerSummary[] {
  return [...tallies].map(([name, t]) => ({
    name, n: t.n, passed: t.passed, passRate: t.n > 0 ? round(t.passed / t.n) : null, meanValue: t.n > 0 ? round(t.sum / t.n) : null,
    epochs: reduced(name),
  }));
}

/** One scorer's verdicts of each sample across its scored epochs, reduced (summary of k > 1 epochs). */
function scorerEpochs(name: string, ok: readonly Scored[], epochs: number, reducer: EpochReducer, level: number): ScorerEpochs {
  const bySample = new Map<string, ScorerVerdict[]>();
  for (const r of ok) {
    const s = r.scores.find((x) => x.name === name);
    if (s === undefined) continue;
    const list = bySample.get(r.sampleId);
    if (list === undefined) bySample.set(r.sampleId, [{ value: s.value, pass: s.pass }]);
    else list.push({ value: s.value, pass: s.pass });
  }
  return reduceScorer(reducer, bySample, epochs, level);
}

/** Mean and standard error (ddof 1) of a stream of values, by Welford's update (no list kept). */
function runningMean() {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  return {
    add(x: number) { n += 1; const d = x - mean; mean += d / n; m2 += d * (x - mean); },
    result: () => (n === 0 ? undefined : { mean, se: n < 2 ? 0 : Math.sqrt(m2 / (n - 1) / n) }),
  };
}

type Scored = Pick<SummaryRecord, 'sampleId' | 'epoch' | 'status' | 'pass' | 'score' | 'scores'>;

/** The per-sample part with epochs: mean score and pass interval over per-sample means, and the reducers. */
function perSampleFigures(ok: readonly Scored[], all: readonly Scored[], epochs: number, level: number) {
  const perSample = new Map<string, number[]>();
  for (const r of ok) {
    const list = perSample.get(r.sampleId);
    if (list === undefined) perSample.set(r.sampleId, [r.score ?? 0]);
    else list.push(r.score ?? 0);
  }
  const score = meanWithSe([...perSample.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length));
  return { score, pass: passInterval(ok, level), epochs: summarizeEpochs(all, epochs, level) };
}

/** Scored samples: pass share and mean score over their scored epochs, with their cluster. */
function perSample(kept: readonly Scored[], groupOf: (sampleId: string) => string | undefined): ClusteredSample[] {
  const acc = new Map<string, { pass: number; score: number; n: number }>();
  for (const r of kept) {
    if (r.status !== 'ok') continue;
    const a = acc.get(r.sampleId) ?? { pass: 0, score: 0, n: 0 };
    a.pass += r.pass === true ? 1 : 0;
    a.score += r.score ?? 0;
    a.n += 1;
    acc.set(r.sampleId, a);
  }
  return [...acc].map(([id, a]) => ({ pass: a.pass / a.n, score: a.score / a.n, group: groupOf(id) ?? id }));
}

/**
 * One model's summary from the run's records (those of other models are skipped), in one pass that
 * keeps running totals, not the records: the source may produce each record on demand (a run's
 * record table), so a 100k-item run is summarised without holding 100k objects. `epochs`: epochs
 * per sample in the plan (RunOptions.epochs); `level`: the confidence level of the intervals. With 1, every record is its own sample; above 1, the
 * per-sample figures (STATISTICS.md §1.7) and the epoch reducers keep each record's verdict.
 */
export function summarizeModel(model: { id: string; label: string; simulated: boolean }, records: Iterable<SummaryRecord>, opts: SummaryOptions = {}): ModelSummary {
  const { epochs = 1, level = 0.95, groups } = opts;
  let n = 0;
  let ok = 0;
  let passed = 0;
  let cached = 0;
  let attempts = 0;
  let costUnknown = false;
  let cost = 0;
  let spent = 0;
  const tokens = { input: 0, output: 0, thinking: 0 };
  const errorsByKind: Partial<Record<FailureKind, number>> = {};
  const stopReasons: Record<string, number> = {};
  const scorers = new Map<string, ScorerTally>();
  const labels = labelTally();
  const latencies: number[] = [];
  const score = runningMean();
  const kept: Scored[] = [];
  for (const r of records) {
    if (r.model !== model.id) continue;
    n += 1;
    attempts += r.attempts;
    if (r.cached) cached += 1;
    // Every call that returned usage was billed, scorer errors included.
    if (r.usage !== null) {
      tokens.input += r.usage.inputTokens;
      tokens.output += r.usage.outputTokens;
      tokens.thinking += r.usage.thinkingTokens ?? 0;
      if (r.costUsd === null) costUnknown = true;
      else { cost += r.costUsd; if (!r.cached) spent += r.costUsd; }
    }
    if (epochs > 1 || groups !== undefined) kept.push({ sampleId: r.sampleId, epoch: r.epoch, status: r.status, pass: r.pass, score: r.score, scores: r.scores });
    if (r.status !== 'ok') {
      if (r.error) errorsByKind[r.error.kind] = (errorsByKind[r.error.kind] ?? 0) + 1;
      continue;
    }
    ok += 1;
    if (r.pass === true) passed += 1;
    stopReasons[r.stopReason ?? 'none'] = (stopReasons[r.stopReason ?? 'none'] ?? 0) + 1;
    if (r.latencyMs !== null) latencies.push(r.latencyMs);
    score.add(r.score ?? 0);
    for (const s of r.scores) {
      const t = scorers.get(s.name) ?? { n: 0, passed: 0, sum: 0 };
      t.n += 1; t.sum += s.value; if (s.pass) t.passed += 1;
      scorers.set(s.name, t);
      if (s.label !== undefined) labels.add(s.name, s.label);
    }
  }
  const okKept = kept.filter((r) => r.status === 'ok');
  const grouped = epochs > 1 ? perSampleFigures(okKept, kept, epochs, level) : undefined;
  const reduced = (name: string) => (epochs > 1 ? scorerEpochs(name, okKept, epochs, opts.reducers?.get(name) ?? { kind: 'mean' }, level) : null);
  const mean = grouped === undefined ? score.result() : grouped.score;
  const { ci, method, samples } = grouped?.pass ?? { ci: ok > 0 ? wilson(passed, ok, zCritical(level)) : null, method: 'wilson' as const, samples: ok };
  const p = (q: number) => { const v = percentile(latencies, q); return v === undefined ? null : round(v, 1); };
  return {
    model: model.id,
    label: model.label,
    simulated: model.simulated,
    n,
    passed,
    failed: ok - passed,
    errors: n - ok,
    errorsByKind,
    passRate: ok > 0 ? round(passed / ok) : null,
    ci: ci === null ? null : [round(ci[0]), round(ci[1])],
    ciMethod: method,
    samples,
    meanScore: mean ? round(mean.mean) : null,
    meanScoreSe: mean ? round(mean.se) : null,
    tokens,
    costUsd: costUnknown ? null : round(cost, 8),
    cached,
    spentUsd: costUnknown ? null : round(spent, 8),
    latencyMs: { p50: p(0.5), p95: p(0.95) },
    stopReasons,
    attempts,
    scorers: scorerSummaries(scorers, reduced),
    epochs: grouped?.epochs ?? null,
    classification: labels.reports(level),
    clustered: groups === undefined ? null : clusteredSummary(groups.field, perSample(kept, groups.of), level),
  };
}
