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
