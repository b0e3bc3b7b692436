import type { RequestMessage } from '../types.js';

// Measures of a request's content, for estimates (pacing, forecasts, the simulator's token counts).

/** The text of a turn: a string, or the text of its text and tool blocks (images and documents count nothing). */
export function messageText(m: RequestMessage): string {
  if (typeof m.content === 'string') return m.content;
  return m.content.map((b) => {
    switch (b.type) {
      case 'text': return b.text;
      case 'tool_use': return `${b.name}${JSON.stringify(b.input)}`;
      case 'tool_result': return b.content;
      case 'thinking': return b.thinking;
      default: return '';
    }
  }).join('\n');
}

/** Characters of text in the system prompt and every turn. */
export function requestChars(req: { readonly system?: string; readonly messages: readonly RequestMessage[] }): number {
  return (req.system ?? '').length + req.messages.reduce((n, m) => n + messageText(m).length, 0);
}
