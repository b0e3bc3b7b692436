import { clusterCount, clusteredSe, type ClusterId } from './clustered.js';
import { normalCdf, tCdf, tCritical, zCritical } from './distributions.js';
import { correlation, isBinary, mean, sampleVariance } from './moments.js';
import { clampDifference, newcombeIndependentCi, newcombePairedCi, noDifferenceBound, pairedTable } from './paired-proportions.js';
import { positiveP } from './p-value.js';

// Differences between two models' per-sample scores.
//
// Direction: `diff` is always mean(a) − mean(b), so a positive diff means A scored higher. With 0/1
// scores diff = (b − c)/n, where b = #(A right, B wrong) and c = #(A wrong, B right).
// The worked 400-item example is usually reported as B − A = +0.03; here that example gives diff = −0.03 for
// pairedDifference(A, B) and +0.03 for pairedDifference(B, A).)
//
// The interval of diff (one method for one quantity, wherever a paired difference is reported):
// - 0/1 scores without clusters: Newcombe's hybrid score interval for paired proportions (Newcombe 1998,
//   method 10; src/stats/paired-proportions.ts). It stays inside [−1, 1], covers well at small n, exists
//   from n = 1 and is not a point when every pair agrees.
// - other scores: diff ± z·SE (or t with C − 1 df and the clustered SE, for 0/1 scores too when clusters
//   are given). When every score lies in [0, 1] the interval is cut to [−1, 1], and when its SE is 0 (all
//   differences alike, or clusters cancelling) it is widened to diff ± noDifferenceBound(n) instead of
//   collapsing to a point.
//
// Empty input (n = 0) gives null for every statistic; nothing throws and nothing is NaN. With n = 1 the
// means and diff exist but every SE, p and ρ are null (a ddof-1 variance needs n ≥ 2), and so is the CI
// except Newcombe's. With clusters the same holds for fewer than 2 clusters (a t interval with C − 1 = 0
// df does not exist).

export interface DifferenceOptions {
  /** Confidence level of the interval; 0.95 by default. */
  readonly level?: number;
}

export interface PairedOptions extends DifferenceOptions {
  /** One cluster id per sample: clustered SE (Inspect form, C/(C−1)) and a t interval with C − 1 df. */
  readonly clusters?: readonly ClusterId[];
}

export type PairedCiMethod = 'newcombe' | 'z' | 't' | 'no-difference';

export interface PairedDifference {
  readonly n: number;
  readonly meanA: number | null;
  readonly meanB: number | null;
  /** mean(a) − mean(b). */
  readonly diff: number | null;
  /** Sample variance (ddof 1) of d_i = a_i − b_i: the observed ω² for minimumDetectableEffect. */
  readonly varDiff: number | null;
  /** SE of diff from the paired d_i (ddof 1), or the clustered SE of d_i when clusters are given. */
  readonly se: number | null;
  /** What the SE would be if the runs were treated as independent, sqrt(SE_A² + SE_B²), for contrast. */
  readonly seUnpaired: number | null;
  /** Pearson ρ of the per-sample scores; null when n < 2 or either side has zero variance. */
  readonly correlation: number | null;
  readonly level: number;
  /** The interval of diff; how it was built is `ciMethod`. */
  readonly ci: readonly [number, number] | null;
  /** newcombe: hybrid score interval of paired proportions; z / t: diff ± crit·se; no-difference: diff ± noDifferenceBound(n) (SE 0). */
  readonly ciMethod: PairedCiMethod | null;
  /** Two-sided p of diff = 0 with the same z or t reference; null when se is null or 0. */
  readonly p: number | null;
  readonly interval: 'z' | 't';
  /** Degrees of freedom of the t interval (C − 1); null for z. */
  readonly df: number | null;
  /** Number of distinct clusters C; null without clusters. */
  readonly clusters: number | null;
  /** For 0/1 scores only: b = #(A=1, B=0), c = #(A=0, B=1), ready for mcnemar(b, c). */
  readonly discordant: { readonly b: number; readonly c: number } | null;
}

export interface UnpairedDifference {
  readonly nA: number;
  readonly nB: number;
  readonly meanA: number | null;
  readonly meanB: number | null;
  /** mean(a) − mean(b). */
  readonly diff: number | null;
  /** sqrt(SE_A² + SE_B²), each ddof 1; null when either side has n < 2. */
  readonly se: number | null;
  readonly level: number;
  /** Newcombe's hybrid score interval (independent samples, method 10) for 0/1 scores; otherwise diff ± z·se, cut to [−1, 1] for [0, 1] scores. */
  readonly ci: readonly [number, number] | null;
  readonly p: number | null;
}

const seOfMean = (xs: readonly number[]): number => Math.sqrt(sampleVariance(xs) / xs.length);

function zInterval(diff: number, se: number, level: number): { ci: readonly [number, number]; p: number | null } {
  const half = zCritical(level) * se;
  return { ci: [diff - half, diff + half], p: se > 0 ? positiveP(2 * normalCdf(-Math.abs(diff / se))) : null };
}

function discordance(a: readonly number[], b: readonly number[]): { b: number; c: number } | null {
  if (!isBinary(a) || !isBinary(b)) return null;
  let nb = 0;
  let nc = 0;
  a.forEach((x, i) => {
    if (x === 1 && b[i] === 0) nb++;
    else if (x === 0 && b[i] === 1) nc++;
  });
  return { b: nb, c: nc };
}

