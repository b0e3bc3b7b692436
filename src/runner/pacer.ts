import { ProviderError } from '../errors.js';
import type { Clock, Completion, LimitWindow, Provider, RateLimits } from '../types.js';
import { minuteLimiter, type MinuteLimiter, type MinuteLimits } from './minute-limits.js';
import { lossWindow, outagePauses } from './congestion.js';
import { requestChars } from '../prompt/content.js';

// Pacing for one provider queue, so a run stays under the API's limits instead of bouncing off them:
// - before a call goes out: if the requests left in the current window (the lowest count the
//   headers showed for it) are all taken by calls already in flight, wait for the window to reset;
// - a token window the headers show as nearly used up pauses new calls until it resets;
// - a 429 is first the business of the call that got it: its retry waits the retry-after (retry.ts).
//   The whole queue pauses only when the 429's anthropic-ratelimit-* headers say a budget is spent
//   (remaining 0), until that window resets. A random 429 (headers showing budget left, or none)
//   slows nothing else;
// - 429s that cluster (a fifth of the queue's recent calls) halve its concurrency (multiplicative
//   decrease, at most once per window of `concurrency` finished calls); each `concurrency` successes
//   in a row add one slot back, up to the configured concurrency (additive increase);
// - while the endpoint cannot be reached (connection refused, reset, cut), the queue pauses, 0.5 s
//   growing to 5 s until a call succeeds (congestion.ts), so new items do not start into an outage;
// - a call waiting out its retry's backoff lends its queue slot to the next item (at most half the
//   slots lent), so a few slow retries do not hold the queue's throughput down;
// - explicit per-minute limits from the spec (requests, input and output tokens) are kept over a
//   sliding minute (minute-limits.ts).

/** Reset times may be rounded to the second: wait a little past them. */
const RESET_MARGIN_MS = 100;

/** What a call holds between acquire and release (its slot in the per-minute window, if any). */
export type Ticket = ReturnType<MinuteLimiter['start']> | undefined;

export interface Pacer {
  /** Returns when a call may go out (a promise if it must wait); waits are cancelled by any of the signals. */
  acquire(signals: readonly AbortSignal[], inputEstimate?: number): Promise<Ticket> | Ticket;
  release(outcome: { readonly ok: true; readonly completion: Completion } | { readonly ok: false; readonly error: unknown }, ticket: Ticket): void;
  concurrency(): number;
  /** Wait out a retry's backoff, lending the caller's queue slot meanwhile; rejects when `signal` aborts. */
  backoff(ms: number, signal: AbortSignal): Promise<void>;
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
  // Calls waiting out a backoff: each lends its slot, so the queue runs limit + lent items.
  let lent = 0;
  const setLimit = (n: number) => {
    if (n === limit) return;
    limit = n;
    successes = 0;
    opts.setConcurrency(n + lent);
  };
  const lend = (d: number) => {
    lent += d;
    opts.setConcurrency(limit + lent);
  };
  // Calls back from a backoff whose lent slot is still busy wait here for a request to finish: with
  // slots lent the queue runs more items than `limit`, but never more than `limit` requests.
  const slotWaiters: (() => void)[] = [];
  const requestSlot = (signal: AbortSignal): Promise<void> | undefined => {
    if (inFlight < limit) return undefined;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = slotWaiters.indexOf(ready);
        if (at >= 0) slotWaiters.splice(at, 1);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const ready = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      slotWaiters.push(ready);
    });
  };
  const pauseUntil = (t: number) => { pausedUntil = Math.max(pausedUntil, t); };
  const outage = outagePauses();
  const losses = lossWindow(Math.max(20, opts.maxConcurrency));
  /** Windows a 429's headers show as spent pause the queue until they reset. */
  const spent = (limits: RateLimits) => {
    const { requests: r, inputTokens, outputTokens } = limits;
    if (r !== undefined && r.remaining <= 0) pauseUntil(r.resetAt + RESET_MARGIN_MS);
    if (inputTokens !== undefined && inputTokens.remaining <= 0) pauseUntil(inputTokens.resetAt);
    if (outputTokens !== undefined && outputTokens.remaining <= 0) pauseUntil(outputTokens.resetAt);
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
    backoff: async (ms, signal) => {
      // At most half the slots lent: against a limit that sends no headers, calls in backoff must not
      // let ever more items start into it; and a queue of concurrency 1 stays one item at a time.
      if (lent >= Math.floor(limit / 2)) return opts.clock.sleep(ms, signal);
      lend(1);
      try {
        await opts.clock.sleep(ms, signal);
        await requestSlot(signal);
      } finally {
        lend(-1);
      }
    },
    acquire: (signals, inputEstimate = 0) => {
      const now = opts.clock.now();
      // The common case returns at once: no promise, no signal to combine.
      return waitMs(now, inputEstimate) === 0 ? enter(now, inputEstimate) : waitThenEnter(AbortSignal.any([...signals]), inputEstimate);
    },
    release: (outcome, ticket) => {
      inFlight -= 1;
      if (inFlight < limit) slotWaiters.shift()?.();
      sinceDecrease += 1;
      if (ticket !== undefined) limiter?.finish(ticket, outcome.ok ? outcome.completion.usage : undefined);
      if (outcome.ok) succeeded(outcome.completion);
      else failed(outcome.error);
    },
  };

  function succeeded(completion: Completion): void {
    outage.succeeded();
    losses.note(false);
    const { limits, usage } = completion;
    if (limits !== undefined) fromHeaders(limits, { input: usage.inputTokens, output: usage.outputTokens });
    successes += 1;
    if (successes >= limit && limit < opts.maxConcurrency) setLimit(limit + 1);
  }

  function failed(e: unknown): void {
    const rateLimited = e instanceof ProviderError && e.kind === 'rate_limit';
    const clustered = losses.note(rateLimited);
    if (e instanceof ProviderError && e.kind === 'connection') {
      const until = outage.failed(opts.clock.now());
      if (until !== undefined) pauseUntil(until);
    }
    // Only a 429 speaks about this account's rate: a 529 is the service being busy for everyone,
    // and is left to the retry backoff.
    if (!rateLimited) return;
    if (e.limits !== undefined) spent(e.limits);
    if (clustered && sinceDecrease >= limit) {
      setLimit(Math.max(1, Math.floor(limit / 2)));
      sinceDecrease = 0;
    }
  }
}

/** The pacer of each paced provider, for the backoff of its items' own calls (lentBackoff). */
const pacerOf = new WeakMap<Provider, Pacer>();

/**
 * How an item's own model call waits out its retries' backoff: through its queue's pacer, which lends
 * the item's slot meanwhile. Undefined for a provider that is not paced. (Judge calls made while an
 * item holds a slot of another queue wait plainly: they have no slot of the judge's queue to lend.)
 */
export function lentBackoff(provider: Provider): Clock['sleep'] | undefined {
  const pacer = pacerOf.get(provider);
  return pacer === undefined ? undefined : (ms, signal) => pacer.backoff(ms, signal ?? new AbortController().signal);
}

/** The provider, with every call (retries included) going through the pacer. */
export function paced(provider: Provider, pacer: Pacer, stopSignal: AbortSignal): Provider {
  const wrapped: Provider = {
    ...provider,
    complete: async (req, signal, item) => {
      const chars = requestChars(req);
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
  pacerOf.set(wrapped, pacer);
  return wrapped;
}
