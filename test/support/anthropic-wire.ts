// Anthropic Messages API wire shapes (API version 2026-10-21, SDK 1.12 types): the responder
// contract, and pure builders for Message objects, usage and error bodies.
import { contentText, estimateTokens, isRecord, limitText } from './text-limits.js';

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'tool_use';

export interface WireMessage {
  readonly role: string;
  /** `string` or an array of content blocks, exactly as sent. */
  readonly content: unknown;
}

export interface AnthropicRequest {
  readonly model: string;
  /** Top-level system prompt flattened to text (`undefined` when absent). */
  readonly system: string | undefined;
  readonly messages: readonly WireMessage[];
  readonly max_tokens: number;
  /** The whole parsed request body. */
  readonly body: Readonly<Record<string, unknown>>;
}

export interface AnthropicReply {
  readonly text: string;
  /** When set, the response content is `[thinking block (with signature), text block]`. */
  readonly thinking?: string;
  /** When unset: `stop_sequence` / `max_tokens` if the request's limits cut the text, else `end_turn`. */
  readonly stopReason?: AnthropicStopReason;
  readonly inputTokens?: number;
  /** Tokens of the text only; reported `output_tokens` = this + thinking tokens. Default ceil(chars/4). */
  readonly outputTokens?: number;
  readonly thinkingTokens?: number;
  /** Wait this long before answering (cut short when the client aborts or the server closes). */
  readonly delayMs?: number;
  /**
   * With forced tool use in the request (tool_choice any/tool): the tool's input. Default: `text`
   * parsed as a JSON object, else {} (the API always answers a forced call with an object).
   */
  readonly toolInput?: Readonly<Record<string, unknown>>;
  /**
   * The model calls these tools (the request must declare them): tool_use blocks after the text (if
   * any), stop_reason tool_use. Parallel calls: several. ids default to toolu_<message>_<n>.
   */
  readonly toolCalls?: readonly { readonly name: string; readonly input: Readonly<Record<string, unknown>>; readonly id?: string }[];
  /** Prompt caching: input tokens written to / read from the cache (reported apart from input_tokens). */
  readonly cacheWriteTokens?: number;
  readonly cacheReadTokens?: number;
}

export type AnthropicResponder = (req: AnthropicRequest) => AnthropicReply | Promise<AnthropicReply>;

/** Everything needed to write one response, stream or not. */
export interface ResolvedReply {
  readonly text: string;
  readonly thinking: string | null;
  readonly signature: string;
  readonly stopReason: AnthropicStopReason;
  readonly stopSequence: string | null;
  readonly inputTokens: number;
  /** Total output tokens, thinking included. */
  readonly outputTokens: number;
  readonly thinkingTokens: number;
  /** Forced tool use: the one tool_use block that replaces the text. */
  readonly tool: { readonly id: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> } | null;
  /** Tool calls the reply makes, after its text. */
  readonly calls: readonly { readonly id: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> }[];
  readonly cacheWriteTokens: number;
  readonly cacheReadTokens: number;
}

type JsonObject = { readonly [key: string]: unknown };

export function lastUserText(messages: readonly WireMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return contentText(message.content);
  }
  return '';
}

export const echoResponder: AnthropicResponder = (req) => ({ text: `echo: ${lastUserText(req.messages)}` });

export function systemText(system: unknown): string | undefined {
  if (system === undefined || system === null) return undefined;
  return contentText(system);
}

export function toWireMessages(messages: unknown): readonly WireMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.filter(isRecord).map((m) => ({ role: String(m['role']), content: m['content'] }));
}

/** The fake tokenizer over the system prompt and every message's text. */
export function countInputTokens(system: string | undefined, messages: readonly WireMessage[]): number {
  const texts = [system ?? '', ...messages.map((m) => contentText(m.content))];
  return estimateTokens(texts.join(''));
}

