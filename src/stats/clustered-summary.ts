import { clusteredSe } from './clustered.js';
import { tCritical } from './distributions.js';
import type { ClusteredFigure, ClusteredSummary } from './summary-schema.js';

// A model's pass rate and mean score with clustered intervals, when the dataset names a group field
// (several samples share a unit of randomisation, e.g. questions on one document):
// the Inspect-compatible clustered SE (C/(C−1) correction) and a t interval with C − 1
// degrees of freedom. Values are per sample (pass share and mean score over its scored epochs). Pure.

// Its figures' shape is their JSON Schema's (summary-schema.ts), part of summary.json.
export type { ClusteredFigure, ClusteredSummary } from './summary-schema.js';

/** One scored sample: its pass share, mean score and cluster. */
export interface ClusteredSample {
  readonly pass: number;
  readonly score: number;
  readonly group: string;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function figure(values: readonly number[], groups: readonly string[], clusters: number, level: number, clamp: boolean): ClusteredFigure {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const se = clusteredSe(values, groups) ?? 0;
  if (clusters < 2) return { mean: round(mean), se: round(se), ci: null };
  const half = tCritical(level, clusters - 1) * se;
  const lo = clamp ? Math.max(0, mean - half) : mean - half;
  const hi = clamp ? Math.min(1, mean + half) : mean + half;
  return { mean: round(mean), se: round(se), ci: [round(lo), round(hi)] };
}

/** The clustered figures of one model's scored samples; null when none was scored. */
export function clusteredSummary(field: string, samples: readonly ClusteredSample[], level: number): ClusteredSummary | null {
  if (samples.length === 0) return null;
  const groups = samples.map((s) => s.group);
  const clusters = new Set(groups).size;
  return {
    field,
    clusters,
    df: clusters - 1,
    passRate: figure(samples.map((s) => s.pass), groups, clusters, level, true),
    meanScore: figure(samples.map((s) => s.score), groups, clusters, level, false),
  };
}
