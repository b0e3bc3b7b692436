import type { FailureKind, RunRecord } from '../types.js';
import type { ModelSummary, ScorerSummary } from './schema.js';
import { meanWithSe, wilson } from '../stats/intervals.js';
import { percentileList } from '../stats/percentile-list.js';
import { pagedNumbers } from '../util/paged-numbers.js';
import { zCritical } from '../stats/distributions.js';
import { passInterval } from './pass-interval.js';
import { labelTally } from '../stats/label-tally.js';
import type { EpochReducer, ScorerEpochs } from '../stats/scorer-epochs.js';
import { perSample, perSampleFigures, scoreInterval, scorerEpochs, type Scored } from './per-sample.js';
import { clusteredSummary } from '../stats/clustered-summary.js';
import { isPairVerdict, pairwiseTally, type PairScore, type PairwiseScorerSummary } from './pairwise-summary.js';
import { gradedOf, judgeTally, type GradedScore } from './judge-summary.js';

export type { CascadeSummary, JudgeSelfAgreement, JudgeTotals } from './judge-summary.js';

export { passInterval } from './pass-interval.js';

// Per-model summary of records. Pass rate is over scored items only: errors are
// counted apart and never as failures.

/** The part of a record the statistics need; runs keep only this in memory, not outputs. */
export type SummaryRecord = Pick<RunRecord, 'sampleId' | 'model' | 'epoch' | 'status' | 'pass' | 'score' | 'latencyMs' | 'usage' | 'costUsd' | 'stopReason' | 'attempts' | 'error' | 'cached' | 'judge' | 'cacheSavingsUsd'> & {
  readonly scores: readonly (Pick<RunRecord['scores'][number], 'name' | 'value' | 'pass' | 'label'> & Pick<PairScore, 'pair'> & { readonly graded?: GradedScore | undefined })[];
};

/** One literal with every field (absent ones undefined): a fixed shape keeps 100k of these small in memory. */
export function toSummaryRecord(r: RunRecord): SummaryRecord {
  return {
    sampleId: r.sampleId, model: r.model, epoch: r.epoch, status: r.status, pass: r.pass, score: r.score,
    latencyMs: r.latencyMs, usage: r.usage, costUsd: r.costUsd, cacheSavingsUsd: r.cacheSavingsUsd, stopReason: r.stopReason, attempts: r.attempts, error: r.error,
    cached: r.cached === true, judge: r.judge,
    scores: r.scores.map((x) => ({ name: x.name, value: x.value, pass: x.pass, label: x.label, pair: isPairVerdict(x.judge?.verdict) ? x.judge.verdict : undefined, graded: gradedOf(x.judge) })),
  };
}

// The summary's shape is its JSON Schema's (schema.ts): summary.json's `models`.
export type { ModelSummary, ScorerSummary } from './schema.js';

