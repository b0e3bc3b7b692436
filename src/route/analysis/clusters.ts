import { groupByCluster } from '../../stats/clustered.js';
import type { RouteItem } from './types.js';

// Units of resampling and of fold assignment. When any item names a cluster, every item is placed in one:
// its own, or, lacking one, a singleton cluster of its own (an id no real cluster can take).

/** One cluster id per item, or undefined when no item names a cluster (items are then independent). */
export function clusterIds(items: readonly RouteItem[]): string[] | undefined {
  if (!items.some((it) => it.cluster !== undefined)) return undefined;
  return items.map((it, i) => it.cluster ?? `\u0000item:${i}`);
}

/** Item indices grouped into units (clusters, or one unit per item), in order of first appearance. */
export function unitsOf(items: readonly RouteItem[]): number[][] {
  const ids = clusterIds(items);
  return ids === undefined ? items.map((_, i) => [i]) : groupByCluster(ids);
}
