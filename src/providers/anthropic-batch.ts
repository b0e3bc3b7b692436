import type Anthropic from '@anthropic-ai/sdk';
import type { BatchApi, BatchResult, FailureKind } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import { buildParams, toCompletion, toProviderError, type AnthropicClient } from './anthropic.js';
import { kindOfStatus, withoutSecret } from './classify.js';

// The Message Batches API through @anthropic-ai/sdk: create, retrieve, results.
// Results come in any order and are matched on custom_id by the caller. A batch item has no latency of
// its own (the API processes the batch as it likes), so its completion carries latencyMs NaN.

/** error.type of an errored result → FailureKind (the status is not given per result). */
function kindOfResultError(type: string | undefined): FailureKind {
  if (type === 'invalid_request_error' || type === 'not_found_error' || type === 'request_too_large') return 'bad_request';
  return kindOfStatus(undefined, type);
}

export function toBatchResult(r: Anthropic.Messages.MessageBatchIndividualResponse): BatchResult {
  const res = r.result;
  switch (res.type) {
    case 'succeeded':
      try {
        return { customId: r.custom_id, ok: true, completion: toCompletion(res.message, Number.NaN) };
      } catch (err) {
        return { customId: r.custom_id, ok: false, kind: 'server', message: err instanceof Error ? err.message : String(err) };
      }
    case 'errored': {
      const inner = (res.error as { error?: { type?: string; message?: string } } | undefined)?.error;
      return { customId: r.custom_id, ok: false, kind: kindOfResultError(inner?.type), message: `batch request errored: ${inner?.type ?? 'error'}: ${inner?.message ?? 'no message'}` };
    }
    case 'canceled':
      return { customId: r.custom_id, ok: false, kind: 'aborted', message: 'batch request canceled before it was processed' };
    case 'expired':
      return { customId: r.custom_id, ok: false, kind: 'expired', message: 'batch request expired: the batch did not reach it within 24 hours' };
    default:
      return { customId: r.custom_id, ok: false, kind: 'unknown', message: `unknown batch result type ${String((res as { type?: unknown }).type)}` };
  }
}

/** `clientOf`: the model's SDK client (made, and the SDK loaded, on the first call). */
export function anthropicBatchApi(clientOf: () => Promise<AnthropicClient>, model: ModelSpec, apiKey: string): BatchApi {
  const guard = async <T>(fn: (client: Anthropic) => Promise<T>): Promise<T> => {
    const { sdk, client } = await clientOf();
    try {
      return await fn(client);
    } catch (err) {
      throw withoutSecret(toProviderError(sdk, err), apiKey);
    }
  };
  return {
    maxRequests: 100_000,
    create: (requests, signal) => guard(async (client) => {
      const batch = await client.messages.batches.create({
        requests: requests.map((r) => ({ custom_id: r.customId, params: buildParams(model, r.request) })),
      }, { signal, maxRetries: 0 });
      return { id: batch.id };
    }),
    retrieve: (id, signal) => guard(async (client) => {
      const b = await client.messages.batches.retrieve(id, {}, { signal, maxRetries: 0 });
      return { id: b.id, ended: b.processing_status === 'ended', status: b.processing_status, counts: b.request_counts };
    }),
    results: (id, signal) => ({
      [Symbol.asyncIterator]: async function* () {
        const { sdk } = await clientOf();
        const stream = await guard((client) => client.messages.batches.results(id, {}, { signal, maxRetries: 0 }));
        try {
          for await (const r of stream) yield toBatchResult(r);
        } catch (err) {
          throw withoutSecret(toProviderError(sdk, err), apiKey);
        }
      },
    }),
  };
}
