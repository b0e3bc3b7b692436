import { seededRandom } from '../util/random.js';

/** Seeded Fisher–Yates shuffle (optional), then the first `limit` items. Pure. */
export function selectSamples<T>(items: readonly T[], opts: { readonly shuffle: boolean; readonly seed: number; readonly limit?: number }): T[] {
  const out = [...items];
  if (opts.shuffle) {
    const rand = seededRandom(opts.seed);
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
  }
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}

/**
 * selectSamples over the record numbers 0..count-1, in a typed array: the same order for the same
 * options (the same shuffle, draw for draw), at 4 bytes a record instead of three arrays of numbers.
 */
export function selectOrder(count: number, opts: { readonly shuffle: boolean; readonly seed: number; readonly limit?: number }): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = i;
  if (opts.shuffle) {
    const rand = seededRandom(opts.seed);
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = out[i] as number;
      out[i] = out[j] as number;
      out[j] = t;
    }
  }
  return opts.limit === undefined ? out : out.slice(0, limited(count, opts.limit));
}

/** How many of `count` items a `limit` keeps, as Array.prototype.slice(0, limit) takes it. */
function limited(count: number, limit: number | undefined): number {
  if (limit === undefined) return count;
  const l = Math.trunc(limit);
  return l < 0 ? Math.max(0, count + l) : Math.min(l, count);
}

/**
 * selectOrder as a file-backed sample list takes it: unshuffled, the order is the file's and only the
 * count is returned (no 4 bytes a record for the numbers 0, 1, 2, …); shuffled, the record numbers.
 */
export function runOrder(count: number, opts: { readonly shuffle: boolean; readonly seed: number; readonly limit?: number }): Uint32Array | number {
  return opts.shuffle ? selectOrder(count, opts) : limited(count, opts.limit);
}
