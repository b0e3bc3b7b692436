import type { Completion, CompletionRequest, ItemContext, Provider } from '../types.js';
import { ProviderError } from '../errors.js';
import type { ModelSpec } from '../spec/types.js';
import { pricingModelOf } from '../providers/create.js';
import { providerDefinition } from '../providers/registry.js';
import { answerOf, cassetteKey, describeCall, requestOf, type CallId } from './entry.js';
import type { Cassette } from './store.js';

// Cassettes at the provider seam: `--record` wraps each provider so every attempt of every model call
// (the items' and the judges') is kept with its answer or its classified error; `--replay` answers
// from the cassette with a provider that has no client at all (no key read, no socket opened). The
// provider seam is the one every kind shares (anthropic, openai, the simulator), it sees the
// provider-neutral request and never a header or a key, and it lies under the runner's retries,
// pacing, pricing and scoring, which run on a replay exactly as they did when it was recorded.

const callOf = (model: ModelSpec, item: ItemContext): CallId => ({ model, sampleId: item.sample.id, epoch: item.epoch, draw: item.judge?.draw });

/** The provider, with each attempt written to the cassette (an attempt cut off by a stop is not an answer: not kept). */
export function recordingProvider(inner: Provider, model: ModelSpec, tape: Cassette): Provider {
  return {
    ...inner,
    complete: async (req, signal, item) => {
      const call = callOf(model, item);
      const entry = { key: cassetteKey(call, req), model: model.id, sampleId: call.sampleId, epoch: call.epoch, ...(call.draw !== undefined && { draw: call.draw }), request: requestOf(req) };
      try {
        const completion = await inner.complete(req, signal, item);
        tape.put(entry, answerOf(completion));
        return completion;
      } catch (err) {
        if (err instanceof ProviderError && err.kind !== 'aborted') tape.put(entry, { ok: false, kind: err.kind, message: err.message, ...(err.retryAfterMs !== undefined && { retryAfterMs: err.retryAfterMs }) });
        throw err;
      }
    },
  };
}

/** A call the cassette has no entry for: which, and where it was looked for. */
export interface Miss {
  readonly call: string;
  readonly file: string;
}

/**
 * A provider that answers from the cassette: the n-th attempt of a call gets the n-th recorded
 * attempt (the last one again past the end). Recorded errors come back as the same classified
 * errors with the retry-after they had, so the runner retries them as it did when recording. A call
 * the cassette lacks is reported to onMiss (the command stops and exits 2) and fails as bad_request.
 */
export function replayingProvider(model: ModelSpec, tape: Cassette, onMiss: (miss: Miss) => void): Provider {
  const def = providerDefinition(model.provider);
  const served = new Map<string, number>();
  return {
    id: model.id,
    queueKey: `cassette:${model.id}`,
    simulated: def.simulated,
    pricingModel: pricingModelOf(model),
    complete: (req: CompletionRequest, _signal: AbortSignal, item: ItemContext): Promise<Completion> => {
      const call = callOf(model, item);
      const key = cassetteKey(call, req);
      const entry = tape.get(key);
      const last = entry?.attempts.at(-1);
      if (entry === undefined || last === undefined) {
        const what = describeCall({ model: model.id, sampleId: call.sampleId, epoch: call.epoch, draw: call.draw });
        onMiss({ call: what, file: tape.file });
        return Promise.reject(new ProviderError('bad_request', `no cassette entry for ${what} in ${tape.file} (the request differs from the recorded one, or it was never recorded)`));
      }
      const n = served.get(key) ?? 0;
      served.set(key, n + 1);
      const a = entry.attempts[n] ?? last;
      if (!a.ok) return Promise.reject(new ProviderError(a.kind, a.message, a.retryAfterMs));
      return Promise.resolve({ text: a.text, usage: a.usage, stopReason: a.stopReason, latencyMs: a.latencyMs ?? Number.NaN, ...(Array.isArray(a.logprobs) && { logprobs: a.logprobs }) });
    },
  };
}
