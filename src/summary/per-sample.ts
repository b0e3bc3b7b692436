import { isScored } from './scored.js';
import type { ScoreInterval } from './parts-schema.js';
import type { SummaryRecord } from './model-summary.js';
import { passInterval } from './pass-interval.js';
import { summarizeEpochs } from './epochs.js';
import { reduceScorer, type EpochReducer, type ScorerEpochs, type ScorerVerdict } from '../stats/scorer-epochs.js';
import type { ClusteredSample } from '../stats/clustered-summary.js';
import { bootstrapMeanCi } from '../stats/bootstrap.js';
import { meanWithSe, wilson } from '../stats/intervals.js';
import { zCritical } from '../stats/distributions.js';
import { numberAt, type Numbers } from '../util/paged-numbers.js';

// The per-sample side of a model summary (src/summary/model-summary.ts): with epochs or clusters, a model's
// records grouped by sample (average per sample first), and the interval of the
// mean score over samples. Pure.

/** Above this many samples the mean score's interval is the CLT one: a seeded bootstrap of 2,000 resamples would cost seconds, and agrees with it at that size. */
export const BOOTSTRAP_MAX_SAMPLES = 20_000;

/** The mean score's interval over samples (its shape: parts-schema.ts). */
export type { ScoreInterval } from './parts-schema.js';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The interval of the mean of per-sample scores: Wilson when every score is 0 or 1 (a proportion:
 * the better interval, and no resampling), else a seeded percentile bootstrap over samples (CLT above
 * BOOTSTRAP_MAX_SAMPLES); null without values.
 */
export function scoreInterval(values: Numbers, level: number, seed: number): ScoreInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const at = numberAt(values);
  let passed = 0;
  let binary = true;
  for (let i = 0; i < n && binary; i++) {
    const v = at(i);
    if (v === 0 || v === 1) passed += v;
    else binary = false;
  }
  if (binary) {
    const [lo, hi] = wilson(passed, n, zCritical(level));
    return { method: 'wilson', ci: [round(lo), round(hi)], resamples: 0 };
  }
  if (n <= BOOTSTRAP_MAX_SAMPLES) {
    const b = bootstrapMeanCi(Array.from({ length: n }, (_, i) => at(i)), { seed, level, resamples: 2000 });
    if (b !== null) return { method: 'bootstrap', ci: [round(b.ci[0]), round(b.ci[1])], resamples: b.resamples };
  }
  const m = meanWithSe(values);
  const half = zCritical(level) * (m?.se ?? 0);
  return { method: 'clt', ci: [round((m?.mean ?? 0) - half), round((m?.mean ?? 0) + half)], resamples: 0 };
}

/** One scorer's verdicts of each sample across its scored epochs, reduced (summary of k > 1 epochs). */
export function scorerEpochs(name: string, ok: readonly Scored[], epochs: number, reducer: EpochReducer, level: number): ScorerEpochs {
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

export type Scored = Pick<SummaryRecord, 'sampleId' | 'epoch' | 'status' | 'pass' | 'score' | 'scores'>;

/** The per-sample part with epochs: per-sample mean scores, the pass interval over per-sample shares, and the reducers. */
export function perSampleFigures(ok: readonly Scored[], all: readonly Scored[], epochs: number, level: number) {
  const perSample = new Map<string, number[]>();
  for (const r of ok) {
    const list = perSample.get(r.sampleId);
    if (list === undefined) perSample.set(r.sampleId, [r.score ?? 0]);
    else list.push(r.score ?? 0);
  }
  const scores = [...perSample.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length);
  return { scores, pass: passInterval(ok, level), epochs: summarizeEpochs(all, epochs, level) };
}

/** Scored samples: pass share and mean score over their scored epochs, with their cluster. */
export function perSample(kept: readonly Scored[], groupOf: (sampleId: string) => string | undefined): ClusteredSample[] {
  const acc = new Map<string, { pass: number; score: number; n: number }>();
  for (const r of kept) {
    if (!isScored(r)) continue;
    const a = acc.get(r.sampleId) ?? { pass: 0, score: 0, n: 0 };
    a.pass += r.pass === true ? 1 : 0;
    a.score += r.score ?? 0;
    a.n += 1;
    acc.set(r.sampleId, a);
  }
  return [...acc].map(([id, a]) => ({ pass: a.pass / a.n, score: a.score / a.n, group: groupOf(id) ?? id }));
}

