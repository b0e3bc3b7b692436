import { ProviderError } from '../errors.js';
import { RETRYABLE_KINDS, type Clock, type FailureKind } from '../types.js';

// The harness owns retries (the SDKs' are off), so every attempt is counted and recorded.

const RETRYABLE: readonly FailureKind[] = RETRYABLE_KINDS;
export const isRetryable = (e: unknown): e is ProviderError => e instanceof ProviderError && RETRYABLE.includes(e.kind);

/** Exponential backoff with jitter (0.5 s, 1 s, 2 s … capped at 30 s), or exactly what the server asked. */
export function backoffMs(retry: number, retryAfterMs: number | undefined, rand: () => number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const base = Math.min(500 * 2 ** retry, 30_000);
  return base * (1 - 0.25 * rand());
}

/** Retries allowed per family of transient error; timeouts count as server (connection errors: see connectionRetryMs). */
export interface RetryBudgets {
  readonly rate_limit: number;
  readonly overloaded: number;
  readonly server: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly maxRetryWaitMs: number;
  /** Separate caps per family, inside maxAttempts: a 429 storm need not use up the retries a 500 gets. */
  readonly retryBudgets?: RetryBudgets;
  /**
   * How long a call keeps retrying connection failures (refused, reset, cut mid-response), from its
   * first one: an outage is measured in time, not attempts. These retries count against neither
   * maxAttempts, the families nor maxRetryWaitMs. Default 5 minutes once the endpoint has answered in
   * this run; before that, FIRST_CONTACT_RETRY_MS (a wrong base_url should not look like a hang).
   */
  readonly connectionRetryMs?: number;
}

export const DEFAULT_CONNECTION_RETRY_MS = 300_000;
/** The default connection budget of a call to an endpoint that has not answered once in this run. */
export const FIRST_CONTACT_RETRY_MS = 60_000;
/** While the endpoint cannot be reached, it is tried again at least this often. */
const CONNECTION_MAX_WAIT_MS = 5_000;

const familyOf = (kind: FailureKind): keyof RetryBudgets => (kind === 'rate_limit' || kind === 'overloaded' ? kind : 'server');

/** Where a call stands after a failure: what it has spent so far, outside and inside connection failures. */
interface Spent {
  /** Attempts that did not fail on the connection. */
  readonly attempts: number;
  /** Backoff waited for errors other than connection failures. */
  readonly waited: number;
  /** Retries so far, by kind. */
  readonly retries: readonly RetryNote[];
  /** Time since this call's first connection failure (0 when none yet). */
  readonly sinceFirstConnectionFailure: number;
}

/**
 * Whether a retryable error may be retried after `wait`: the pure part of the policy. `reached`: the
 * endpoint has answered in this run (an unset connection budget is then 5 minutes, else 1 minute).
 */
export function mayRetry(error: ProviderError, wait: number, spent: Spent, policy: RetryPolicy, reached = true): boolean {
  if (error.kind === 'connection') return spent.sinceFirstConnectionFailure + wait <= (policy.connectionRetryMs ?? (reached ? DEFAULT_CONNECTION_RETRY_MS : FIRST_CONTACT_RETRY_MS));
  const family = familyOf(error.kind);
  const familyRetries = spent.retries.filter((r) => r.kind !== 'connection' && familyOf(r.kind) === family).length;
  const overFamily = policy.retryBudgets !== undefined && familyRetries >= policy.retryBudgets[family];
  return spent.attempts < policy.maxAttempts && !overFamily && spent.waited + wait <= policy.maxRetryWaitMs;
}

export interface RetryNote {
  readonly kind: FailureKind;
  readonly waitMs: number;
}

export interface Attempted<T> {
  readonly attempts: number;
  readonly retries: readonly RetryNote[];
  readonly result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ProviderError };
}

export interface RetryDeps {
  readonly clock: Clock;
  readonly rand: () => number;
  readonly signal: AbortSignal;
  /** Which errors may be retried (default: isRetryable). A batch create retries only what was surely refused. */
  readonly retryable?: (e: ProviderError) => boolean;
  /** Whether the endpoint has answered in this run, asked at each failure (default: it has). */
  readonly reached?: () => boolean;
}

const asProviderError = (e: unknown): ProviderError =>
  e instanceof ProviderError ? e : new ProviderError('unknown', e instanceof Error ? e.message : String(e), undefined, { cause: e });

/** Call `fn` until it succeeds, fails for good, runs out of attempts, or would wait past the budget. */
export async function withRetries<T>(fn: () => Promise<T>, policy: RetryPolicy, deps: RetryDeps): Promise<Attempted<T>> {
  const retries: RetryNote[] = [];
  let waited = 0;
  let otherAttempts = 0;
  let firstConnectionFailure: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return { attempts: attempt, retries, result: { ok: true, value: await fn() } };
    } catch (e) {
      const error = deps.signal.aborted ? new ProviderError('aborted', 'run stopped', undefined, { cause: e }) : asProviderError(e);
      const connection = error.kind === 'connection';
      if (connection) firstConnectionFailure ??= deps.clock.now();
      else otherAttempts += 1;
      const backoff = backoffMs(attempt - 1, error.retryAfterMs, deps.rand);
      const wait = connection ? Math.min(backoff, CONNECTION_MAX_WAIT_MS) : backoff;
      const spent = { attempts: otherAttempts, waited, retries, sinceFirstConnectionFailure: firstConnectionFailure === undefined ? 0 : deps.clock.now() - firstConnectionFailure };
      const retryable = (deps.retryable ?? isRetryable)(error);
      if (!retryable || !mayRetry(error, wait, spent, policy, deps.reached?.() ?? true)) {
        const why = retryable ? ` (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'})` : '';
        return { attempts: attempt, retries, result: { ok: false, error: why === '' ? error : new ProviderError(error.kind, error.message + why, error.retryAfterMs, { cause: error }) } };
      }
      retries.push({ kind: error.kind, waitMs: Math.round(wait) });
      if (!connection) waited += wait;
      try {
        await deps.clock.sleep(wait, deps.signal);
      } catch {
        return { attempts: attempt, retries, result: { ok: false, error: new ProviderError('aborted', 'run stopped during backoff') } };
      }
    }
  }
}
