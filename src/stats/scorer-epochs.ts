import { meanWithSe, wilson } from './intervals.js';
import { zCritical } from './distributions.js';
import type { ScorerEpochs } from './summary-schema.js';

// Per-scorer epoch reducers (issue 4): with k > 1 epochs, each scorer's k verdicts of a sample are
// reduced to one per sample, as the spec asks (`reducer` on the scorer; Inspect's epoch reducers):
// mean (of the values), majority (more than k/2 pass), pass@k (any passes), pass^k (all pass) or
// at least m pass. The scorer's reduced figure is the mean over samples of that per-sample value,
// with a Wilson interval for the pass-type reducers and a CLT one for the mean. Samples short of k
// scored epochs are left out and counted. Pure.

export type EpochReducer =
  | { readonly kind: 'mean' } | { readonly kind: 'majority' } | { readonly kind: 'pass_at_k' } | { readonly kind: 'pass_hat_k' }
  | { readonly kind: 'at_least'; readonly m: number };

/** The spec's form (a name, or {at_least: m}) as a reducer. */
export function epochReducer(r: 'mean' | 'majority' | 'pass_at_k' | 'pass_hat_k' | { readonly at_least: number }): EpochReducer {
  if (typeof r !== 'string') return { kind: 'at_least', m: r.at_least };
  if (r === 'mean') return { kind: 'mean' };
  if (r === 'majority') return { kind: 'majority' };
  return r === 'pass_at_k' ? { kind: 'pass_at_k' } : { kind: 'pass_hat_k' };
}

// The reduced figure's shape is its JSON Schema's (summary-schema.ts), part of summary.json.
export type { ScorerEpochs } from './summary-schema.js';

/** One epoch's verdict of one scorer. */
export interface ScorerVerdict {
  readonly value: number;
  readonly pass: boolean;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function reducerName(r: EpochReducer, k: number): string {
  switch (r.kind) {
    case 'mean': return 'mean';
    case 'majority': return 'majority';
    case 'pass_at_k': return `pass@${k}`;
    case 'pass_hat_k': return `pass^${k}`;
    case 'at_least': return `at least ${r.m} of ${k}`;
  }
}

/** Whether a sample's k verdicts pass the pass-type reducer. */
function passes(r: Exclude<EpochReducer, { kind: 'mean' }>, verdicts: readonly ScorerVerdict[]): boolean {
  const passed = verdicts.filter((v) => v.pass).length;
  const k = verdicts.length;
  if (r.kind === 'majority') return passed * 2 > k;
  if (r.kind === 'pass_at_k') return passed > 0;
  if (r.kind === 'pass_hat_k') return passed === k;
  return passed >= r.m;
}

/** The reduced figure of one scorer over samples (sampleId → its verdicts, one per scored epoch). */
export function reduceScorer(reducer: EpochReducer, bySample: ReadonlyMap<string, readonly ScorerVerdict[]>, k: number, level = 0.95): ScorerEpochs {
  const complete = [...bySample.values()].filter((v) => v.length >= k);
  const base = { reducer: reducerName(reducer, k), k, samples: complete.length, incomplete: bySample.size - complete.length };
  if (complete.length === 0) return { ...base, value: null, ci: null };
  if (reducer.kind === 'mean') {
    const m = meanWithSe(complete.map((v) => v.reduce((s, x) => s + x.value, 0) / v.length));
    const half = zCritical(level) * (m?.se ?? 0);
    return { ...base, value: round(m?.mean ?? 0), ci: m === undefined ? null : [round(m.mean - half), round(m.mean + half)] };
  }
  const count = complete.filter((v) => passes(reducer, v)).length;
  const [lo, hi] = wilson(count, complete.length, zCritical(level));
  return { ...base, value: round(count / complete.length), ci: [round(lo), round(hi)] };
}
