// OpenAI-compatible Chat Completions wire shapes (openai@6 types): the responder contract and pure
// builders for completions, stream chunks and error bodies.
import { chunkText, contentText, estimateTokens, isRecord, limitText } from './text-limits.js';
import { wireLogprobs, type TokenOverride, type WireTokenLogprob } from './openai-logprobs.js';

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls';

export interface OpenAIWireMessage {
  readonly role: string;
  /** `string`, an array of content parts, or `null`, exactly as sent. */
  readonly content: unknown;
}

export interface OpenAIRequest {
  readonly model: string;
  readonly messages: readonly OpenAIWireMessage[];
  /** `max_completion_tokens ?? max_tokens` (`undefined` when neither is set). */
  readonly max_tokens: number | undefined;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface OpenAIReply {
  readonly text: string;
  /** When unset: `length` if max_tokens cut the text, else `stop`. */
  readonly finishReason?: OpenAIFinishReason;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly delayMs?: number;
  /** The model calls these functions (finish_reason tool_calls); arguments given as an object are sent as JSON text. */
  readonly toolCalls?: readonly { readonly name: string; readonly arguments: string | Readonly<Record<string, unknown>>; readonly id?: string }[];
  /** usage.prompt_tokens_details.cached_tokens. */
  readonly cachedTokens?: number;
  /** A refusal: message.refusal set, content null. */
  readonly refusal?: string;
  /** With a request's logprobs: true: the alternatives of chosen tokens (default: every token confident). */
  readonly logprobs?: readonly TokenOverride[];
  /** An endpoint that ignores logprobs: true (logprobs null in the answer). */
  readonly noLogprobs?: boolean;
}

export type OpenAIResponder = (req: OpenAIRequest) => OpenAIReply | Promise<OpenAIReply>;

export interface ResolvedCompletion {
  readonly text: string;
  /** A forced function call (tool_choice {type: function}): its name and arguments (JSON), in place of the text. */
  readonly call: { readonly name: string; readonly arguments: string } | null;
  readonly finishReason: OpenAIFinishReason;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly calls: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
  readonly cachedTokens: number;
  readonly refusal: string | null;
  /** choices[0].logprobs.content, when the request asked (logprobs: true) and the reply does not refuse it. */
  readonly logprobs: readonly WireTokenLogprob[] | null;
}

type JsonObject = { readonly [key: string]: unknown };

export function lastUserContent(messages: readonly OpenAIWireMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return contentText(message.content);
  }
  return '';
}

export const openAIEchoResponder: OpenAIResponder = (req) => ({ text: `echo: ${lastUserContent(req.messages)}` });

export function toOpenAIRequest(body: Readonly<Record<string, unknown>>): OpenAIRequest {
  const messages = Array.isArray(body['messages']) ? body['messages'].filter(isRecord) : [];
  const limit = body['max_completion_tokens'] ?? body['max_tokens'];
  return {
    model: String(body['model']),
    messages: messages.map((m) => ({ role: String(m['role']), content: m['content'] })),
    max_tokens: typeof limit === 'number' ? limit : undefined,
    body,
  };
}

/** The function a forced tool_choice names, or undefined. */
function forcedFunction(body: Readonly<Record<string, unknown>>): string | undefined {
  const choice = body['tool_choice'];
  if (!isRecord(choice) || choice['type'] !== 'function' || !isRecord(choice['function'])) return undefined;
  const name = choice['function']['name'];
  return typeof name === 'string' ? name : undefined;
}

/** What the endpoint returns as logprobs.content: only when asked (logprobs: true), never for a refusal. */
function logprobsFor(reply: OpenAIReply, req: OpenAIRequest, text: string): WireTokenLogprob[] | null {
  if (req.body['logprobs'] !== true || reply.noLogprobs === true || reply.refusal !== undefined) return null;
  const top = typeof req.body['top_logprobs'] === 'number' ? req.body['top_logprobs'] : 0;
  return wireLogprobs(text, top, reply.logprobs);
}

