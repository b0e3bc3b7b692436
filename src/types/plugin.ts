import type { CompletionRequest, ContentBlock, Json, Provider } from '../types.js';

// The contract of haikubench's plug-ins: what a custom scorer (a JS/TS module, or a command run per
// sample) receives and returns, and what a command run as a provider reads and prints. A module
// provider implements Provider.complete (types.ts) itself. Exported by the library (src/index.ts);
// documented in docs/plugins.md. Everything here is plain JSON, because it crosses a worker thread
// or a process boundary.

/** A chat turn as a plug-in sees it: text, or content blocks when the turn carries images, documents or tool calls and results. */
export interface PluginMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly ContentBlock[];
}

/** The sample a plug-in works on: what the dataset row became. */
export interface PluginSample {
  readonly id: string;
  /** The row's fields (they fill the prompt template). */
  readonly vars: { readonly [k: string]: Json };
  /** The dataset's expected answer (dataset.fields.target), when the row has one. */
  readonly target?: Json;
  /** dataset.fields.metadata fields. */
  readonly metadata: { readonly [k: string]: Json };
}

/** What a custom scorer gets for one answer (a module's score(input), an exec scorer's stdin). */
export interface ScorerPluginInput<O = { readonly [k: string]: Json }> {
  readonly sample: PluginSample;
  /** The model's answer. */
  readonly output: string;
  /** The scorer's rendered `expected` option, else the sample's target; null when there is neither. */
  readonly expected: Json;
  /** The scorer entry's `options`, as written in the spec ({} when none). */
  readonly options: O;
  /** The model that answered ("anthropic:claude-haiku-5-5"). */
  readonly model: string;
  /** 1-based epoch of this answer. */
  readonly epoch: number;
  /** The turns sent (the prompt rendered for this sample, system prompt aside), then the model's answer. */
  readonly conversation: readonly PluginMessage[];
  /** How the answer came about. costUsd is null when the model has no known price. */
  readonly completion: {
    readonly stopReason: string | null;
    readonly latencyMs: number;
    readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
    readonly costUsd: number | null;
  };
}

/**
 * What a custom scorer returns: a score in 0..1 and, if it decides itself, pass. Without pass, the
 * answer passes when score >= the scorer's `threshold` (default 0.5); without score, a pass scores 1
 * and a fail 0. A bare boolean or number is accepted as {pass} or {score}.
 */
export interface ScorerPluginResult {
  readonly score?: number;
  readonly pass?: boolean;
  /** Why: shown in reports next to a failed answer. */
  readonly reason?: string;
}

/** A scorer module's function: a default export, or an export named `score`. May be async; a throw is a scorer error. */
export type ScorerPlugin<O = { readonly [k: string]: Json }> = (input: ScorerPluginInput<O>) => ScorerPluginResult | boolean | number | Promise<ScorerPluginResult | boolean | number>;

/**
 * What an `exec:` provider's command reads on stdin, once per call: the request haikubench would
 * send a model (its CompletionRequest: model, system, messages, maxTokens, stop, timeoutMs), the sample
 * and epoch, and the model entry's `options`.
 */
export interface ExecProviderInput {
  /** The request (CompletionRequest): also tools, toolChoice, outputSchema and cachePrefix when the eval sets them. */
  readonly request: CompletionRequest;
  readonly sample: PluginSample;
  readonly epoch: number;
  readonly options: { readonly [k: string]: Json };
}

/**
 * How a plug-in provider says a call failed: thrown by a module (any Error with these fields, or
 * haikubench's ProviderError), or printed by an exec: command as {"error": {...}}. retryable: true (or
 * a retryable kind, or an HTTP status of 429, 5xx, 408) makes haikubench retry the call with the
 * backoff and retry budgets it uses for its own providers; anything else fails the item at once.
 */
export interface PluginProviderError {
  readonly message: string;
  readonly retryable?: boolean;
  /** One of haikubench's failure kinds: rate_limit, overloaded, server, timeout, connection, auth, bad_request, … */
  readonly kind?: string;
  /** An HTTP status, classified as haikubench's own providers classify it. */
  readonly status?: number;
  /** Wait at least this long before the retry. */
  readonly retryAfterMs?: number;
}

/** What an `exec:` provider prints on stdout: an answer, or {"error": …}. */
export type ExecProviderOutput =
  | {
    /** The answer's text; may be left out when the answer only calls tools. */
    readonly text?: string;
    /**
     * Tools called (with `tools` in the eval): each a name, its input object and an id (default call_1,
     * call_2, …). In a tool loop the results come back in the next request, as a user turn of
     * tool_result blocks ({type, toolUseId, content, isError?}) after the assistant turn's tool_use blocks.
     */
    readonly toolCalls?: readonly { readonly id?: string; readonly name: string; readonly input?: { readonly [k: string]: Json } }[];
    /** Default 0 and 0 (no price is known for a plug-in model: its cost is reported as unknown). */
    readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
    /** Default "tool_use" when it calls tools, else "end_turn". */
    readonly stopReason?: string;
  }
  | { readonly error: PluginProviderError };

/**
 * A provider module (module:<path>): the `complete` of the Provider interface haikubench's own
 * providers implement. Export it as `complete`, as a default object with a complete method, or export
 * createProvider(options) returning one (options: the model entry's `options`).
 */
export type ProviderPlugin = Pick<Provider, 'complete'>;
