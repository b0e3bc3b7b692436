import type { Clock, Completion, CompletionRequest, ItemContext, Json, Provider } from '../types.js';
import type { ProviderError } from '../errors.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import { callCostUsd, type Pricing } from '../pricing/model-price.js';
import { withRetries, type RetryNote } from './retry.js';
import { SAYS_NOTHING_OF_REACH } from './breaker.js';
import type { ResponseCache } from './response-cache.js';

// The one way a run calls a model: one turn of a conversation (the items of the run, the judges of
// model-graded scorers, and later each turn of a multi-turn conversation or a tool loop). A turn is
// looked up in the response cache; on a miss the provider is called with the run's retries and
// retry budgets, and the answer is priced and stored. Pacing is the provider's: the run hands out
// its paced providers (runner/run), so every attempt, retries included, waits at its endpoint's
// pacer. Failures come back as data (ok: false), never thrown: the caller decides what they mean.

/** What every model call of a run needs (RunContext has it all; its providers are the paced ones). */
export interface CallContext {
  /** `run`: maxAttempts, maxRetryWaitMs and the retry budgets. */
  readonly spec: Pick<EvalSpec, 'run'>;
  readonly clock: Clock;
  readonly rand: () => number;
  /** Stops retries and new work (Ctrl-C): a backoff sleep ends at once. */
  readonly stopSignal: AbortSignal;
  /** Cancels calls in flight (after the grace period). */
  readonly abortSignal: AbortSignal;
  /** Answers kept from earlier runs; absent with --no-cache. */
  readonly cache?: ResponseCache;
}

/** One call: the conversation so far (system, messages and settings) to one model. */
export interface Turn {
  readonly provider: Provider;
  readonly model: ModelSpec;
  readonly request: CompletionRequest;
  /** What the provider may know beyond the request (only the simulator reads it); its epoch is in the cache key. */
  readonly item: ItemContext;
  /** What else tells two requests apart in the cache (a judge call: prompt version and sample index). */
  readonly variant?: Json;
  /** Neither looked up in nor stored to the cache (a replay: model's answer is the sample's own field). */
  readonly uncached?: boolean;
  /** How the retries' backoff is waited out (an item's own call lends its queue slot meanwhile); default ctx.clock.sleep. */
  readonly backoff?: Clock['sleep'];
}

/** The assistant's answer to a turn, or why there is none; attempts 0 and cachedAt set for a cached answer. */
export type Generated =
  | {
    readonly ok: true;
    readonly completion: Completion;
    /** Of this answer (list price; the cached call's usage for a cached one); null when the price is unknown, never 0. */
    readonly costUsd: number | null;
    readonly attempts: number;
    readonly retries: readonly RetryNote[];
    readonly cached: boolean;
    /** Set when the answer came from the response cache: when it was first stored. */
    readonly cachedAt: string | undefined;
  }
  | {
    readonly ok: false;
    /** Classified; 'aborted' when the run stopped. */
    readonly error: ProviderError;
    readonly attempts: number;
    readonly retries: readonly RetryNote[];
    readonly cached: false;
    readonly cachedAt: undefined;
  };

export type Answered = Extract<Generated, { ok: true }>;

/** How the turn's answer is priced: the spec's price for the model, else the price table's. */
const pricingOf = (turn: Turn): Pricing => ({ tableModel: turn.provider.pricingModel, price: turn.model.price });

/** The turn's cache key; undefined when it is not cached (no cache, a simulator: free and deterministic; a plug-in: its code may have changed). */
function keyOf(cache: ResponseCache | undefined, turn: Turn): string | undefined {
  if (cache === undefined || turn.provider.simulated || turn.provider.local === true || turn.uncached === true) return undefined;
  return cache.keyFor(turn.provider, turn.model, turn.request, turn.item.epoch, turn.variant);
}

function hitAt(cache: ResponseCache, key: string, turn: Turn): Answered | undefined {
  const hit = cache.get(key);
  if (hit === undefined) return undefined;
  const { completion } = hit;
  return { ok: true, completion, costUsd: callCostUsd(pricingOf(turn), completion.usage), attempts: 0, retries: [], cached: true, cachedAt: hit.cachedAt };
}

/** A turn's answer from the response cache, if it is there (no call is made). */
export function recall(cache: ResponseCache | undefined, turn: Turn): Answered | undefined {
  const key = keyOf(cache, turn);
  return key === undefined || cache === undefined ? undefined : hitAt(cache, key, turn);
}

/**
 * Keep an answer the API gave (errors are never cached) and price it: what a call does once it has
 * its answer. `batch`: a Message Batch result (half price), stored like any other answer.
 */
export function settle(cache: ResponseCache | undefined, turn: Turn, completion: Completion, opts: { readonly batch?: boolean } = {}): number | null {
  const key = keyOf(cache, turn);
  if (key !== undefined) cache?.put(key, turn.model.id, completion);
  return callCostUsd(pricingOf(turn), completion.usage, opts);
}

/** Providers that have answered a call in this process: their endpoint is known to be reachable. */
const answered = new WeakSet<Provider>();

/** One turn: from the cache, or a call with retries, priced and stored. */
export async function generate(ctx: CallContext, turn: Turn): Promise<Generated> {
  const cache = ctx.cache;
  const key = keyOf(cache, turn);
  const hit = key === undefined || cache === undefined ? undefined : hitAt(cache, key, turn);
  if (hit !== undefined) return hit;
  const { provider, request, item } = turn;
  const signal = ctx.abortSignal;
  const clock = turn.backoff === undefined ? ctx.clock : { now: () => ctx.clock.now(), sleep: turn.backoff };
  const call = await withRetries(() => provider.complete(request, signal, item), ctx.spec.run, { clock, rand: ctx.rand, signal: ctx.stopSignal, reached: () => answered.has(provider) });
  // An answer, or an error the endpoint itself sent (an HTTP status), shows it can be reached.
  if (call.result.ok || !SAYS_NOTHING_OF_REACH.has(call.result.error.kind)) answered.add(provider);
  if (!call.result.ok) return { ok: false, error: call.result.error, attempts: call.attempts, retries: call.retries, cached: false, cachedAt: undefined };
  const completion = call.result.value;
  if (key !== undefined) cache?.put(key, turn.model.id, completion);
  return { ok: true, completion, costUsd: callCostUsd(pricingOf(turn), completion.usage), attempts: call.attempts, retries: call.retries, cached: false, cachedAt: undefined };
}
