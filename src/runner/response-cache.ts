import type { Clock, Completion, CompletionRequest, Json, Provider } from '../types.js';
import type { ModelSpec } from '../spec/types.js';
import type { CacheStore } from '../cache/store.js';
import { cacheKey } from '../cache/key.js';

// The response cache as the runner sees it. The key holds everything that changes the answer (the
// endpoint and model, the full request including the model options that shape it, the epoch) and
// nothing that does not (concurrency, timeouts, retries, streaming, the model's display id).

export interface CacheHit {
  readonly completion: Completion;
  readonly cachedAt: string;
}

export interface ResponseCache {
  /** `variant`: what else tells two requests apart (a judge call: prompt version and sample index). */
  keyFor(provider: Provider, model: ModelSpec, request: CompletionRequest, epoch: number, variant?: Json): string;
  get(key: string): CacheHit | undefined;
  put(key: string, modelId: string, completion: Completion): void;
}

/** What a stored answer keeps: the completion without the rate-limit readings of its response. */
interface Stored {
  readonly text: string;
  readonly usage: Completion['usage'];
  readonly stopReason: string | null;
  /** null for a batch answer (no latency of its own: NaN in memory, null in JSON). */
  readonly latencyMs: number | null;
  /** Tool calls and the assistant's blocks, when the answer called tools. */
  readonly content?: Completion['content'];
  readonly toolCalls?: Completion['toolCalls'];
  /** Token log-probabilities, when asked for (a pairwise judge's logprobs: true). */
  readonly logprobs?: Completion['logprobs'];
}

function parseStored(value: string): Completion | undefined {
  try {
    const v: unknown = JSON.parse(value);
    if (typeof v !== 'object' || v === null) return undefined;
    const s = v as Partial<Stored>;
    const latency = s.latencyMs === null ? Number.NaN : s.latencyMs;
    if (typeof s.text !== 'string' || typeof latency !== 'number' || typeof s.usage !== 'object' || s.usage === null) return undefined;
    const tools = Array.isArray(s.toolCalls) && Array.isArray(s.content) ? { content: s.content, toolCalls: s.toolCalls } : {};
    const logprobs = Array.isArray(s.logprobs) ? { logprobs: s.logprobs } : {};
    return { text: s.text, usage: s.usage, stopReason: typeof s.stopReason === 'string' ? s.stopReason : null, latencyMs: latency, ...tools, ...logprobs };
  } catch {
    return undefined;
  }
}

/**
 * A store that fails mid-run (disk full, a lock held too long) must not cost the run its answers: the
 * failure is reported once through onError and the item goes on as a miss (get) or unsaved (put).
 */
export function responseCache(store: CacheStore, clock: Pick<Clock, 'now'>, onError: (err: unknown) => void = () => {}): ResponseCache {
  let failed = false;
  const guard = <T>(fn: () => T, fallback: T): T => {
    if (failed) return fallback;
    try {
      return fn();
    } catch (err) {
      failed = true;
      onError(err);
      return fallback;
    }
  };
  return {
    keyFor: (provider, model, request, epoch, variant) => cacheKey({
      // queueKey is provider kind, endpoint and model name: two endpoints never share answers.
      provider: provider.queueKey,
      model: model.model,
      request: {
        system: request.system,
        messages: request.messages,
        maxTokens: request.maxTokens,
        stop: request.stop,
        thinking: model.thinking,
        effort: model.effort,
        temperature: model.temperature,
        // Both absent for the models under test, so their keys are what they always were.
        outputSchema: request.outputSchema,
        // Absent unless a judge asks by tool: existing keys stay as they were.
        outputMode: request.outputMode,
        // Absent without tools or caching marks: existing keys stay as they were.
        tools: request.tools,
        toolChoice: request.toolChoice,
        cachePrefix: request.cachePrefix,
        // Absent unless a judge asks for log-probabilities: existing keys stay as they were.
        logprobs: request.logprobs,
        variant,
      },
      epoch,
    }),
    get: (key) => {
      const entry = guard(() => store.get(key, clock.now()), undefined);
      const stored = entry === undefined ? undefined : parseStored(entry.value);
      // An entry this version cannot read is a miss: the call is made again and overwrites it.
      return stored === undefined || entry === undefined ? undefined : { completion: stored, cachedAt: new Date(entry.createdAt).toISOString() };
    },
    put: (key, modelId, c) => {
      const stored: Stored = { text: c.text, usage: c.usage, stopReason: c.stopReason, latencyMs: c.latencyMs, ...(c.toolCalls !== undefined && { content: c.content, toolCalls: c.toolCalls }), ...(c.logprobs !== undefined && { logprobs: c.logprobs }) };
      guard(() => store.put(key, modelId, JSON.stringify(stored), clock.now()), undefined);
    },
  };
}