const asObject = (text: string): Readonly<Record<string, unknown>> | undefined => {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The tool a forced tool_choice names (type tool: its name; type any: the first tool), or undefined. */
export function forcedTool(body: Readonly<Record<string, unknown>>): string | undefined {
  const choice = body['tool_choice'] as { type?: unknown; name?: unknown } | undefined;
  const tools = Array.isArray(body['tools']) ? (body['tools'] as { name?: unknown }[]) : [];
  if (choice?.type === 'tool' && typeof choice.name === 'string') return choice.name;
  if (choice?.type === 'any' && typeof tools[0]?.name === 'string') return tools[0].name;
  return undefined;
}

export function resolveReply(reply: AnthropicReply, req: AnthropicRequest, id: string): ResolvedReply {
  const forced = forcedTool(req.body);
  if (forced !== undefined) {
    const input = reply.toolInput ?? asObject(reply.text) ?? {};
    return {
      text: '', thinking: null, signature: '', stopReason: 'tool_use', stopSequence: null,
      inputTokens: reply.inputTokens ?? countInputTokens(req.system, req.messages),
      outputTokens: reply.outputTokens ?? estimateTokens(JSON.stringify(input)), thinkingTokens: 0,
      tool: { id: `toolu_${id.slice(-12)}`, name: forced, input }, calls: [], cacheWriteTokens: 0, cacheReadTokens: 0,
    };
  }
  const thinking = reply.thinking ?? null;
  const thinkingTokens = thinking === null ? 0 : (reply.thinkingTokens ?? estimateTokens(thinking));
  const stops = Array.isArray(req.body['stop_sequences'])
    ? req.body['stop_sequences'].filter((s): s is string => typeof s === 'string')
    : [];
  const limited =
    reply.stopReason === undefined
      ? limitText({ text: reply.text, tokens: reply.outputTokens, budget: req.max_tokens - thinkingTokens, stops })
      : { text: reply.text, tokens: reply.outputTokens ?? estimateTokens(reply.text), cut: null, stopSequence: null };
  return {
    text: limited.text,
    thinking,
    signature: Buffer.from(`fake-signature:${id}`).toString('base64'),
    stopReason: reply.stopReason ?? limited.cut ?? 'end_turn',
    stopSequence: limited.stopSequence,
    inputTokens: reply.inputTokens ?? countInputTokens(req.system, req.messages),
    outputTokens: limited.tokens + thinkingTokens,
    thinkingTokens,
    tool: null,
    calls: (reply.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `toolu_${id.slice(-6)}_${i}`, name: c.name, input: c.input })),
    cacheWriteTokens: reply.cacheWriteTokens ?? 0,
    cacheReadTokens: reply.cacheReadTokens ?? 0,
    ...(reply.toolCalls !== undefined && reply.toolCalls.length > 0 && reply.stopReason === undefined && { stopReason: 'tool_use' as const }),
  };
}

export function stopDetails(r: ResolvedReply): JsonObject | null {
  return r.stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null;
}

/** `Usage` as on a Message (every field the SDK type has). */
export function usage(r: ResolvedReply): JsonObject {
  return {
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cache_creation_input_tokens: r.cacheWriteTokens,
    cache_read_input_tokens: r.cacheReadTokens,
    cache_creation: { ephemeral_5m_input_tokens: r.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens_details: { thinking_tokens: r.thinkingTokens },
    server_tool_use: null,
    service_tier: 'standard',
    speed: null,
    inference_geo: null,
  };
}

/** Usage in `message_start`: input counts final, output not yet generated (the API reports 1). */
export function startUsage(r: ResolvedReply): JsonObject {
  return { ...usage(r), output_tokens: Math.min(1, r.outputTokens), output_tokens_details: { thinking_tokens: 0 } };
}

export function contentBlocks(r: ResolvedReply): readonly JsonObject[] {
  if (r.tool !== null) return [{ type: 'tool_use', id: r.tool.id, name: r.tool.name, input: r.tool.input, caller: { type: 'direct' } }];
  const text = r.calls.length > 0 && r.text === '' ? [] : [{ type: 'text', text: r.text, citations: null }];
  const calls = r.calls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: c.input, caller: { type: 'direct' } }));
  if (r.thinking === null) return [...text, ...calls];
  return [{ type: 'thinking', thinking: r.thinking, signature: r.signature }, ...text, ...calls];
}

export function buildMessage(id: string, model: string, r: ResolvedReply): JsonObject {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: contentBlocks(r),
    stop_reason: r.stopReason,
    stop_sequence: r.stopSequence,
    stop_details: stopDetails(r),
    container: null,
    diagnostics: null,
    usage: usage(r),
  };
}

export function errorBody(type: string, message: string, requestId: string, errorCode?: string): JsonObject {
  const error = errorCode === undefined ? { type, message } : { type, message, details: { error_code: errorCode } };
  return { type: 'error', error, request_id: requestId };
}