export interface SummaryOptions {
  /** Epochs per sample in the plan (RunOptions.epochs; default 1). */
  readonly epochs?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Seed of the bootstrap interval of the mean score (the run seed; default 0). */
  readonly seed?: number;
  /** Label scorer name → its allowed labels (normalised), the declared classes of its confusion matrix. */
  readonly labelClasses?: ReadonlyMap<string, readonly string[]>;
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

/**
 * One model's summary from the run's records (those of other models are skipped), in one pass that
 * keeps running totals and one number per sample, not the records: the source may produce each
 * record on demand (a run's record table), so a 100k-item run is summarised without holding 100k
 * objects. With one epoch every record is its own sample; with more (or clusters), the per-sample
 * figures, the epoch reducers and the clusters keep each record's verdict.
 */
export function summarizeModel(model: { id: string; label: string; simulated: boolean }, records: Iterable<SummaryRecord>, opts: SummaryOptions = {}): ModelSummary {
  const { epochs = 1, level = 0.95, groups } = opts;
  let n = 0;
  let ok = 0;
  let unscored = 0;
  let passed = 0;
  let cached = 0;
  let attempts = 0;
  let costUnknown = false;
  let cost = 0;
  let spent = 0;
  // A replay: model calls nothing: this run paid nothing for it, whatever its answers cost (docs/pricing.md).
  const replay = model.id.startsWith('replay:');
  const tokens: { input: number; output: number; thinking: number; cacheWrite?: number; cacheRead?: number } = { input: 0, output: 0, thinking: 0 };
  let savings: number | null | undefined;
  const errorsByKind: Partial<Record<FailureKind, number>> = {};
  const stopReasons: Record<string, number> = {};
  const scorers = new Map<string, ScorerTally>();
  const labels = labelTally(opts.labelClasses);
  // Not arrays: at 1,000,000 records the two lists and the sort's copy were the summary's peak memory.
  const latencies = percentileList();
  // One per scored record (with one epoch, one per sample), in pages: a list grown by copying leaves
  // every size it passed through to the garbage collector, ~3 times the list at its peak.
  const sampleScores = pagedNumbers((size) => new Float64Array(size));
  const kept: Scored[] = [];
  const judge = judgeTally(level);
  const pairs = pairwiseTally();
  for (const r of records) {
    if (r.model !== model.id) continue;
    n += 1;
    judge.add(r);
    pairs.add(r);
    attempts += r.attempts;
    if (r.cached) cached += 1;
    // Every call that returned usage was billed, scorer errors included.
    if (r.usage !== null) {
      tokens.input += r.usage.inputTokens;
      tokens.output += r.usage.outputTokens;
      tokens.thinking += r.usage.thinkingTokens ?? 0;
      // Prompt caching: present only when some call wrote to or read from the cache.
      if (r.usage.cacheWriteTokens !== undefined) tokens.cacheWrite = (tokens.cacheWrite ?? 0) + r.usage.cacheWriteTokens;
      if (r.usage.cacheReadTokens !== undefined) tokens.cacheRead = (tokens.cacheRead ?? 0) + r.usage.cacheReadTokens;
      if (r.cacheSavingsUsd !== undefined) savings = r.cacheSavingsUsd === null || savings === null ? null : (savings ?? 0) + r.cacheSavingsUsd;
      if (r.costUsd === null) costUnknown = true;
      else { cost += r.costUsd; if (!r.cached && !replay) spent += r.costUsd; }
    }
    if (r.status === 'ok' && r.pass === undefined) {
      // Answered, but no scorer applies (a pairwise reference): neither a pass, a failure nor an error.
      unscored += 1;
      stopReasons[r.stopReason ?? 'none'] = (stopReasons[r.stopReason ?? 'none'] ?? 0) + 1;
      if (r.latencyMs !== null) latencies.push(r.latencyMs);
      continue;
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
    if (epochs === 1) sampleScores.push(r.score ?? 0);
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
  const values = grouped === undefined ? sampleScores : grouped.scores;
  const mean = meanWithSe(values);
  const { ci, method, samples } = grouped?.pass ?? { ci: ok > 0 ? wilson(passed, ok, zCritical(level)) : null, method: 'wilson' as const, samples: ok };
  const ci95 = level === 0.95 ? ci : grouped !== undefined ? passInterval(okKept, 0.95).ci : ok > 0 ? wilson(passed, ok) : null;
  const [p50, p95] = latencies.percentiles([0.5, 0.95]).map((v) => (v === undefined ? null : round(v, 1)));
  return {
    model: model.id,
    label: model.label,
    simulated: model.simulated,
    n,
    passed,
    failed: ok - passed,
    errors: n - ok - unscored,
    errorsByKind,
    passRate: ok > 0 ? round(passed / ok) : null,
    ci: ci === null ? null : [round(ci[0]), round(ci[1])],
    ci95: ci95 === null ? null : [round(ci95[0]), round(ci95[1])],
    ciMethod: method,
    samples,
    meanScore: mean ? round(mean.mean) : null,
    meanScoreSe: mean ? round(mean.se) : null,
    meanScoreCi: scoreInterval(values, level, opts.seed ?? 0),
    tokens,
    costUsd: costUnknown ? null : round(cost, 8),
    ...(savings !== undefined && { cacheSavingsUsd: savings === null ? null : round(savings, 8) }),
    cached,
    spentUsd: replay || model.simulated ? 0 : costUnknown ? null : round(spent, 8),
    ...(model.simulated && { simulatedCostUsd: costUnknown ? null : round(spent, 8) }),
    latencyMs: { p50: p50 ?? null, p95: p95 ?? null },
    stopReasons,
    attempts,
    scorers: scorerSummaries(scorers, reduced),
    epochs: grouped?.epochs ?? null,
    classification: labels.reports(level),
    clustered: groups === undefined ? null : clusteredSummary(groups.field, perSample(kept, groups.of), level),
    judge: judge.totals(),
    ...pairwiseField(pairs.totals(level)),
    ...(unscored > 0 && { unscored }),
  };
}

const pairwiseField = (p: PairwiseScorerSummary[] | undefined) => (p === undefined ? {} : { pairwise: p });
