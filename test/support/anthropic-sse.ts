// The Anthropic streaming wire format: the named SSE events for one Message, as pure data.
import { startUsage, stopDetails, type ResolvedReply } from './anthropic-wire.js';
import { chunkText } from './text-limits.js';

type JsonObject = { readonly [key: string]: unknown };

export interface SseEvent {
  readonly event: string;
  readonly data: JsonObject;
}

export const formatSse = (e: SseEvent): string => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;

/** An SSE stream cut inside the first event's JSON (for the `malformed` fault on stream requests). */
export const MALFORMED_SSE = 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01\n\n';

function blockEvents(index: number, block: JsonObject, deltas: readonly JsonObject[]): SseEvent[] {
  return [
    { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: block } },
    ...deltas.map((delta) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index } },
  ];
}

/**
 * message_start, then per block content_block_start / deltas / content_block_stop (a ping right after
 * the first content_block_start, as the API does), message_delta with cumulative usage, message_stop.
 */
export function messageEvents(id: string, model: string, r: ResolvedReply): readonly SseEvent[] {
  const message = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: startUsage(r),
  };
  const blocks: SseEvent[] = [];
  if (r.thinking !== null) {
    const deltas = [
      ...chunkText(r.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: r.signature },
    ];
    blocks.push(...blockEvents(0, { type: 'thinking', thinking: '', signature: '' }, deltas));
  }
  if (r.tool !== null) {
    // A tool_use block streams its input as partial JSON.
    const deltas = chunkText(JSON.stringify(r.tool.input)).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    blocks.push(...blockEvents(0, { type: 'tool_use', id: r.tool.id, name: r.tool.name, input: {}, caller: { type: 'direct' } }, deltas));
  } else {
    let index = r.thinking === null ? 0 : 1;
    if (r.calls.length === 0 || r.text !== '') {
      const textDeltas = chunkText(r.text).map((text) => ({ type: 'text_delta', text }));
      blocks.push(...blockEvents(index++, { type: 'text', text: '', citations: null }, textDeltas));
    }
    // Each call streams its input as partial JSON (input_json_delta), as the API does.
    for (const c of r.calls) {
      const deltas = chunkText(JSON.stringify(c.input), 7).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
      blocks.push(...blockEvents(index++, { type: 'tool_use', id: c.id, name: c.name, input: {}, caller: { type: 'direct' } }, deltas));
    }
  }
  const [firstStart, ...rest] = blocks;
  const ping: SseEvent = { event: 'ping', data: { type: 'ping' } };
  return [
    { event: 'message_start', data: { type: 'message_start', message } },
    ...(firstStart === undefined ? [] : [firstStart]),
    ping,
    ...rest,
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: r.stopReason, stop_sequence: r.stopSequence, stop_details: stopDetails(r), container: null },
        usage: {
          input_tokens: r.inputTokens,
          output_tokens: r.outputTokens,
          cache_creation_input_tokens: r.cacheWriteTokens,
          cache_read_input_tokens: r.cacheReadTokens,
          output_tokens_details: { thinking_tokens: r.thinkingTokens },
          server_tool_use: null,
        },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

/** Keep message_start and up to `deltas` content deltas, then end with an in-band `error` event. */
export function withStreamError(
  events: readonly SseEvent[],
  errorType: string,
  deltas = 2,
): readonly SseEvent[] {
  let seen = 0;
  let cut = Math.min(3, events.length); // message_start, content_block_start, ping
  for (let i = 0; i < events.length && seen < deltas; i++) {
    if (events[i]?.event === 'content_block_delta') {
      seen++;
      cut = i + 1;
    }
  }
  const message = errorType === 'overloaded_error' ? 'Overloaded' : 'Internal server error';
  return [...events.slice(0, cut), { event: 'error', data: { type: 'error', error: { type: errorType, message } } }];
}
