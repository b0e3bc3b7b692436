import { normalCdf, zCritical } from './distributions.js';
import { wilson } from './intervals.js';
import { positiveP } from './p-value.js';

// Cohen's kappa, unweighted and weighted, with the Fleiss–Cohen–Everitt (1969) large-sample SE,
// the null SE for the test of κ = 0, a CI and a z test. Rows are rater 1
// (e.g. the judge), columns rater 2 (e.g. the human). Categories are ordered by index, which is
// what the linear and quadratic weights assume (equally spaced categories).

export type KappaWeighting = 'unweighted' | 'linear' | 'quadratic';

export type KappaResult =
  | {
      readonly defined: true;
      readonly weighting: KappaWeighting;
      readonly n: number;
      /** Observed (weighted) agreement p_o. */
      readonly po: number;
      /** Chance (weighted) agreement p_e. */
      readonly pe: number;
      readonly kappa: number;
      /** FCE (1969) large-sample SE, used for the CI. */
      readonly se: number;
      /** SE under H₀: κ = 0, used for the z test. */
      readonly se0: number;
      readonly ci: readonly [number, number];
      /** κ / se0; null when se0 = 0. */
      readonly z: number | null;
      /** Two-sided p of the z test; null when se0 = 0. */
      readonly p: number | null;
    }
  | {
      readonly defined: false;
      readonly weighting: KappaWeighting;
      readonly n: number;
      readonly po: number | null;
      readonly pe: number | null;
      readonly kappa: null;
      /** Why kappa is undefined: no items, or chance agreement of 1 (all ratings in one category). */
      readonly reason: string;
    };

export type Table = readonly (readonly number[])[];

/** Agreement weights w_ij ∈ [0, 1], w_ii = 1. k = 1 gives [[1]]. */
export function kappaWeights(k: number, weighting: KappaWeighting): number[][] {
  const w = (i: number, j: number): number => {
    if (i === j) return 1;
    if (weighting === 'unweighted') return 0;
    const d = Math.abs(i - j) / (k - 1);
    return weighting === 'linear' ? 1 - d : 1 - d * d;
  };
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => w(i, j)));
}

function checkTable(table: Table): number {
  const k = table.length;
  if (k === 0) throw new RangeError('kappa: the table needs at least one category');
  for (const row of table) {
    if (row.length !== k) throw new RangeError(`kappa: the table must be k×k, got a row of ${row.length} in a ${k}-row table`);
    for (const x of row) if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`kappa: counts must be finite and ≥ 0, got ${x}`);
  }
  return k;
}

const cell = (t: Table, i: number, j: number): number => t[i]?.[j] ?? 0;
const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/** Cohen's kappa (weighted or not) from a k×k count table, with FCE SE, null SE, CI and z test. */
export function cohenKappa(table: Table, weighting: KappaWeighting = 'unweighted', level = 0.95): KappaResult {
  const k = checkTable(table);
  const n = sum(table.map(sum));
  if (n === 0) return { defined: false, weighting, n, po: null, pe: null, kappa: null, reason: 'no items' };
  const w = kappaWeights(k, weighting);
  const idx = [...Array(k).keys()];
  const p = (i: number, j: number) => cell(table, i, j) / n;
  const rows = idx.map((i) => sum(idx.map((j) => p(i, j))));
  const cols = idx.map((j) => sum(idx.map((i) => p(i, j))));
  const wt = (i: number, j: number) => w[i]?.[j] ?? 0;
  const pairs = idx.flatMap((i) => idx.map((j) => [i, j] as const));
  const po = sum(pairs.map(([i, j]) => wt(i, j) * p(i, j)));
  const pe = sum(pairs.map(([i, j]) => wt(i, j) * (rows[i] ?? 0) * (cols[j] ?? 0)));
  if (1 - pe <= 1e-12) {
    const reason = 'chance agreement is 1 (every rating falls in one category): kappa is undefined';
    return { defined: false, weighting, n, po, pe, kappa: null, reason };
  }
  const kappa = (po - pe) / (1 - pe);
  const wRow = idx.map((i) => sum(idx.map((j) => (cols[j] ?? 0) * wt(i, j))));
  const wCol = idx.map((j) => sum(idx.map((i) => (rows[i] ?? 0) * wt(i, j))));
  const bar = (i: number, j: number) => (wRow[i] ?? 0) + (wCol[j] ?? 0);
  const denom = n * (1 - pe) ** 2;
  const a = sum(pairs.map(([i, j]) => p(i, j) * (wt(i, j) - bar(i, j) * (1 - kappa)) ** 2));
  const variance = (a - (kappa - pe * (1 - kappa)) ** 2) / denom;
  const a0 = sum(pairs.map(([i, j]) => (rows[i] ?? 0) * (cols[j] ?? 0) * (wt(i, j) - bar(i, j)) ** 2));
  const variance0 = (a0 - pe * pe) / denom;
  // Both variances are differences of nearly equal sums at perfect agreement: clamp float noise.
  const se = Math.sqrt(Math.max(0, variance));
  const se0 = Math.sqrt(Math.max(0, variance0));
  const half = zCritical(level) * se;
  const z = se0 > 0 ? kappa / se0 : null;
  const pValue = z === null ? null : positiveP(Math.min(1, 2 * normalCdf(-Math.abs(z))));
  return { defined: true, weighting, n, po, pe, kappa, se, se0, ci: [kappa - half, kappa + half], z, p: pValue };
}

/**
 * The k×k confusion matrix of two label lists over an ordered category list: rows are `a`, columns `b`.
 * Throws on lists of different lengths or a label outside the categories (a data error to fix).
 */
export function agreementTable<L>(a: readonly L[], b: readonly L[], categories: readonly L[]): number[][] {
  if (a.length !== b.length) throw new RangeError(`agreementTable: ${a.length} labels against ${b.length}`);
  const index = new Map<L, number>();
  categories.forEach((c, i) => index.set(c, i));
  if (index.size !== categories.length) throw new RangeError('agreementTable: categories must be distinct');
  const at = (label: L): number => {
    const i = index.get(label);
    if (i === undefined) throw new RangeError(`agreementTable: label ${JSON.stringify(label)} is not one of the categories`);
    return i;
  };
  const table = categories.map(() => categories.map(() => 0));
  a.forEach((x, t) => {
    const row = table[at(x)];
    const j = at(b[t] as L);
    if (row !== undefined) row[j] = (row[j] ?? 0) + 1;
  });
  return table;
}

/** Cohen's kappa from two label lists over an ordered category list (see agreementTable). */
export function kappaFromLabels<L>(
  a: readonly L[],
  b: readonly L[],
  categories: readonly L[],
  weighting: KappaWeighting = 'unweighted',
): KappaResult {
  return cohenKappa(agreementTable(a, b, categories), weighting);
}

export interface Accuracy {
  readonly agree: number;
  readonly n: number;
  /** agree / n; null when n = 0. */
  readonly rate: number | null;
  /** Wilson 95% interval; [0, 1] when n = 0. */
  readonly ci: readonly [number, number];
}

/** Exact agreement of two label lists (Object.is equality), with a Wilson interval. */
export function accuracy<L>(a: readonly L[], b: readonly L[]): Accuracy {
  if (a.length !== b.length) throw new RangeError(`accuracy: ${a.length} labels against ${b.length}`);
  const agree = a.filter((x, i) => Object.is(x, b[i])).length;
  const n = a.length;
  return { agree, n, rate: n === 0 ? null : agree / n, ci: wilson(agree, n) };
}
