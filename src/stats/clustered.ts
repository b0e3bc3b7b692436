// Clustered standard errors of a mean.

export type ClusterId = string | number;

/** Item indices grouped by cluster id, in order of first appearance. */
export function groupByCluster(clusters: readonly ClusterId[]): number[][] {
  const byId = new Map<ClusterId, number[]>();
  clusters.forEach((id, i) => {
    if (typeof id === 'number' && Number.isNaN(id)) throw new RangeError(`cluster id at index ${i} is NaN`);
    const group = byId.get(id);
    if (group) group.push(i);
    else byId.set(id, [i]);
  });
  return [...byId.values()];
}

/** Number of distinct cluster ids. */
export const clusterCount = (clusters: readonly ClusterId[]): number => new Set(clusters).size;

function checkLengths(values: readonly number[], clusters: readonly ClusterId[]): void {
  if (values.length !== clusters.length) {
    throw new RangeError(`clustered SE: ${values.length} values but ${clusters.length} cluster ids`);
  }
}

/** Σ_c (Σ_{i∈c} (s_i − s̄))², the sandwich "meat", with the cluster count. */
function meat(values: readonly number[], clusters: readonly ClusterId[]): { sum: number; count: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const groups = groupByCluster(clusters);
  let sum = 0;
  for (const group of groups) {
    const resid = group.reduce((s, i) => s + (values[i] as number) - mean, 0);
    sum += resid * resid;
  }
  return { sum, count: groups.length };
}

/**
 * Inspect-compatible clustered SE of the mean: sqrt(Σ_c (Σ_{i∈c}(s_i − s̄))² · C/(C−1)) / n
 * (Inspect `stderr(cluster=…)`, equal to statsmodels' OLS cluster-robust SE). 0 for a single cluster,
 * as Inspect returns; null when there are no values.
 */
export function clusteredSe(values: readonly number[], clusters: readonly ClusterId[]): number | null {
  checkLengths(values, clusters);
  const n = values.length;
  if (n === 0) return null;
  const { sum, count } = meat(values, clusters);
  if (count < 2) return 0;
  return Math.sqrt((sum * count) / (count - 1)) / n;
}

/** Miller's Appendix A form, without the finite-cluster correction: sqrt(Σ_c (Σ_{i∈c}(s_i − s̄))²) / n. Null when empty. */
export function clusteredSePaper(values: readonly number[], clusters: readonly ClusterId[]): number | null {
  checkLengths(values, clusters);
  const n = values.length;
  if (n === 0) return null;
  return Math.sqrt(meat(values, clusters).sum) / n;
}
