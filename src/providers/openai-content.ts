import type { ChatMessage, ChatMessageParam, ChatTool, ChatToolChoice, ContentPart } from './openai-wire.js';
import type { ContentBlock, JsonObject, MediaSource, RequestMessage, ToolCall, ToolChoice, ToolDefinition } from '../types.js';

// Provider-neutral content ↔ Chat Completions: image_url and file parts, assistant tool_calls, one
// `tool` message per tool result, function tools with their tool_choice. Thinking blocks are Claude's
// own and are dropped; cache marks have no meaning here (the endpoint caches by itself).

type Message = ChatMessageParam;
type Part = ContentPart;

const dataUrl = (s: MediaSource) => (s.kind === 'url' ? s.url : `data:${s.mediaType};base64,${s.data}`);

function part(b: ContentBlock): Part | undefined {
  switch (b.type) {
    case 'text': return { type: 'text', text: b.text };
    case 'image': return { type: 'image_url', image_url: { url: dataUrl(b.source) } };
    case 'document': return { type: 'file', file: { file_data: dataUrl(b.source), filename: b.title ?? 'document.pdf' } };
    default: return undefined;
  }
}

function userMessages(blocks: readonly ContentBlock[]): Message[] {
  const out: Message[] = blocks.flatMap((b) => (b.type === 'tool_result' ? [{ role: 'tool' as const, tool_call_id: b.toolUseId, content: b.content }] : []));
  const parts = blocks.flatMap((b) => { const p = part(b); return p === undefined ? [] : [p]; });
  if (parts.length > 0) out.push({ role: 'user', content: parts });
  return out;
}

function assistantMessage(blocks: readonly ContentBlock[]): Message {
  const text = blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  const calls = blocks.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, type: 'function' as const, function: { name: b.name, arguments: JSON.stringify(b.input) } }] : []));
  return { role: 'assistant', content: text === '' && calls.length > 0 ? null : text, ...(calls.length > 0 && { tool_calls: calls }) };
}

export function openaiMessages(messages: readonly RequestMessage[]): Message[] {
  return messages.flatMap((m): Message[] => {
    if (typeof m.content === 'string') return [m.role === 'user' ? { role: 'user', content: m.content } : { role: 'assistant', content: m.content }];
    return m.role === 'user' ? userMessages(m.content) : [assistantMessage(m.content)];
  });
}

export function openaiTools(tools: readonly ToolDefinition[]): ChatTool[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description !== undefined && { description: t.description }), parameters: { type: 'object', ...t.inputSchema } } }));
}

export function openaiToolChoice(choice: ToolChoice): ChatToolChoice {
  if (choice.type === 'tool') return { type: 'function', function: { name: choice.name } };
  return choice.type === 'any' ? 'required' : choice.type;
}

/** Arguments arrive as a JSON string: an unparseable one is kept as {_raw} so the scorers can say so. */
function parseArguments(text: string): JsonObject {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : { _raw: text };
  } catch {
    return { _raw: text };
  }
}

/** The calls of a response message, neutral, and the assistant's blocks to send back. */
export function fromOpenAICalls(message: ChatMessage): { readonly blocks: ContentBlock[]; readonly calls: ToolCall[] } {
  const calls: ToolCall[] = (message.tool_calls ?? []).flatMap((t) => (t.type === 'function' && t.function !== undefined ? [{ id: t.id, name: t.function.name, input: parseArguments(t.function.arguments) }] : []));
  const text = message.content ?? '';
  return { blocks: [...(text === '' ? [] : [{ type: 'text' as const, text }]), ...calls.map((c) => ({ type: 'tool_use' as const, ...c }))], calls };
}

const subSchemas = (s: JsonObject): JsonObject[] => {
  const out: unknown[] = [];
  const props = s['properties'];
  if (typeof props === 'object' && props !== null && !Array.isArray(props)) out.push(...Object.values(props));
  if (s['items'] !== undefined) out.push(...(Array.isArray(s['items']) ? s['items'] : [s['items']]));
  for (const k of ['anyOf', 'allOf', 'oneOf', 'prefixItems']) if (Array.isArray(s[k])) out.push(...(s[k] as unknown[]));
  for (const k of ['$defs', 'definitions']) {
    const defs = s[k];
    if (typeof defs === 'object' && defs !== null && !Array.isArray(defs)) out.push(...Object.values(defs));
  }
  return out.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x));
};

/**
 * Whether a JSON Schema meets the structural rules of OpenAI's strict structured outputs: an object
 * at the root, and every object closed (additionalProperties: false) with all its properties
 * required. A schema that does not is sent with strict: false, which the endpoint accepts, rather
 * than strict: true, which it would refuse with a 400 on every call.
 */
export function strictCompatible(schema: JsonObject): boolean {
  if (schema['type'] !== 'object') return false;
  const ok = (s: JsonObject): boolean => {
    const isObject = s['type'] === 'object' || (Array.isArray(s['type']) && s['type'].includes('object')) || s['properties'] !== undefined;
    if (isObject) {
      if (s['additionalProperties'] !== false) return false;
      const keys = typeof s['properties'] === 'object' && s['properties'] !== null ? Object.keys(s['properties']) : [];
      const required = Array.isArray(s['required']) ? s['required'] : [];
      if (!keys.every((k) => required.includes(k))) return false;
    }
    return subSchemas(s).every(ok);
  };
  return ok(schema);
}
