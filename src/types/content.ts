import type { Json, JsonObject } from '../types.js';

// Provider-neutral message content: a turn is plain text or a list of blocks. Each provider maps the
// blocks onto its own wire format (providers/anthropic-content.ts, providers/openai-content.ts).

/** Where an image or a document comes from: inline bytes (base64) or a URL the API fetches itself. */
export type MediaSource =
  | { readonly kind: 'base64'; readonly mediaType: string; readonly data: string }
  | { readonly kind: 'url'; readonly url: string };

export type ContentBlock =
  | { readonly type: 'text'; readonly text: string; readonly cache?: boolean }
  | { readonly type: 'image'; readonly source: MediaSource; readonly cache?: boolean }
  | { readonly type: 'document'; readonly source: MediaSource; readonly title?: string; readonly cache?: boolean }
  /** A call the assistant made (in assistant turns). */
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: JsonObject }
  /** The result of a call, sent back in the next user turn. */
  | { readonly type: 'tool_result'; readonly toolUseId: string; readonly content: string; readonly isError?: boolean }
  /** Claude's thinking, sent back unchanged when a conversation with tools goes on (other providers drop it). */
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string };

/** One turn of a request. */
export interface RequestMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly ContentBlock[];
}

/** A tool the model may call: its name, what it does, and the JSON Schema of its input. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema: JsonObject;
}

/** auto (default), any (must call one), none, or one named tool. */
export type ToolChoice = { readonly type: 'auto' | 'any' | 'none' } | { readonly type: 'tool'; readonly name: string };

/** One call the model made. `input` is the parsed arguments (an unparseable OpenAI argument string is kept as {_raw}). */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: JsonObject;
}

/** A call with what the tool answered (by a tool loop). */
export interface ToolCallResult extends ToolCall {
  readonly result?: Json;
  readonly isError?: boolean;
}

/** One model response of a tool loop: its text, and the calls it made (parallel calls: a set). */
export interface ToolStep {
  readonly text: string;
  readonly calls: readonly ToolCallResult[];
}

/** One user turn of a multi-turn conversation and the model's answer to it. */
export interface ConversationTurn {
  readonly user: string;
  readonly output: string;
  readonly stopReason: string | null;
}
