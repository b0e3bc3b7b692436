import type { Pairing } from '../../../src/route/reading/records.js';
import { buildRouteReport, type RouteInput } from '../../../src/route/report/report.js';
import type { RouteReport } from '../../../src/route/report/report-types.js';
import type { RouteItem } from '../../../src/route/analysis/types.js';

// Synthetic paired items with planted structure, and a report built from them, for the route tests.

/**
 * Items enough for planted(n)'s parity to be certified within 0.02 at 95%. The 'easy' half agrees on
 * every item (4 in 5 both right, 1 in 5 both wrong), so its paired SE is 0; its interval is Newcombe's
 * hybrid score interval of that concordant table (stats/paired-proportions): ± 0.036 at n_easy = 80,
 * ± 0.0186 at 160, ± 0.0124 at 240 (test/fixtures/stats/newcombe.py). With 600 items 'easy' holds 300,
 * and each training set of 5-fold cross-fitting about 4/5 of them (≈ 240), so every fold learns easy → S.
 */
export const PARITY_N = 600;

/** n items: 'easy' (even i) where S equals L on every item (parity), 'hard' (odd i) where S fails a third. */
export function planted(n: number): RouteItem[] {
  return Array.from({ length: n }, (_, i) => {
    const hard = i % 2 === 1;
    const qL = i % 10 === 0 ? 0 : 1;
    return {
      id: `i${i}`, qS: hard && i % 3 === 0 ? 0 : qL, qL, cS: 0.001, cL: 0.01, lS: 100, lL: 1000,
      segments: { level: hard ? 'hard' : 'easy', parity: i % 4 < 2 ? 'x' : 'y' },
    };
  });
}

/** The items as a pairing with nothing left out. */
export const pairingOf = (items: readonly RouteItem[]): Pairing => ({
  items, samples: { paired: items.length, errors: 0, unpaired: 0, unscored: 0 }, epochs: { small: 1, large: 1 }, missing: { signal: 0, check: 0, router: 0 },
});

/** A report over the items: simulated Haiku vs Sonnet, segment field 'level', 200 resamples. */
export function reportOf(items: readonly RouteItem[], over: Partial<RouteInput> = {}): RouteReport {
  return buildRouteReport({
    pairing: pairingOf(items), small: { id: 'sim:claude-haiku-5-5', simulated: true }, large: { id: 'sim:claude-sonnet-5-5', simulated: true },
    runs: [{ dir: 'run', runId: 'r1', evalId: 'e' }], quality: 'pass', signal: null, check: null, segmentFields: ['level'],
    tolerance: 0.02, level: 0.95, folds: 5, seed: 1, resamples: 200, ...over,
  });
}
