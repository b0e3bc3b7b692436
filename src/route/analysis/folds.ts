import { seededRandom } from '../../util/random.js';
import { unitsOf } from './clusters.js';
import type { RouteItem } from './types.js';

// K-fold assignment for cross-fitting the threshold.
// Folds are grouped by cluster: a cluster never straddles folds, or the held-out fold would leak its
// siblings' answers into the calibration. Deterministic given the seed.

export interface FoldOptions {
  /** Number of folds; 5 by default. Lowered to the number of units when there are fewer. */
  readonly k?: number;
  readonly seed: number;
}

export interface Folds {
  /** Folds actually used: min(k, units). */
  readonly k: number;
  /** Fold index (0-based) of each item, in item order. */
  readonly fold: readonly number[];
}

/** Fisher–Yates shuffle driven by the seeded generator. */
function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Assigns units (clusters, or single items) to folds: shuffle with the seed, then largest unit first
 * (stable, so equal sizes keep the shuffled order) into the fold with the fewest items so far, lowest
 * index on ties. Balances fold sizes even with uneven clusters. Null with fewer than 2 units.
 */
export function assignFolds(items: readonly RouteItem[], opts: FoldOptions): Folds | null {
  const requested = opts.k ?? 5;
  if (!Number.isInteger(requested) || requested < 2) throw new RangeError(`folds: k must be an integer ≥ 2, got ${requested}`);
  const units = unitsOf(items);
  if (units.length < 2) return null;
  const k = Math.min(requested, units.length);
  const order = shuffled(units, seededRandom(opts.seed)).sort((a, b) => b.length - a.length);
  const sizes = new Array<number>(k).fill(0);
  const fold = new Array<number>(items.length).fill(0);
  for (const unit of order) {
    const target = sizes.indexOf(Math.min(...sizes));
    sizes[target] = (sizes[target] as number) + unit.length;
    for (const i of unit) fold[i] = target;
  }
  return { k, fold };
}
