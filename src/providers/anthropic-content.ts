import type Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock, JsonObject, MediaSource, RequestMessage, ToolCall, ToolChoice, ToolDefinition } from '../types.js';

// Provider-neutral content ↔ the Messages API's content blocks (image, document, tool_use,
// tool_result, thinking), tools with their tool_choice, and cache_control on a shared prefix.

const EPHEMERAL = { type: 'ephemeral' } as const;
type Block = Anthropic.ContentBlockParam;

function source(s: MediaSource): never {
  // The SDK types the image and the document sources apart; both take these two forms.
  return (s.kind === 'url' ? { type: 'url', url: s.url } : { type: 'base64', media_type: s.mediaType, data: s.data }) as never;
}

function block(b: ContentBlock): Block {
  const cache = 'cache' in b && b.cache === true ? { cache_control: EPHEMERAL } : {};
  switch (b.type) {
    case 'text': return { type: 'text', text: b.text, ...cache };
    case 'image': return { type: 'image', source: source(b.source), ...cache };
    case 'document': return { type: 'document', source: source(b.source), ...(b.title !== undefined && { title: b.title }), ...cache };
    case 'tool_use': return { type: 'tool_use', id: b.id, name: b.name, input: b.input };
    case 'tool_result': return { type: 'tool_result', tool_use_id: b.toolUseId, content: b.content, ...(b.isError === true && { is_error: true }) };
    case 'thinking': return { type: 'thinking', thinking: b.thinking, signature: b.signature };
    case 'redacted_thinking': return { type: 'redacted_thinking', data: b.data };
  }
}

export function anthropicMessages(messages: readonly RequestMessage[]): Anthropic.MessageParam[] {
  return messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : m.content.map(block) }));
}

/** The system prompt; with cachePrefix, as one text block carrying cache_control. */
export function anthropicSystem(system: string, cachePrefix: boolean): string | Anthropic.TextBlockParam[] {
  return cachePrefix ? [{ type: 'text', text: system, cache_control: EPHEMERAL }] : system;
}

/** The tools; with cachePrefix, the last one carries cache_control (tools come first in the cached prefix). */
export function anthropicTools(tools: readonly ToolDefinition[], cachePrefix: boolean): Anthropic.Tool[] {
  return tools.map((t, i) => ({
    name: t.name,
    ...(t.description !== undefined && { description: t.description }),
    input_schema: { type: 'object', ...t.inputSchema } as Anthropic.Tool.InputSchema,
    ...(cachePrefix && i === tools.length - 1 && { cache_control: EPHEMERAL }),
  }));
}

export function anthropicToolChoice(choice: ToolChoice): Anthropic.ToolChoice {
  return choice.type === 'tool' ? { type: 'tool', name: choice.name } : { type: choice.type };
}

/** The response's blocks, neutral: text, tool_use and thinking (sent back unchanged on the next turn). */
export function fromAnthropicContent(content: readonly Anthropic.ContentBlock[]): { readonly blocks: ContentBlock[]; readonly calls: ToolCall[] } {
  const blocks: ContentBlock[] = [];
  const calls: ToolCall[] = [];
  for (const b of content) {
    if (b.type === 'text') blocks.push({ type: 'text', text: b.text });
    else if (b.type === 'thinking') blocks.push({ type: 'thinking', thinking: b.thinking, signature: b.signature });
    else if (b.type === 'redacted_thinking') blocks.push({ type: 'redacted_thinking', data: b.data });
    else if (b.type === 'tool_use') {
      const call = { id: b.id, name: b.name, input: (b.input ?? {}) as JsonObject };
      blocks.push({ type: 'tool_use', ...call });
      calls.push(call);
    }
  }
  return { blocks, calls };
}
