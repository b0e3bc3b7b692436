// The fake Messages API's checks of message content blocks, as the API enforces them: block types and
// their fields, image and document sources (media types, valid base64), tool_use only with declared
// tools, and every tool_use answered by a tool_result in the very next user turn (and no other).
import { isRecord } from './text-limits.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const BLOCK_TYPES = ['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function sourceProblem(where: string, source: unknown, kinds: readonly string[]): string | undefined {
  if (!isRecord(source)) return `${where}.source: Field required`;
  if (source['type'] === 'url') return typeof source['url'] === 'string' && /^https?:\/\//.test(source['url']) ? undefined : `${where}.source.url: invalid URL`;
  if (source['type'] !== 'base64') return `${where}.source.type: Input should be 'base64' or 'url'`;
  if (!kinds.includes(String(source['media_type']))) return `${where}.source.media_type: Input should be ${kinds.map((k) => `'${k}'`).join(', ')}`;
  const data = source['data'];
  if (typeof data !== 'string' || data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) return `${where}.source.data: invalid base64 data`;
  return undefined;
}

function blockProblem(where: string, b: unknown, role: string, tools: ReadonlySet<string>): string | undefined {
  if (!isRecord(b) || !BLOCK_TYPES.includes(String(b['type']))) return `${where}.type: unknown content block type`;
  switch (b['type']) {
    case 'text': return typeof b['text'] === 'string' ? undefined : `${where}.text: Field required`;
    case 'image': return sourceProblem(where, b['source'], IMAGE_TYPES);
    case 'document': return role === 'assistant' ? `${where}: a document block may not be in an assistant message` : sourceProblem(where, b['source'], ['application/pdf']);
    case 'tool_use':
      if (role !== 'assistant') return `${where}: tool_use blocks belong to assistant messages`;
      if (typeof b['id'] !== 'string' || !isRecord(b['input'])) return `${where}: tool_use needs id and input`;
      return tools.has(String(b['name'])) ? undefined : `${where}.name: tool ${String(b['name'])} is not among the request's tools`;
    case 'tool_result': return role === 'user' && typeof b['tool_use_id'] === 'string' ? undefined : `${where}: tool_result needs tool_use_id, in a user message`;
    default: return undefined;
  }
}

const idsOf = (content: unknown, type: string, key: string): string[] =>
  Array.isArray(content) ? content.filter((b) => isRecord(b) && b['type'] === type).map((b) => String((b as Record<string, unknown>)[key])) : [];

/** The first problem of the request's messages, or undefined. */
export function contentProblem(body: Readonly<Record<string, unknown>>): string | undefined {
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  const tools = new Set(Array.isArray(body['tools']) ? body['tools'].filter(isRecord).map((t) => String(t['name'])) : []);
  for (const [i, m] of messages.entries()) {
    if (!isRecord(m) || typeof m['content'] === 'string') continue;
    const content = m['content'];
    if (!Array.isArray(content)) return `messages.${i}.content: Input should be a string or a list of blocks`;
    for (const [j, b] of content.entries()) {
      const why = blockProblem(`messages.${i}.content.${j}`, b, String(m['role']), tools);
      if (why !== undefined) return why;
    }
    const uses = m['role'] === 'assistant' ? idsOf(content, 'tool_use', 'id') : [];
    const next: unknown = messages[i + 1];
    const answered = isRecord(next) ? idsOf(next['content'], 'tool_result', 'tool_use_id') : [];
    const missing = uses.find((id) => !answered.includes(id));
    if (missing !== undefined) return `messages.${i + 1}: tool_use ids were found without tool_result blocks immediately after: ${missing}`;
    const before: unknown = messages[i - 1];
    const asked = isRecord(before) ? idsOf(before['content'], 'tool_use', 'id') : [];
    const orphan = idsOf(content, 'tool_result', 'tool_use_id').find((id) => !asked.includes(id));
    if (orphan !== undefined) return `messages.${i}.content: unexpected tool_use_id found in tool_result blocks: ${orphan}. Each tool_result block must have a corresponding tool_use block in the previous message.`;
  }
  return undefined;
}
