import { ProviderError } from '../errors.js';
import type { Clock, Completion, LimitWindow, Provider, RateLimits } from '../types.js';
import { minuteLimiter, type MinuteLimiter, type MinuteLimits } from './minute-limits.js';

// Pacing for one provider queue, so a run stays under the API's limits instead of bouncing off them:
// - before a call goes out: if the requests left in the current window (the lowest count the
//   headers showed for it) are all taken by calls already in flight, wait for the window to reset;
// - a token window the headers show as nearly used up pauses new calls until it resets;
// - from a server without rate-limit headers, a 429 halves the queue's concurrency (multiplicative
//   decrease, at most once per window of `concurrency` finished calls); a 429's retry-after
//   pauses every call of the queue, not just the one that got it;
// - while the endpoint cannot be reached (connection refused, reset, cut), the queue pauses: 0.5 s
//   after the first failure, twice as long after each failure past the pause, up to 5 s, until a
//   call succeeds, so an outage is probed, not hammered, and new items do not start into it;
// - each `concurrency` successes in a row add one slot back, up to the configured concurrency
//   (additive increase);
// - explicit per-minute limits from the spec (requests, input and output tokens) are kept over a
//   sliding minute (minute-limits.ts).

/** Reset times may be rounded to the second: wait a little past them. */
const RESET_MARGIN_MS = 100;
/** The first and the longest pause of an outage. */
const OUTAGE_FIRST_MS = 500;
const OUTAGE_MAX_MS = 5_000;

/** What a call holds between acquire and release (its slot in the per-minute window, if any). */
export type Ticket = ReturnType<MinuteLimiter['start']> | undefined;

export interface Pacer {
  /** Returns when a call may go out (a promise if it must wait); waits are cancelled by any of the signals. */
  acquire(signals: readonly AbortSignal[], inputEstimate?: number): Promise<Ticket> | Ticket;
  release(outcome: { readonly ok: true; readonly completion: Completion } | { readonly ok: false; readonly error: unknown }, ticket: Ticket): void;
  concurrency(): number;
}

export interface PacerOptions {
  readonly clock: Clock;
  readonly maxConcurrency: number;
  readonly setConcurrency: (n: number) => void;
  /** Explicit limits from the spec, on top of what the API's headers say. */
  readonly minuteLimits?: MinuteLimits;
}

export function createPacer(opts: PacerOptions): Pacer {
  let pausedUntil = 0;
  let inFlight = 0;
  let requests: LimitWindow | undefined;
  let limit = opts.maxConcurrency;
  let successes = 0;
  // Calls finished since the last decrease: like TCP, one loss per window of `limit` calls halves the
  // concurrency; more losses in the same window (calls that were already out) do not halve it again.
  let sinceDecrease = Number.POSITIVE_INFINITY;
  const setLimit = (n: number) => {
    if (n === limit) return;
    limit = n;
    successes = 0;
    opts.setConcurrency(n);
  };
  const pauseUntil = (t: number) => { pausedUntil = Math.max(pausedUntil, t); };
  // Connection failures in a row (each past the pause the one before set), and the end of that pause.
  let outage = 0;
  let outageUntil = 0;
  const connectionFailed = (now: number) => {
    if (now < outageUntil) return; // a call that was already out when the pause began
    outage += 1;
    outageUntil = now + Math.min(OUTAGE_FIRST_MS * 2 ** (outage - 1), OUTAGE_MAX_MS);
    pauseUntil(outageUntil);
  };

  const fromHeaders = (limits: RateLimits, perCall: { input: number; output: number }) => {
    const { inputTokens, outputTokens } = limits;
    const seen = limits.requests;
    if (seen !== undefined) requests = requests === undefined || requests.resetAt !== seen.resetAt ? seen : { ...requests, remaining: Math.min(requests.remaining, seen.remaining) };
    if (inputTokens !== undefined && inputTokens.remaining < perCall.input * (inFlight + 1)) pauseUntil(inputTokens.resetAt);
    if (outputTokens !== undefined && outputTokens.remaining < perCall.output * (inFlight + 1)) pauseUntil(outputTokens.resetAt);
  };

  const limiter = opts.minuteLimits === undefined ? undefined : minuteLimiter(opts.minuteLimits);

  /** How long a call must wait before it may go out; 0 means now. */
  const waitMs = (now: number, inputEstimate: number): number => {
    if (now < pausedUntil) return pausedUntil - now;
    if (requests !== undefined && now >= requests.resetAt) requests = undefined;
    if (requests !== undefined && requests.remaining - inFlight <= 0) return requests.resetAt - now + RESET_MARGIN_MS;
    return limiter?.waitMs(now, inputEstimate) ?? 0;
  };
  const enter = (now: number, inputEstimate: number): Ticket => {
    inFlight += 1;
    return limiter?.start(now, inputEstimate);
  };
  const waitThenEnter = async (signal: AbortSignal, inputEstimate: number): Promise<Ticket> => {
    for (let w = waitMs(opts.clock.now(), inputEstimate); w > 0; w = waitMs(opts.clock.now(), inputEstimate)) await opts.clock.sleep(w, signal);
    return enter(opts.clock.now(), inputEstimate);
  };

  return {
    concurrency: () => limit,
    acquire: (signals, inputEstimate = 0) => {
      const now = opts.clock.now();
      // The common case returns at once: no promise, no signal to combine.
      return waitMs(now, inputEstimate) === 0 ? enter(now, inputEstimate) : waitThenEnter(AbortSignal.any([...signals]), inputEstimate);
    },
    release: (outcome, ticket) => {
      inFlight -= 1;
      sinceDecrease += 1;
      if (ticket !== undefined) limiter?.finish(ticket, outcome.ok ? outcome.completion.usage : undefined);
      if (outcome.ok) succeeded(outcome.completion);
      else failed(outcome.error);
    },
  };

  function succeeded(completion: Completion): void {
    outage = 0;
    const { limits, usage } = completion;
    if (limits !== undefined) fromHeaders(limits, { input: usage.inputTokens, output: usage.outputTokens });
    successes += 1;
    if (successes >= limit && limit < opts.maxConcurrency) setLimit(limit + 1);
  }

  function failed(e: unknown): void {
    if (e instanceof ProviderError && e.kind === 'connection') connectionFailed(opts.clock.now());
    // Only a 429 speaks about this account's rate: a 529 is the service being busy for everyone,
    // and is left to the retry backoff.
    if (!(e instanceof ProviderError) || e.kind !== 'rate_limit') return;
    // With the API's rate-limit headers in hand the pacing above already keeps under the limit (and the
    // retry-after pause covers the rest); halving is for servers that send no such headers.
    if (requests === undefined && sinceDecrease >= limit) {
      setLimit(Math.max(1, Math.floor(limit / 2)));
      sinceDecrease = 0;
    }
    if (e.kind === 'rate_limit' && e.retryAfterMs !== undefined) pauseUntil(opts.clock.now() + e.retryAfterMs);
  }
}

/** The provider, with every call (retries included) going through the pacer. */
export function paced(provider: Provider, pacer: Pacer, stopSignal: AbortSignal): Provider {
  return {
    ...provider,
    complete: async (req, signal, item) => {
      const chars = (req.system ?? '').length + req.messages.reduce((n, m) => n + m.content.length, 0);
      const ticket = await pacer.acquire([signal, stopSignal], Math.ceil(chars / 4));
      try {
        const completion = await provider.complete(req, signal, item);
        pacer.release({ ok: true, completion }, ticket);
        return completion;
      } catch (error) {
        pacer.release({ ok: false, error }, ticket);
        throw error;
      }
    },
  };
}
