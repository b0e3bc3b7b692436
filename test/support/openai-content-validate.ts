// The fake Chat Completions server's checks of tools and message content, as OpenAI enforces them:
// function tools with a name and object parameters, tool_choice naming a declared function, content
// parts (text, image_url with an http(s) or data: URL, file), and each `tool` message answering a
// tool_call of the assistant message before it.
import { isRecord } from './text-limits.js';

const PART_TYPES = ['text', 'image_url', 'file'];

function toolsProblem(body: Readonly<Record<string, unknown>>): string | undefined {
  const tools = body['tools'];
  if (tools === undefined) return body['tool_choice'] !== undefined && typeof body['tool_choice'] === 'object' ? "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified." : undefined;
  if (!Array.isArray(tools)) return "Invalid type for 'tools': expected an array.";
  for (const [i, t] of tools.entries()) {
    if (!isRecord(t) || t['type'] !== 'function' || !isRecord(t['function']) || typeof t['function']['name'] !== 'string') return `Invalid 'tools[${i}]': expected {type: 'function', function: {name, ...}}.`;
    const params = t['function']['parameters'];
    if (params !== undefined && (!isRecord(params) || params['type'] !== 'object')) return `Invalid schema for function '${t['function']['name']}': schema must be a JSON Schema of 'type: "object"'.`;
  }
  const choice = body['tool_choice'];
  if (isRecord(choice)) {
    const name = isRecord(choice['function']) ? choice['function']['name'] : undefined;
    if (!tools.some((t) => isRecord(t) && isRecord(t['function']) && t['function']['name'] === name)) return `Invalid value for 'tool_choice': function ${String(name)} not found in tools.`;
  } else if (choice !== undefined && !['auto', 'none', 'required'].includes(String(choice))) return "Invalid value for 'tool_choice'.";
  return undefined;
}

function partProblem(where: string, p: unknown): string | undefined {
  if (!isRecord(p) || !PART_TYPES.includes(String(p['type']))) return `Invalid content part at ${where}.`;
  if (p['type'] === 'image_url') {
    const url = isRecord(p['image_url']) ? p['image_url']['url'] : undefined;
    if (typeof url !== 'string' || !/^(https?:\/\/|data:image\/(png|jpeg|gif|webp);base64,)/.test(url)) return `Invalid image_url at ${where}: expected an http(s) URL or a data:image/...;base64 URL.`;
  }
  return undefined;
}

export function openAIContentProblem(body: Readonly<Record<string, unknown>>): string | undefined {
  const tp = toolsProblem(body);
  if (tp !== undefined) return tp;
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  let open = new Set<string>();
  for (const [i, m] of messages.entries()) {
    if (!isRecord(m)) return `Invalid 'messages[${i}]'.`;
    if (m['role'] === 'tool') {
      const id = String(m['tool_call_id']);
      if (!open.has(id)) return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (messages[${i}], tool_call_id ${id}).`;
      open.delete(id);
      continue;
    }
    if (open.size > 0) return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id' (messages[${i}]).`;
    open = new Set(m['role'] === 'assistant' && Array.isArray(m['tool_calls']) ? m['tool_calls'].filter(isRecord).map((c) => String(c['id'])) : []);
    if (Array.isArray(m['content'])) {
      for (const [j, p] of m['content'].entries()) {
        const why = partProblem(`messages[${i}].content[${j}]`, p);
        if (why !== undefined) return why;
      }
    }
  }
  return undefined;
}
