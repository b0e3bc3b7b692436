import type { RunRecord } from '../types.js';

// A circuit breaker: a model whose calls keep failing with the same deterministic error (a 401 from a
// bad key, a 400 from a request the API will never accept) would fail every remaining item the same
// way. After `threshold` such errors in a row from one model, the run stops instead of paying for
// (or waiting on) the rest. "The same error" is the same kind, HTTP status and message once what
// differs from call to call (request ids, uuids, hex, numbers) is taken out.

const DETERMINISTIC = new Set(['auth', 'bad_request']);

/** The message with what varies per call replaced: uuids, ids like req_01ABC…, hex runs, numbers. */
export function normalisedMessage(message: string): string {
  return message
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b[A-Za-z]+_[A-Za-z0-9]*\d[A-Za-z0-9]*\b/g, '<id>')
    .replace(/\b(?:0x)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>')
    .replace(/\d+(?:\.\d+)?/g, '<n>');
}

/** Kind, HTTP status (from the message's "HTTP 401" head) and the normalised message. */
export function errorSignature(error: { readonly kind: string; readonly message: string }): string {
  const status = /^HTTP (\d{3})\b/.exec(error.message)?.[1] ?? '-';
  return `${error.kind}|${status}|${normalisedMessage(error.message)}`;
}

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
      const signature = errorSignature(r.error);
      const prev = streak.get(r.model);
      const count = prev !== undefined && prev.signature === signature ? prev.count + 1 : 1;
      streak.set(r.model, { signature, count });
      return count >= threshold ? `${r.model}: the same error ${count} times in a row (${r.error.kind}: ${r.error.message}); fix it and resume the run` : undefined;
    },
  };
}
