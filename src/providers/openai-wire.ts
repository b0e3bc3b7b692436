// The part of the Chat Completions wire format haikubench sends and reads (POST /chat/completions,
// not streamed). Fields an endpoint may leave out are optional or nullable here, so the code that
// reads a response has to say what it does without them.

export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string } }
  | { readonly type: 'file'; readonly file: { readonly file_data: string; readonly filename: string } };

export interface WireToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export type ChatMessageParam =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string | readonly ContentPart[] }
  | { readonly role: 'assistant'; readonly content: string | null; readonly tool_calls?: readonly WireToolCall[] }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string };

export interface ChatTool {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description?: string; readonly parameters: Readonly<Record<string, unknown>> };
}

export type ChatToolChoice = 'none' | 'auto' | 'required' | { readonly type: 'function'; readonly function: { readonly name: string } };

export interface ChatCompletionParams {
  readonly model: string;
  readonly messages: readonly ChatMessageParam[];
  readonly max_tokens: number;
  readonly stop?: readonly string[];
  readonly temperature?: number;
  readonly logprobs?: boolean;
  readonly top_logprobs?: number;
  readonly response_format?: { readonly type: 'json_schema'; readonly json_schema: { readonly name: string; readonly schema: Readonly<Record<string, unknown>>; readonly strict: boolean } };
  readonly tools?: readonly ChatTool[];
  readonly tool_choice?: ChatToolChoice;
}

/** A tool call in a response: a function call, or another type (a custom tool), which is skipped. */
export interface ResponseToolCall {
  readonly id: string;
  readonly type: string;
  readonly function?: { readonly name: string; readonly arguments: string };
}

/** A response message. */
export interface ChatMessage {
  readonly role?: string;
  readonly content: string | null;
  readonly refusal?: string | null;
  readonly tool_calls?: readonly ResponseToolCall[] | null;
}

export interface WireTokenLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly top_logprobs?: readonly { readonly token: string; readonly logprob: number }[] | null;
}

export interface ChatChoice {
  readonly index?: number;
  readonly message: ChatMessage;
  readonly finish_reason: string | null;
  readonly logprobs?: { readonly content?: readonly WireTokenLogprob[] | null } | null;
}

export interface ChatCompletion {
  readonly id?: string;
  readonly choices: readonly ChatChoice[];
  readonly usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly prompt_tokens_details?: { readonly cached_tokens?: number | null } | null;
    readonly completion_tokens_details?: { readonly reasoning_tokens?: number | null } | null;
  } | null;
}
