import { ProviderError } from '../errors.js';
import type { Clock, Completion, LimitWindow, Provider, RateLimits } from '../types.js';

// Pacing for one provider queue, so a run stays under the API's limits instead of bouncing off them:
// - before a call goes out: if the requests left in the current window (the lowest count the
//   headers showed for it) are all taken by calls already in flight, wait for the window to reset;
// - a token window the headers show as nearly used up pauses new calls until it resets;
// - a 429 or 529 halves the queue's concurrency (multiplicative decrease), and a 429's retry-after
//   pauses every call of the queue, not just the one that got it;
// - each `concurrency` successes in a row add one slot back, up to the configured concurrency
//   (additive increase).

/** Reset times may be rounded to the second: wait a little past them. */
const RESET_MARGIN_MS = 100;

export interface Pacer {
  /** Resolves when a call may go out; waits are cancelled by any of the signals. */
  acquire(signals: readonly AbortSignal[]): Promise<void> | void;
  release(outcome: { readonly ok: true; readonly completion: Completion } | { readonly ok: false; readonly error: unknown }): void;
  concurrency(): number;
}

export interface PacerOptions {
  readonly clock: Clock;
  readonly maxConcurrency: number;
  readonly setConcurrency: (n: number) => void;
}

export function createPacer(opts: PacerOptions): Pacer {
  let pausedUntil = 0;
  let inFlight = 0;
  let requests: LimitWindow | undefined;
  let limit = opts.maxConcurrency;
  let successes = 0;
  const setLimit = (n: number) => {
    if (n === limit) return;
    limit = n;
    successes = 0;
    opts.setConcurrency(n);
  };
  const pauseUntil = (t: number) => { pausedUntil = Math.max(pausedUntil, t); };

  const fromHeaders = (limits: RateLimits, perCall: { input: number; output: number }) => {
    const { inputTokens, outputTokens } = limits;
    const seen = limits.requests;
    if (seen !== undefined) requests = requests === undefined || requests.resetAt !== seen.resetAt ? seen : { ...requests, remaining: Math.min(requests.remaining, seen.remaining) };
    if (inputTokens !== undefined && inputTokens.remaining < perCall.input * (inFlight + 1)) pauseUntil(inputTokens.resetAt);
    if (outputTokens !== undefined && outputTokens.remaining < perCall.output * (inFlight + 1)) pauseUntil(outputTokens.resetAt);
  };

  const waitThenEnter = async (signal: AbortSignal): Promise<void> => {
    for (;;) {
      const now = opts.clock.now();
      if (now < pausedUntil) await opts.clock.sleep(pausedUntil - now, signal);
      else if (requests !== undefined && now >= requests.resetAt) requests = undefined;
      else if (requests !== undefined && requests.remaining - inFlight <= 0) await opts.clock.sleep(requests.resetAt - now + RESET_MARGIN_MS, signal);
      else break;
    }
    inFlight += 1;
  };

  return {
    concurrency: () => limit,
    acquire: (signals) => {
      const now = opts.clock.now();
      const clear = now >= pausedUntil && (requests === undefined || now >= requests.resetAt || requests.remaining - inFlight > 0);
      if (clear) {
        if (requests !== undefined && now >= requests.resetAt) requests = undefined;
        inFlight += 1;
        return; // the common case: no promise, no signal to combine
      }
      return waitThenEnter(AbortSignal.any([...signals]));
    },
    release: (outcome) => {
      inFlight -= 1;
      if (outcome.ok) {
        const { limits, usage } = outcome.completion;
        if (limits !== undefined) fromHeaders(limits, { input: usage.inputTokens, output: usage.outputTokens });
        successes += 1;
        if (successes >= limit && limit < opts.maxConcurrency) setLimit(limit + 1);
        return;
      }
      const e = outcome.error;
      if (!(e instanceof ProviderError) || (e.kind !== 'rate_limit' && e.kind !== 'overloaded')) return;
      setLimit(Math.max(1, Math.floor(limit / 2)));
      if (e.kind === 'rate_limit' && e.retryAfterMs !== undefined) pauseUntil(opts.clock.now() + e.retryAfterMs);
    },
  };
}

/** The provider, with every call (retries included) going through the pacer. */
export function paced(provider: Provider, pacer: Pacer, stopSignal: AbortSignal): Provider {
  return {
    ...provider,
    complete: async (req, signal, item) => {
      await pacer.acquire([signal, stopSignal]);
      try {
        const completion = await provider.complete(req, signal, item);
        pacer.release({ ok: true, completion });
        return completion;
      } catch (error) {
        pacer.release({ ok: false, error });
        throw error;
      }
    },
  };
}
