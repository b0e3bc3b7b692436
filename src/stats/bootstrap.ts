import { seededRandom } from '../util/random.js';
import { groupByCluster, type ClusterId } from './clustered.js';
import { percentile } from './intervals.js';
import { mean } from './moments.js';

// Seeded resampling: a percentile bootstrap of the mean and a sign-flip permutation test of a paired
// difference. The same seed always gives the same result; both
// return null for empty input.

export interface BootstrapOptions {
  readonly seed: number;
  /** 0.95 by default. */
  readonly level?: number;
  /** 2000 by default. */
  readonly resamples?: number;
  /** One id per value: resample whole clusters (the mean is then Σ sums / Σ sizes of the drawn clusters). */
  readonly clusters?: readonly ClusterId[];
}

export interface BootstrapCi {
  readonly n: number;
  readonly mean: number;
  readonly level: number;
  /** Percentile interval (type-7 quantiles of the resampled means at (1−level)/2 and 1 − (1−level)/2). */
  readonly ci: readonly [number, number];
  /** SD (ddof 0) of the resampled means, as Inspect's bootstrap_stderr. */
  readonly se: number;
  readonly resamples: number;
  /** Distinct clusters resampled; null when items were resampled. */
  readonly clusters: number | null;
}

export interface PermutationOptions {
  readonly seed: number;
  /** 10000 by default. */
  readonly resamples?: number;
  /** One id per pair: flip the sign of whole clusters together. */
  readonly clusters?: readonly ClusterId[];
}

export interface PermutationTest {
  readonly n: number;
  /** mean(a − b). */
  readonly diff: number;
  /** Two-sided (count + 1)/(resamples + 1), where count = #(|flipped mean| ≥ |observed|); in (0, 1]. */
  readonly p: number;
  readonly count: number;
  readonly resamples: number;
}

function checkResamples(r: number): void {
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`resamples must be a positive integer, got ${r}`);
}

/** Per-unit sums and sizes: one unit per cluster, or one per item when there are no clusters. */
function units(values: readonly number[], clusters: readonly ClusterId[] | undefined): { sums: number[]; sizes: number[] } {
  if (!clusters) return { sums: [...values], sizes: values.map(() => 1) };
  if (clusters.length !== values.length) throw new RangeError(`${values.length} values but ${clusters.length} cluster ids`);
  const groups = groupByCluster(clusters);
  return { sums: groups.map((g) => g.reduce((s, i) => s + (values[i] as number), 0)), sizes: groups.map((g) => g.length) };
}

/** Percentile bootstrap CI of the mean, seeded; resamples whole clusters when clusters are given. */
export function bootstrapMeanCi(values: readonly number[], opts: BootstrapOptions): BootstrapCi | null {
  const { seed, level = 0.95, resamples = 2000, clusters } = opts;
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  checkResamples(resamples);
  if (values.length === 0) return null;
  const { sums, sizes } = units(values, clusters);
  const m = sums.length;
  const rand = seededRandom(seed);
  const means: number[] = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let total = 0;
    let count = 0;
    for (let j = 0; j < m; j++) {
      const u = Math.floor(rand() * m);
      total += sums[u] as number;
      count += sizes[u] as number;
    }
    means[r] = total / count;
  }
  const center = mean(means);
  const se = Math.sqrt(means.reduce((s, v) => s + (v - center) ** 2, 0) / resamples);
  const tail = (1 - level) / 2;
  const ci: [number, number] = [percentile(means, tail) as number, percentile(means, 1 - tail) as number];
  return { n: values.length, mean: mean(values), level, ci, se, resamples, clusters: clusters ? m : null };
}

/** Sign-flip permutation test of the mean paired difference a − b, two-sided, seeded. */
export function pairedPermutationTest(a: readonly number[], b: readonly number[], opts: PermutationOptions): PermutationTest | null {
  const { seed, resamples = 10_000, clusters } = opts;
  checkResamples(resamples);
  if (a.length !== b.length) throw new RangeError(`pairedPermutationTest: ${a.length} scores for A but ${b.length} for B`);
  const n = a.length;
  if (n === 0) return null;
  const d = a.map((x, i) => x - (b[i] as number));
  const { sums } = units(d, clusters);
  const observed = Math.abs(sums.reduce((s, v) => s + v, 0));
  // Flipped sums equal to the observed one in exact arithmetic may differ by rounding: allow for it.
  const tol = 1e-12 * sums.reduce((s, v) => s + Math.abs(v), 0);
  const rand = seededRandom(seed);
  let count = 0;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (const u of sums) s += rand() < 0.5 ? -u : u;
    if (Math.abs(s) >= observed - tol) count++;
  }
  return { n, diff: mean(d), p: (count + 1) / (resamples + 1), count, resamples };
}
