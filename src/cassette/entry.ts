import { createHash } from 'node:crypto';
import type { Completion, CompletionRequest, FailureKind } from '../types.js';
import type { ModelSpec } from '../spec/types.js';
import { canonicalJson } from '../cache/key.js';

// One cassette entry: a model call (an item's, or a judge's) as the provider-neutral request, and what
// each attempt of it got: the answer, or the classified error (a 429, a 500, a timeout…), in order.
// The key is a hash of what decides the answer and of which call of the run it is: the model id, the
// model settings that shape the answer (thinking, effort, temperature), the request (system, turns,
// max tokens, stop sequences, output schema), the sample id and epoch, and for a judge its draw
// (scorer, sample, re-ask round): two samples with the same text are two calls. Nothing of the endpoint is in it (no base URL, no headers, no key): a cassette
// recorded against one endpoint replays with another one, or none.

/** Bumped when what is hashed changes, so an old cassette misses (exit 2) rather than answering wrong. */
export const CASSETTE_VERSION = 1;

export type Attempt =
  | {
      readonly ok: true; readonly text: string; readonly usage: Completion['usage']; readonly stopReason: string | null; readonly latencyMs: number | null;
      /** Token log-probabilities, when the call asked for them (a pairwise judge's logprobs: true). */
      readonly logprobs?: Completion['logprobs'];
    }
  | { readonly ok: false; readonly kind: FailureKind; readonly message: string; readonly retryAfterMs?: number };

export interface CassetteEntry {
  readonly key: string;
  readonly model: string;
  readonly sampleId: string;
  readonly epoch: number;
  /** Judge calls: scorer/draw/round. */
  readonly draw?: string;
  /** The request as sent (provider-neutral; no endpoint, no key). */
  readonly request: Omit<CompletionRequest, 'timeoutMs'>;
  readonly attempts: readonly Attempt[];
}

/** Which call of the run this is: the model, the sample and epoch, and a judge's draw. */
export interface CallId {
  readonly model: ModelSpec;
  readonly sampleId: string;
  readonly epoch: number;
  readonly draw?: string | undefined;
}

/** The request without what does not change the answer (the per-attempt timeout). */
export function requestOf(req: CompletionRequest): CassetteEntry['request'] {
  const { timeoutMs: _timeout, ...rest } = req;
  return rest;
}

export function cassetteKey(call: CallId, req: CompletionRequest): string {
  const m = call.model;
  return createHash('sha256').update(canonicalJson({
    v: CASSETTE_VERSION,
    model: m.id,
    settings: { thinking: m.thinking, effort: m.effort, temperature: m.temperature },
    request: requestOf(req),
    sample: call.sampleId,
    epoch: call.epoch,
    draw: call.draw,
  })).digest('hex');
}

/** An answer as kept: the completion without its rate-limit readings (a replay has no endpoint to pace). */
export const answerOf = (c: Completion): Attempt => ({
  ok: true, text: c.text, usage: c.usage, stopReason: c.stopReason, latencyMs: Number.isFinite(c.latencyMs) ? c.latencyMs : null,
  ...(c.logprobs !== undefined && { logprobs: c.logprobs }),
});

/** "sample T-1 × anthropic:claude-haiku-5-5 (epoch 1)", with the judge's draw when it is one. */
export const describeCall = (e: Pick<CassetteEntry, 'model' | 'sampleId' | 'epoch' | 'draw'>): string =>
  `sample ${e.sampleId} × ${e.model} (epoch ${e.epoch}${e.draw === undefined ? '' : `, judge call ${e.draw}`})`;