interface Spread {
  readonly se: number | null;
  readonly seUnpaired: number | null;
  readonly ci: readonly [number, number] | null;
  readonly ciMethod: PairedCiMethod | null;
  readonly p: number | null;
  readonly df: number | null;
}

/** The paired data every spread computation reads. */
interface PairedData {
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** d_i = a_i − b_i. */
  readonly d: readonly number[];
  readonly diff: number;
  readonly level: number;
}

const NO_SPREAD: Spread = { se: null, seUnpaired: null, ci: null, ciMethod: null, p: null, df: null };

const inUnit = (xs: readonly number[]): boolean => xs.every((x) => x >= 0 && x <= 1);

/** A CLT interval made publishable for [0, 1] scores: cut to [−1, 1], or diff ± u(n) when its SE is 0. */
function bounded(data: PairedData, se: number, ci: readonly [number, number], method: 'z' | 't'): Pick<Spread, 'ci' | 'ciMethod'> {
  if (!inUnit(data.a) || !inUnit(data.b)) return { ci, ciMethod: method };
  if (se > 0) return { ci: clampDifference(ci), ciMethod: method };
  const u = noDifferenceBound(data.d.length, data.level);
  return { ci: clampDifference([data.diff - u, data.diff + u]), ciMethod: 'no-difference' };
}

function clusteredSpread(data: PairedData, clusters: readonly ClusterId[]): Spread {
  const { a, b, d, diff, level } = data;
  const c = clusterCount(clusters);
  if (c < 2) return NO_SPREAD;
  const se = clusteredSe(d, clusters) as number;
  const seUnpaired = Math.hypot(clusteredSe(a, clusters) as number, clusteredSe(b, clusters) as number);
  const df = c - 1;
  const half = tCritical(level, df) * se;
  const p = se > 0 ? positiveP(2 * tCdf(-Math.abs(diff / se), df)) : null;
  return { se, seUnpaired, ...bounded(data, se, [diff - half, diff + half], 't'), p, df };
}

function plainSpread(data: PairedData): Spread {
  const { a, b, d, diff, level } = data;
  const binary = isBinary(a) && isBinary(b);
  const newcombe = binary ? newcombePairedCi(pairedTable(a, b), zCritical(level)) : null;
  if (d.length < 2) return { ...NO_SPREAD, ci: newcombe, ciMethod: newcombe === null ? null : 'newcombe' };
  const se = seOfMean(d);
  const z = zInterval(diff, se, level);
  const ci = newcombe === null ? bounded(data, se, z.ci, 'z') : { ci: newcombe, ciMethod: 'newcombe' as const };
  return { se, seUnpaired: Math.hypot(seOfMean(a), seOfMean(b)), ...ci, p: z.p, df: null };
}

/** Paired difference of two models' scores on the same samples, in the same order. */
export function pairedDifference(a: readonly number[], b: readonly number[], opts: PairedOptions = {}): PairedDifference {
  const level = opts.level ?? 0.95;
  zCritical(level); // validates the level even when there is nothing to compute
  const { clusters } = opts;
  if (a.length !== b.length) throw new RangeError(`pairedDifference: ${a.length} scores for A but ${b.length} for B`);
  if (clusters && clusters.length !== a.length) throw new RangeError(`pairedDifference: ${a.length} scores but ${clusters.length} cluster ids`);
  const n = a.length;
  const interval = clusters ? 't' : 'z';
  const nClusters = clusters ? clusterCount(clusters) : null;
  if (n === 0) {
    return { n, meanA: null, meanB: null, diff: null, varDiff: null, se: null, seUnpaired: null, correlation: null,
      level, ci: null, ciMethod: null, p: null, interval, df: null, clusters: nClusters, discordant: null };
  }
  const d = a.map((x, i) => x - (b[i] as number));
  const meanA = mean(a);
  const meanB = mean(b);
  const diff = mean(d);
  const data: PairedData = { a, b, d, diff, level };
  const spread = clusters ? clusteredSpread(data, clusters) : plainSpread(data);
  return {
    n, meanA, meanB, diff, varDiff: n < 2 ? null : sampleVariance(d), ...spread,
    correlation: correlation(a, b), level, interval, clusters: nClusters, discordant: discordance(a, b),
  };
}

/** Difference of two runs that share no samples: SE = sqrt(SE_A² + SE_B²), z interval. */
export function unpairedDifference(a: readonly number[], b: readonly number[], opts: DifferenceOptions = {}): UnpairedDifference {
  const level = opts.level ?? 0.95;
  zCritical(level);
  const nA = a.length;
  const nB = b.length;
  const meanA = nA === 0 ? null : mean(a);
  const meanB = nB === 0 ? null : mean(b);
  const diff = meanA === null || meanB === null ? null : meanA - meanB;
  if (diff === null || nA < 2 || nB < 2) return { nA, nB, meanA, meanB, diff, se: null, level, ci: null, p: null };
  const se = Math.hypot(seOfMean(a), seOfMean(b));
  const z = zInterval(diff, se, level);
  const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
  const ci = isBinary(a) && isBinary(b)
    ? newcombeIndependentCi(sum(a), nA, sum(b), nB, zCritical(level)) ?? z.ci
    : inUnit(a) && inUnit(b) ? clampDifference(z.ci) : z.ci;
  return { nA, nB, meanA, meanB, diff, se, level, ci, p: z.p };
}
