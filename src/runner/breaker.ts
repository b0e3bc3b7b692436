import type { RunRecord } from '../types.js';

// A circuit breaker: a model whose calls keep failing with the same deterministic error (a 401 from a
// bad key, a 400 from a request the API will never accept) would fail every remaining item the same
// way. After `threshold` such errors in a row from one model, the run stops instead of paying for
// (or waiting on) the rest. "The same error" is the same kind, HTTP status and message once what
// differs from call to call (request ids, uuids, hex, numbers) is taken out.
//
// An endpoint that cannot be reached (a wrong base_url, no network) is not deterministic: an outage
// passes, and each call already retried it for run.connection_retry_ms before its item ended in a
// connection error. But a model whose items keep ending that way would wait out that window on every
// remaining item. So connection errors trip the breaker too, whatever their messages, once
// `threshold` of them came in a row from one model AND the streak has lasted CONNECTION_STREAK_MS:
// a short outage under a short retry window (items ending in error for a few seconds) does not stop
// the run.

//
// With the default connection budget, a call to an endpoint that has not answered once in the run
// retries for a minute only (runner/retry.ts), and once NEVER_ANSWERED items of a model have ended that
// way with nothing from the endpoint in between, the run stops: a wrong base_url or a server that is
// not running stops a run in about a minute, not six.

const DETERMINISTIC = new Set(['auth', 'bad_request']);
/** Items of a model that never reached its endpoint, each after a minute of retries, before the run stops. */
export const NEVER_ANSWERED = 3;
/** Failures that say nothing of whether the endpoint can be reached; any other answer or error shows it can. */
export const SAYS_NOTHING_OF_REACH: ReadonlySet<string> = new Set(['connection', 'timeout', 'aborted', 'unknown']);
/** How long a model's items must keep ending in connection errors, with no success, before the run stops. */
export const CONNECTION_STREAK_MS = 60_000;

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

/**
 * `now`: the run's clock (tests pass a fake one). `firstContact`: the run uses the default connection
 * budget, so a model whose endpoint never answered stops the run after NEVER_ANSWERED items.
 */
export function circuitBreaker(threshold = 20, now: () => number = Date.now, opts: { readonly firstContact?: boolean } = {}): CircuitBreaker {
  const streak = new Map<string, { signature: string; count: number }>();
  const unreachable = new Map<string, { since: number; count: number }>();
  /** Models whose endpoint has answered (a success, or an error it sent). */
  const reached = new Set<string>();
  return {
    observe: (r) => {
      if (r.status === 'error' && r.error?.kind === 'connection') {
        streak.delete(r.model);
        const prev = unreachable.get(r.model);
        const run = { since: prev?.since ?? now(), count: (prev?.count ?? 0) + 1 };
        unreachable.set(r.model, run);
        const lasted = now() - run.since;
        if (opts.firstContact === true && !reached.has(r.model) && run.count >= NEVER_ANSWERED) {
          return `${r.model}: the endpoint has not answered once: ${run.count} items could not reach it, each after retrying for a minute (${r.error.message}); check base_url, the network and that the server is running, then resume the run (for a server that takes longer to start, set run.connection_retry_ms)`;
        }
        return run.count >= threshold && lasted >= CONNECTION_STREAK_MS
          ? `${r.model}: ${run.count} items in a row could not reach the endpoint over ${Math.round(lasted / 1000)} s, each after retrying for run.connection_retry_ms (${r.error.message}); check base_url and the network, then resume the run`
          : undefined;
      }
      unreachable.delete(r.model);
      if (r.status === 'ok' || (r.error !== undefined && !SAYS_NOTHING_OF_REACH.has(r.error.kind))) reached.add(r.model);
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
