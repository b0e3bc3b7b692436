import { ProviderError } from '../errors.js';
import type { Clock, FailureKind } from '../types.js';

// The harness owns retries (the SDKs' are off), so every attempt is counted and recorded.

const RETRYABLE: readonly FailureKind[] = ['rate_limit', 'overloaded', 'server', 'timeout', 'connection'];
export const isRetryable = (e: unknown): e is ProviderError => e instanceof ProviderError && RETRYABLE.includes(e.kind);

/** Exponential backoff with jitter (0.5 s, 1 s, 2 s … capped at 30 s), or exactly what the server asked. */
export function backoffMs(retry: number, retryAfterMs: number | undefined, rand: () => number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const base = Math.min(500 * 2 ** retry, 30_000);
  return base * (1 - 0.25 * rand());
}

/** Retries allowed per family of transient error; timeouts and connection errors count as server. */
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
}

const familyOf = (kind: FailureKind): keyof RetryBudgets => (kind === 'rate_limit' || kind === 'overloaded' ? kind : 'server');

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
}

const asProviderError = (e: unknown): ProviderError =>
  e instanceof ProviderError ? e : new ProviderError('unknown', e instanceof Error ? e.message : String(e), undefined, { cause: e });

/** Call `fn` until it succeeds, fails for good, runs out of attempts, or would wait past the budget. */
export async function withRetries<T>(fn: () => Promise<T>, policy: RetryPolicy, deps: RetryDeps): Promise<Attempted<T>> {
  const retries: RetryNote[] = [];
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return { attempts: attempt, retries, result: { ok: true, value: await fn() } };
    } catch (e) {
      const error = deps.signal.aborted ? new ProviderError('aborted', 'run stopped', undefined, { cause: e }) : asProviderError(e);
      const wait = backoffMs(attempt - 1, error.retryAfterMs, deps.rand);
      const family = familyOf(error.kind);
      const familyRetries = retries.filter((r) => familyOf(r.kind) === family).length;
      const overFamily = policy.retryBudgets !== undefined && familyRetries >= policy.retryBudgets[family];
      const retryable = (deps.retryable ?? isRetryable)(error);
      const giveUp = !retryable || attempt >= policy.maxAttempts || overFamily || waited + wait > policy.maxRetryWaitMs;
      if (giveUp) {
        const why = retryable ? ` (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'})` : '';
        return { attempts: attempt, retries, result: { ok: false, error: why === '' ? error : new ProviderError(error.kind, error.message + why, error.retryAfterMs, { cause: error }) } };
      }
      retries.push({ kind: error.kind, waitMs: Math.round(wait) });
      waited += wait;
      try {
        await deps.clock.sleep(wait, deps.signal);
      } catch {
        return { attempts: attempt, retries, result: { ok: false, error: new ProviderError('aborted', 'run stopped during backoff') } };
      }
    }
  }
}
