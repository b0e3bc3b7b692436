import type { Json, RequestMessage } from '../types.js';

// A dataset's conversation field (dataset.fields.messages): a list of {role, content} turns, as
// chat datasets write them. check* says what is wrong with one before any call; conversationOf trusts it.

const ROLES = ['user', 'assistant'];

/** What is wrong with a conversation value, or undefined when it is a usable list of turns. */
export function conversationProblem(value: Json | undefined): string | undefined {
  if (!Array.isArray(value)) return 'is not a list of {role, content} turns';
  for (const [i, m] of value.entries()) {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return `turn ${i} is not an object {role, content}`;
    const { role, content } = m as Readonly<Record<string, Json>>;
    if (typeof role !== 'string' || !ROLES.includes(role)) return `turn ${i}: role must be "user" or "assistant" (got ${JSON.stringify(role ?? null)})`;
    if (typeof content !== 'string') return `turn ${i}: content must be text`;
  }
  if (value.length > 0 && (value[0] as Readonly<Record<string, Json>>)['role'] !== 'user') return 'the first turn must be a user turn';
  return undefined;
}

export function conversationOf(value: Json): RequestMessage[] {
  if (!Array.isArray(value)) return [];
  return value.map((m) => {
    const r = m as Readonly<Record<string, Json>>;
    return { role: r['role'] === 'assistant' ? 'assistant' : 'user', content: String(r['content'] ?? '') };
  });
}
