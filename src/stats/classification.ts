import { wilson } from './intervals.js';
import { zCritical } from './distributions.js';
import type { ClassificationReport, ClassMetrics, Confusion, ConfusionMatrix } from './summary-schema.js';

// Classification metrics for label scorers: from (expected, predicted) pairs, a confusion matrix, per-class
// precision / recall / F1, macro-, weighted- and micro-F1, accuracy with its Wilson 95% interval, and the
// most confused pairs. Pure; rates are rounded to 6 dp (as in segments.ts); nothing is ever NaN.
//
// Labels are compared exactly ("Billing" ≠ "billing " ≠ "billing"): normalising them is the scorer's job
// (label.ts), done once before the pairs reach this module, so the figures match the scorer's pass/fail.
//
// A null prediction means no label could be extracted from the output. It is kept as its own column,
// "(none)", never dropped: such an item is wrong, counts against the recall of its expected class, and is
// not a prediction of any class, so it counts against no class's precision. In the data it is apart from
// every label (ConfusionMatrix.unlabelled), so even a real label spelled "(none)" stays distinct; only a
// rendered table would show the two alike.
//
// Zero division follows scikit-learn (zero_division="warn"): a per-class precision, recall or F1 that is
// 0/0 is reported as 0 and flagged in `zeroDivision`. Summary figures are null when there is nothing to
// measure (no items, no averaged class).
//
// How the averages map to scikit-learn (None mapped to a sentinel label outside every list):
// - macroF1 = f1_score(y_true, y_pred, labels=macroClasses, average="macro"). macroClasses are the
//   declared classes and any expected label outside them, less those with F1 = 0/0 (no items and never
//   predicted): the eval cannot measure those, so they are left out rather than averaged in as 0 (as
//   sklearn would if they were passed in `labels`; its default label set, the labels present in y_true or
//   y_pred, leaves them out too). Labels only ever predicted, outside the declared set, are not averaged
//   (sklearn's default would average them in): like "(none)", they are wrong answers, charged to the
//   recall of the true class, so a model's stray wordings cannot multiply the classes it is averaged over.
// - weightedF1 = the same with average="weighted" (support-weighted; the weights sum to every item).
// - micro = labels = every label seen or declared, average="micro": precision = correct / items with a
//   label, recall = correct / items = accuracy, so micro-F1 = 2·correct / (2·items − unlabelled), which
//   equals accuracy when every item has a label.

/** The column of items whose output named no label (a null prediction). */
export const NONE = '(none)';
/** Most confused pairs listed unless told otherwise. */
export const TOP_CONFUSIONS = 5;

export interface LabelPair {
  readonly expected: string;
  /** null: no label could be extracted from the output. */
  readonly predicted: string | null;
  /** Items with this pair (default 1): a run's tallies are passed as counted pairs, not one per item. */
  readonly count?: number;
}

export interface ClassificationOptions {
  /** The declared classes (e.g. the label scorer's `allowed`), in display order; duplicates are ignored. */
  readonly classes?: readonly string[];
  /** How many of the most confused pairs to keep (default TOP_CONFUSIONS). */
  readonly top?: number;
  /** Confidence level of the accuracy's Wilson interval (default 0.95). */
  readonly level?: number;
}

export type ZeroDivision = 'precision' | 'recall' | 'f1';

// The report's shape is its JSON Schema's (summary-schema.ts), part of summary.json.
export type { ClassificationReport, ClassMetrics, Confusion, ConfusionMatrix } from './summary-schema.js';

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : round(a / b));

/** Rows and columns in display order: declared, then outside labels first seen first (expected before predicted). */
function labelOrder(pairs: readonly LabelPair[], declared: readonly string[]): { classes: string[]; columns: string[] } {
  const classes = [...new Set(declared)];
  const known = new Set(classes);
  for (const p of pairs) {
    if (!known.has(p.expected)) { known.add(p.expected); classes.push(p.expected); }
  }
  const columns = [...classes];
  for (const p of pairs) {
    if (p.predicted !== null && !known.has(p.predicted)) { known.add(p.predicted); columns.push(p.predicted); }
  }
  return { classes, columns };
}