export function resolveCompletion(reply: OpenAIReply, req: OpenAIRequest): ResolvedCompletion {
  const forced = forcedFunction(req.body);
  if (forced !== undefined) {
    // The model's text becomes the call's arguments, as a model forced into a function writes them.
    const promptText = req.messages.map((m) => contentText(m.content)).join('');
    return { text: '', call: { name: forced, arguments: reply.text }, finishReason: 'tool_calls', promptTokens: reply.promptTokens ?? estimateTokens(promptText), completionTokens: reply.completionTokens ?? estimateTokens(reply.text), calls: [], cachedTokens: 0, refusal: null, logprobs: null };
  }
  const stop = req.body['stop'];
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s) => typeof s === 'string') : [];
  const limited =
    reply.finishReason === undefined
      ? limitText({ text: reply.text, tokens: reply.completionTokens, budget: req.max_tokens, stops })
      : { text: reply.text, tokens: reply.completionTokens ?? estimateTokens(reply.text), cut: null };
  const promptText = req.messages.map((m) => contentText(m.content)).join('');
  return {
    text: limited.text,
    call: null,
    finishReason: reply.finishReason ?? (limited.cut === 'max_tokens' ? 'length' : 'stop'),
    promptTokens: reply.promptTokens ?? estimateTokens(promptText),
    completionTokens: limited.tokens,
    calls: (reply.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `call_fake_${i}`, name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) })),
    cachedTokens: reply.cachedTokens ?? 0,
    refusal: reply.refusal ?? null,
    logprobs: logprobsFor(reply, req, limited.text),
    ...(reply.toolCalls !== undefined && reply.toolCalls.length > 0 && reply.finishReason === undefined && { finishReason: 'tool_calls' as const }),
  };
}

export function usageOf(r: ResolvedCompletion): JsonObject {
  return {
    prompt_tokens: r.promptTokens,
    completion_tokens: r.completionTokens,
    total_tokens: r.promptTokens + r.completionTokens,
    ...(r.cachedTokens > 0 && { prompt_tokens_details: { cached_tokens: r.cachedTokens } }),
  };
}

export interface CompletionMeta {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export function buildCompletion(meta: CompletionMeta, r: ResolvedCompletion): JsonObject {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: r.call === null
          ? {
            role: 'assistant', content: r.refusal !== null || (r.text === '' && r.calls.length > 0) ? null : r.text, refusal: r.refusal,
            ...(r.calls.length > 0 && { tool_calls: r.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }),
          }
          : { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: `call_${meta.id.slice(-8)}`, type: 'function', function: { name: r.call.name, arguments: r.call.arguments } }] },
        logprobs: r.logprobs === null ? null : { content: r.logprobs, refusal: null },
        finish_reason: r.finishReason,
      },
    ],
    usage: usageOf(r),
    system_fingerprint: 'fp_fake',
  };
}

const chunk = (meta: CompletionMeta, choices: readonly JsonObject[], usage: JsonObject | null | undefined): JsonObject => ({
  id: meta.id,
  object: 'chat.completion.chunk',
  created: meta.created,
  model: meta.model,
  system_fingerprint: 'fp_fake',
  choices,
  ...(usage === undefined ? {} : { usage }),
});

/** Role chunk, content chunks, finish chunk, then (with include_usage) a usage chunk with no choices. */
export function completionChunks(
  meta: CompletionMeta,
  r: ResolvedCompletion,
  includeUsage: boolean,
): readonly JsonObject[] {
  const usage = includeUsage ? null : undefined;
  const choice = (delta: JsonObject, finish: OpenAIFinishReason | null): JsonObject => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });
  return [
    chunk(meta, [choice({ role: 'assistant', content: '' }, null)], usage),
    ...chunkText(r.text).map((content) => chunk(meta, [choice({ content }, null)], usage)),
    chunk(meta, [choice({}, r.finishReason)], usage),
    ...(includeUsage ? [chunk(meta, [], usageOf(r))] : []),
  ];
}

export function openAIErrorBody(message: string, type: string, code: string | null, param: string | null = null): JsonObject {
  return { error: { message, type, param, code } };
}
