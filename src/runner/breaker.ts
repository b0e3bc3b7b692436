import type { RunRecord } from '../types.js';

// A circuit breaker: a model whose calls keep failing with the same deterministic error (a 401 from a
// bad key, a 400 from a request the API will never accept) would fail every remaining item the same
// way. After `threshold` such errors in a row from one model, the run stops instead of paying for
// (or waiting on) the rest.

const DETERMINISTIC = new Set(['auth', 'bad_request']);

export interface CircuitBreaker {
  /** The reason to stop, once the breaker trips; undefined while all is well. */
  observe(record: RunRecord): string | undefined;
}

export function circuitBreaker(threshold = 20): CircuitBreaker {
  const streak = new Map<string, { signature: string; count: number }>();
  return {
    observe: (r) => {
      if (r.status === 'ok' || r.error === undefined || !DETERMINISTIC.has(r.error.kind)) {
        streak.delete(r.model);
        return undefined;
      }
      const signature = `${r.error.kind}: ${r.error.message}`;
      const prev = streak.get(r.model);
      const count = prev !== undefined && prev.signature === signature ? prev.count + 1 : 1;
      streak.set(r.model, { signature, count });
      return count >= threshold ? `${r.model}: the same error ${count} times in a row (${signature}); fix it and resume the run` : undefined;
    },
  };
}