/** Counts of (expected, predicted); rows and columns as `labelOrder`, null predictions in `unlabelled`. */
export function confusionMatrix(pairs: readonly LabelPair[], declared: readonly string[] = []): ConfusionMatrix {
  const { classes, columns } = labelOrder(pairs, declared);
  const col = new Map(columns.map((c, j) => [c, j]));
  const counts = classes.map(() => columns.map(() => 0));
  const unlabelled = classes.map(() => 0);
  for (const p of pairs) {
    const i = col.get(p.expected) as number; // every expected label is a class, and classes prefix columns
    const row = p.predicted === null ? unlabelled : (counts[i] as number[]);
    const j = p.predicted === null ? i : (col.get(p.predicted) as number);
    row[j] = (row[j] ?? 0) + (p.count ?? 1);
  }
  return { classes, columns, counts, unlabelled };
}

const rowOf = (m: ConfusionMatrix, i: number): readonly number[] => m.counts[i] ?? [];
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
/** F1 before rounding, so the averages are not sums of rounded terms. */
const rawF1 = (c: ClassMetrics) => (c.support + c.predicted === 0 ? 0 : (2 * c.correct) / (c.support + c.predicted));

function classMetrics(m: ConfusionMatrix, j: number, declared: ReadonlySet<string>): ClassMetrics {
  const label = m.columns[j] as string;
  const inRows = j < m.classes.length;
  const support = inRows ? sum(rowOf(m, j)) + (m.unlabelled[j] ?? 0) : 0;
  const predicted = sum(m.counts.map((row) => row[j] ?? 0));
  const correct = inRows ? (rowOf(m, j)[j] ?? 0) : 0;
  const zeroDivision: ZeroDivision[] = [];
  if (predicted === 0) zeroDivision.push('precision');
  if (support === 0) zeroDivision.push('recall');
  if (predicted + support === 0) zeroDivision.push('f1');
  return {
    label, declared: declared.has(label), support, predicted, correct,
    precision: ratio(correct, predicted) ?? 0,
    recall: ratio(correct, support) ?? 0,
    f1: ratio(2 * correct, support + predicted) ?? 0,
    zeroDivision,
  };
}

/**
 * Off-diagonal cells, "(none)" included, most items first; ties by the expected class's row, then the
 * predicted column ("(none)" last). At most `top`.
 */
export function mostConfused(m: ConfusionMatrix, top = TOP_CONFUSIONS): Confusion[] {
  const cells: { i: number; j: number; expected: string; predicted: string | null; count: number }[] = [];
  m.classes.forEach((expected, i) => {
    rowOf(m, i).forEach((count, j) => {
      if (j !== i && count > 0) cells.push({ i, j, expected, predicted: m.columns[j] as string, count });
    });
    const none = m.unlabelled[i] ?? 0;
    if (none > 0) cells.push({ i, j: m.columns.length, expected, predicted: null, count: none });
  });
  cells.sort((a, b) => b.count - a.count || a.i - b.i || a.j - b.j);
  return cells.slice(0, Math.max(0, top)).map(({ i, expected, predicted, count }) => {
    const support = sum(rowOf(m, i)) + (m.unlabelled[i] ?? 0);
    return { expected, predicted, count, share: round(count / support) };
  });
}

/** Everything above from (expected, predicted) pairs; see the module note for the conventions. */
export function classificationReport(pairs: readonly LabelPair[], opts: ClassificationOptions = {}): ClassificationReport {
  const declared = opts.classes ?? [];
  const matrix = confusionMatrix(pairs, declared);
  const isDeclared = new Set(declared);
  const perClass = matrix.columns.map((_, j) => classMetrics(matrix, j, isDeclared));
  const n = pairs.reduce((s, p) => s + (p.count ?? 1), 0);
  const correct = sum(perClass.map((c) => c.correct));
  const unlabelled = sum(matrix.unlabelled);
  const averaged = perClass.slice(0, matrix.classes.length).filter((c) => !c.zeroDivision.includes('f1'));
  const microP = ratio(correct, n - unlabelled);
  const microR = ratio(correct, n);
  return {
    n, correct, unlabelled,
    accuracy: ratio(correct, n),
    ci: n === 0 ? null : (wilson(correct, n, zCritical(opts.level ?? 0.95)).map(round) as [number, number]),
    matrix, perClass,
    macroClasses: averaged.map((c) => c.label),
    macroF1: ratio(sum(averaged.map(rawF1)), averaged.length),
    weightedF1: ratio(sum(averaged.map((c) => rawF1(c) * c.support)), n),
    micro: { precision: microP, recall: microR, f1: ratio(2 * correct, 2 * n - unlabelled) },
    confusions: mostConfused(matrix, opts.top ?? TOP_CONFUSIONS),
  };
}
