import type { RouteItem } from '../../../src/route/analysis/types.js';

// the 10-item toy cascade. c_S = 1, c_L = 10; the confidence drives both the router
// (as a pre-generation signal) and the cascade (post-generation). Latencies are not part of the toy example: set to
// 100 ms (S) and 1000 ms (L) so latency figures can be checked by hand.
export const SMALL = [1, 1, 1, 0, 1, 0, 0, 1, 0, 0] as const;
export const LARGE = [1, 1, 0, 1, 1, 1, 0, 1, 1, 1] as const;
export const CONF = [0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2] as const;

export function toyItems(overrides: Partial<RouteItem> = {}): RouteItem[] {
  return SMALL.map((qS, i) => ({
    id: `t${i}`, qS, qL: LARGE[i] as number, cS: 1, cL: 10, lS: 100, lL: 1000,
    preSignal: CONF[i] as number, signal: CONF[i] as number, ...overrides,
  }));
}

/** The toy items repeated `times` times, each copy its own cluster when `clustered`. */
export function repeated(times: number, clustered = false): RouteItem[] {
  return Array.from({ length: times }, (_, r) =>
    toyItems().map((it, i) => ({ ...it, id: `r${r}-${i}`, ...(clustered ? { cluster: `c${r}` } : {}) }))).flat();
}

export const dp6 = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Number(x.toFixed(6)));
