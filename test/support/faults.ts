// Fault injection shared by the fake HTTP servers (fake-anthropic.ts, fake-openai.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { seededRandom } from '../../src/util/random.js';

/** One injected failure. The servers turn each kind into the wire behaviour documented below. */
export type Fault =
  /** An HTTP error response with the provider's error body (and `retry-after` when given). */
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly errorType: string;
      readonly retryAfterSec?: number;
      /** Anthropic: `error.details.error_code`; OpenAI: `error.code`. */
      readonly errorCode?: string;
      readonly message?: string;
    }
  /** HTTP 200, a few stream events, then an in-band error. Non-stream requests get an HTTP overload error. */
  | { readonly kind: 'stream-error'; readonly errorType: 'overloaded_error' }
  /** Destroy the socket without writing a response. */
  | { readonly kind: 'reset' }
  /**
   * HTTP 200 and its headers, part of the answer, then the socket is destroyed: mid-body for a JSON
   * answer (its content-length promised more), mid-stream for SSE (after the first events).
   */
  | { readonly kind: 'cut' }
  /** Never answer; the request is released when the client aborts or the server closes. */
  | { readonly kind: 'hang' }
  /** HTTP 200 with a truncated, invalid body (JSON, or an SSE data line for stream requests). */
  | { readonly kind: 'malformed' };

export type FaultKind = Fault['kind'];

export interface FaultContext {
  /** 0-based index of the request among all requests the server received (same index as `calls`). */
  readonly callIndex: number;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  readonly headers: Readonly<IncomingHttpHeaders>;
}

export type FaultFn = (ctx: FaultContext) => Fault | undefined;

/** mulberry32, the harness's own seeded PRNG (src/util/random.ts). */
export const mulberry32 = seededRandom;

/**
 * Inject one of `faults` in about `rate` (0..1) of calls. The decision for a call depends only on
 * `seed` and `callIndex`, never on how often the function was called, so it is deterministic.
 */
export function faultEvery(rate: number, seed: number, faults: readonly Fault[]): FaultFn {
  if (faults.length === 0) return () => undefined;
  return ({ callIndex }) => {
    const rand = mulberry32((seed ^ Math.imul(callIndex + 1, 0x9e3779b9)) >>> 0);
    if (rand() >= rate) return undefined;
    return faults[Math.floor(rand() * faults.length)];
  };
}

/** Call i gets `list[i]`; calls past the end of the list get no fault. */
export function faultSequence(list: readonly (Fault | undefined)[]): FaultFn {
  return ({ callIndex }) => list[callIndex];
}
