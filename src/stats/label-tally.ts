import type { ScoreLabel } from '../types.js';
import { classificationReport, type LabelPair } from './classification.js';
import type { LabelClassification } from './summary-schema.js';

// Counts of (expected, predicted) per label scorer, kept while a model's records stream past, and the
// classification report built from them (src/stats/classification.ts). Memory grows with the distinct
// label pairs, not with the items. Labels only ever predicted (stray wordings, free text) beyond the
// MAX_STRAY most frequent are folded into one OTHER_LABEL column, so summary.json stays small even
// when every output is different.

/** Labels only ever predicted (never expected) that keep their own column; the rest are folded. */
export const MAX_STRAY = 10;
export const OTHER_LABEL = '(other label)';

/** One label scorer's classification metrics for one model (its shape: summary-schema.ts). */
export type { LabelClassification } from './summary-schema.js';

export interface LabelTally {
  add(scorer: string, label: ScoreLabel): void;
  reports(level?: number): LabelClassification[];
}

/** `declared`: scorer name → its allowed labels (normalised), when the spec lists them. */
export function labelTally(declared: ReadonlyMap<string, readonly string[]> = new Map()): LabelTally {
  const byScorer = new Map<string, Map<string, Map<string | null, number>>>();
  return {
    add(scorer, label) {
      let rows = byScorer.get(scorer);
      if (rows === undefined) byScorer.set(scorer, (rows = new Map()));
      let row = rows.get(label.expected);
      if (row === undefined) rows.set(label.expected, (row = new Map()));
      row.set(label.predicted, (row.get(label.predicted) ?? 0) + 1);
    },
    reports: (level = 0.95) => [...byScorer].map(([scorer, rows]) => reportOf(scorer, rows, level, declared.get(scorer) ?? [])),
  };
}

/**
 * The classes: the scorer's allowed labels in the spec's order, then expected labels outside them
 * (sorted). A class predicted but never expected is then a class with no items (F1 0, averaged in, as
 * scikit-learn does for a label in y_pred), not a stray wording.
 */
function reportOf(scorer: string, rows: ReadonlyMap<string, ReadonlyMap<string | null, number>>, level: number, declared: readonly string[]): LabelClassification {
  const known = new Set(declared);
  const classes = [...known, ...[...rows.keys()].filter((c) => !known.has(c)).sort()];
  const isClass = new Set(classes);
  const stray = new Map<string, number>();
  for (const row of rows.values()) {
    for (const [p, n] of row) if (p !== null && !isClass.has(p)) stray.set(p, (stray.get(p) ?? 0) + n);
  }
  const kept = new Set([...stray].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_STRAY).map(([p]) => p));
  const name = (p: string | null) => (p === null || isClass.has(p) || kept.has(p) ? p : OTHER_LABEL);
  const pairs: LabelPair[] = [];
  for (const c of classes) {
    for (const [p, count] of rows.get(c) ?? []) pairs.push({ expected: c, predicted: name(p), count });
  }
  return { scorer, report: classificationReport(pairs, { classes, level }), folded: stray.size - kept.size };
}
