import { isScored } from './scored.js';
import type { EpochShare, EpochSummary } from './parts-schema.js';
import type { RunRecord } from '../types.js';
import { wilson } from '../stats/intervals.js';
import { zCritical } from '../stats/distributions.js';
import { passInterval } from './pass-interval.js';

// Epoch reducers of one model's records (issue 4): with k > 1 epochs per sample, how the k verdicts of
// a sample combine (pass@k, pass^k, majority, mean share) and how often they disagree (flaky). Only
// samples with all k epochs scored count: items that ended in error are left out, and a sample short
// of k scored items is left out of every figure and counted in `incomplete`. Pure.

// The summary's shape is its JSON Schema's (parts-schema.ts), part of summary.json.
export type { EpochShare, EpochSummary } from './parts-schema.js';

type EpochRecord = Pick<RunRecord, 'sampleId' | 'epoch' | 'status' | 'pass'>;

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const roundPair = (ci: readonly [number, number] | null) => (ci === null ? null : [round(ci[0]), round(ci[1])] as const);

function share(count: number, n: number, level: number): EpochShare {
  return { count, share: n > 0 ? round(count / n) : null, ci: n > 0 ? roundPair(wilson(count, n, zCritical(level))) : null };
}

/** The epoch reducers of one model's records (all of them that model's); null when k ≤ 1. */
export function summarizeEpochs(records: readonly EpochRecord[], k: number, level = 0.95): EpochSummary | null {
  if (k <= 1) return null;
  // sampleId → epoch → pass, scored items only; a repeated epoch counts once.
  const seen = new Set<string>();
  const scored = new Map<string, Map<number, boolean>>();
  for (const r of records) {
    seen.add(r.sampleId);
    if (!isScored(r)) continue;
    const epochs = scored.get(r.sampleId) ?? new Map<number, boolean>();
    epochs.set(r.epoch, r.pass === true);
    scored.set(r.sampleId, epochs);
  }
  const complete = [...scored].filter(([, e]) => e.size >= k)
    .map(([id, e]) => ({ id, n: e.size, passed: [...e.values()].filter(Boolean).length }));
  const n = complete.length;
  const count = (rule: (s: { n: number; passed: number }) => boolean) => share(complete.filter(rule).length, n, level);
  const ids = new Set(complete.map((s) => s.id));
  const meanCi = passInterval(records.filter((r) => isScored(r) && ids.has(r.sampleId)), level).ci;
  return {
    k,
    samples: n,
    incomplete: seen.size - n,
    passAtK: count((s) => s.passed > 0),
    passHatK: count((s) => s.passed === s.n),
    majority: count((s) => s.passed * 2 > s.n),
    meanShare: { share: n > 0 ? round(complete.reduce((a, s) => a + s.passed / s.n, 0) / n) : null, ci: roundPair(meanCi) },
    flaky: count((s) => s.passed > 0 && s.passed < s.n),
  };
}
