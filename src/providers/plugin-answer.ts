import { FAILURE_KINDS, RETRYABLE_KINDS, type Completion, type CompletionRequest, type ContentBlock, type FailureKind, type ItemContext, type JsonObject, type Provider, type ToolCall } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import { ProviderError } from '../errors.js';
import { describeFailure, errorDetails, type ErrorDetails, type PluginFailure, type PluginResult } from '../plugin/failure.js';
import { kindOfStatus } from './classify.js';

// What a plug-in provider (module: or exec:) gave back → a Completion, or a classified ProviderError
// that the harness retries exactly as it retries its own providers' errors (runner/retry.ts).

const isKind = (k: string | undefined): k is FailureKind => k !== undefined && (FAILURE_KINDS as readonly string[]).includes(k);
const transient = (k: FailureKind) => (RETRYABLE_KINDS as readonly FailureKind[]).includes(k);

/**
 * The kind of a plug-in's error, from what it says about itself: a kind of ours, else an HTTP status,
 * else retryable (server) or not (unknown); `retryable` has the last word either way.
 */
export function pluginErrorKind(d: ErrorDetails): FailureKind {
  let kind: FailureKind = isKind(d.kind) ? d.kind : d.status !== undefined ? kindOfStatus(d.status, undefined) : d.retryable === true ? 'server' : 'unknown';
  if (d.retryable === true && !transient(kind)) kind = 'server';
  if (d.retryable === false && transient(kind)) kind = 'unknown';
  return kind;
}

/** A failed plug-in call as a ProviderError: a time-out is retried like an API's, a crash or nonsense is not. */
export function pluginProviderError(f: PluginFailure): ProviderError {
  const message = describeFailure(f);
  switch (f.kind) {
    case 'timeout': return new ProviderError('timeout', message);
    case 'aborted': return new ProviderError('aborted', message);
    case 'bad_output': return new ProviderError('invalid_output', message);
    case 'threw': return new ProviderError(pluginErrorKind(f.details ?? {}), message, f.details?.retryAfterMs);
    default: return new ProviderError('unknown', message);
  }
}

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A plug-in's tool calls, `[{id?, name, input}]`, checked: a call without a name, or whose input is
 * not an object, is an invalid_output error naming the call. Ids default to call_1, call_2, … and must
 * differ within an answer (the results are matched to the calls by id).
 */
function toolCallsOf(v: unknown, label: string): ToolCall[] {
  if (!Array.isArray(v)) throw new ProviderError('invalid_output', `${label} answered "toolCalls" that is not a list`);
  const calls = v.map((c: unknown, i): ToolCall => {
    const where = `${label} answered tool call ${i + 1}`;
    if (!isObject(c) || typeof c['name'] !== 'string' || c['name'] === '') throw new ProviderError('invalid_output', `${where} without a "name"`);
    const input = c['input'] ?? {};
    if (!isObject(input)) throw new ProviderError('invalid_output', `${where} (${c['name']}) with an "input" that is not an object`);
    const id = c['id'] === undefined ? `call_${i + 1}` : c['id'];
    if (typeof id !== 'string' || id === '') throw new ProviderError('invalid_output', `${where} (${c['name']}) with an "id" that is not a text`);
    return { id, name: c['name'], input: input as JsonObject };
  });
  const ids = calls.map((c) => c.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new ProviderError('invalid_output', `${label} answered two tool calls with the id "${twice}"`);
  return calls;
}

/**
 * A plug-in's answer: {text, toolCalls?, usage?, stopReason?} → Completion, or {error: {message, retryable?, kind?,
 * status?, retryAfterMs?}} → the classified ProviderError, thrown. `latencyMs`: measured by the caller.
 */
export function pluginCompletion(value: unknown, latencyMs: number, label: string): Completion {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProviderError('invalid_output', `${label} answered ${JSON.stringify(value) ?? String(value)}; expected {"text": "..."} or {"error": {...}}`);
  }
  const v = value as Record<string, unknown>;
  if ('error' in v) {
    const e = v['error'];
    const details = errorDetails(e);
    const said = typeof e === 'string' ? e : typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)['message'] === 'string' ? String((e as Record<string, unknown>)['message']) : JSON.stringify(e);
    throw new ProviderError(pluginErrorKind(details), `${label} answered an error: ${said}`, details.retryAfterMs);
  }
  const calls = v['toolCalls'] === undefined ? [] : toolCallsOf(v['toolCalls'], label);
  // An answer that only calls tools may leave its text out.
  if (typeof v['text'] !== 'string' && !(v['text'] === undefined && calls.length > 0)) throw new ProviderError('invalid_output', `${label} answered without a "text" string (keys: ${Object.keys(v).join(', ') || 'none'})`);
  const text = typeof v['text'] === 'string' ? v['text'] : '';
  const usage = isObject(v['usage']) ? v['usage'] : {};
  const content: ContentBlock[] = [...(text === '' ? [] : [{ type: 'text' as const, text }]), ...calls.map((c) => ({ type: 'tool_use' as const, ...c }))];
  return {
    text,
    usage: { inputTokens: count(usage['inputTokens']), outputTokens: count(usage['outputTokens']), thinkingTokens: 0 },
    stopReason: typeof v['stopReason'] === 'string' ? v['stopReason'] : calls.length > 0 ? 'tool_use' : 'end_turn',
    latencyMs: Math.round(latencyMs * 10) / 10,
    ...(calls.length > 0 && { content, toolCalls: calls }),
  };
}

/**
 * A plug-in provider (module: or exec:): `call` runs the plug-in once; its answer becomes a Completion
 * (latency: the result's `ms`, the plug-in's own time) and its failure a classified ProviderError.
 * Local and unpriced: no response cache, no known price.
 */
export function pluginProvider(model: ModelSpec, label: string, call: (req: CompletionRequest, signal: AbortSignal, item: ItemContext) => Promise<PluginResult<unknown>>): Provider {
  return {
    id: model.id,
    queueKey: model.id,
    simulated: false,
    local: true,
    pricingModel: undefined,
    complete: async (req, signal, item) => {
      const got = await call(req, signal, item);
      if (!got.ok) throw pluginProviderError(got.failure);
      return pluginCompletion(got.value, got.ms ?? 0, label);
    },
  };
}
