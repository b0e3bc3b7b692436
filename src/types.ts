// The vocabulary of haikubench. Everything past spec/resolve and dataset/load speaks these types.
import type { VerdictShape } from './types/judge-task.js';
import type { JudgeClient } from './types/judge.js';
import type { Score, Usage } from './types/record-schema.js';
import type { ContentBlock, ConversationTurn, RequestMessage, ToolCall, ToolChoice, ToolDefinition, ToolStep } from './types/content.js';
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };
export type JsonObject = { readonly [k: string]: Json };

/** Closed set, so reports can count failures by kind. */
export type FailureKind =
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'auth'
  | 'bad_request'
  | 'aborted'
  | 'invalid_output'
  /** A Message Batch request the API did not process within the batch's 24 hours. */
  | 'expired'
  /** The judge of a model-graded scorer failed (malformed after its re-asks, refused, or its call failed): never a model failure. */
  | 'judge'
  /** A scorer failed (threw, timed out, a plug-in's module or command failed or answered nonsense): never a model failure. */
  | 'scorer'
  | 'unknown';

export const FAILURE_KINDS = [
  'rate_limit', 'overloaded', 'server', 'timeout', 'connection',
  'auth', 'bad_request', 'aborted', 'invalid_output', 'expired', 'judge', 'scorer', 'unknown',
] as const satisfies readonly FailureKind[];

/** The kinds of failure the harness retries (with backoff, within the run's retry budgets): runner/retry.ts. */
export const RETRYABLE_KINDS = ['rate_limit', 'overloaded', 'server', 'timeout', 'connection'] as const satisfies readonly FailureKind[];

/** The letters of a multiple-choice question's options, in order (at most 26 options). */
export const CHOICE_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One labelled example. `vars` fills the prompt template; `target` is what scorers compare against. */
export interface Sample {
  readonly id: string;
  readonly vars: Readonly<Record<string, Json>>;
  readonly target?: Json;
  readonly metadata: Readonly<Record<string, Json>>;
  /** With dataset.fields.group: the sample's cluster (its own id when the record has none). */
  readonly group?: string | undefined;
  /** Multiple choice (dataset.fields.choices): the question's options, lettered A, B, C… in this order; the target is then the right one's letter. */
  readonly choices?: readonly string[] | undefined;
  /** Where the sample came from, for error messages: "datasets/x.jsonl:12". */
  readonly source: string;
}

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** Provider-neutral request. Provider-specific knobs travel in `options` (validated by the spec schema). */
export interface CompletionRequest {
  readonly model: string;
  readonly system?: string;
  readonly messages: readonly RequestMessage[];
  readonly maxTokens: number;
  readonly stop?: readonly string[];
  readonly timeoutMs: number;
  /**
   * Structured output: a JSON Schema the answer must follow (judge verdicts). anthropic: sends
   * output_config.format {type: json_schema}; openai: response_format json_schema; sim: ignores it.
   */
  readonly outputSchema?: JsonObject;
  /**
   * How outputSchema is asked for: 'json_schema' (default, above) or 'tool', a forced call of one tool
   * whose input is the schema (anthropic: tools + tool_choice; openai: a forced function call); the
   * tool's input, as JSON, becomes the completion's text.
   */
  readonly outputMode?: 'json_schema' | 'tool';
  /** The schema's name where the wire format wants one (openai response_format); default "verdict". */
  readonly outputName?: string;
  /** Tools the model may call (spec `tools`), and how it must use them. */
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  /** Prompt caching (spec `prompt.cache`): mark the system prompt and the tools as a cached prefix. */
  readonly cachePrefix?: boolean;
  /** openai: ask for the answer's token log-probabilities (logprobs, top_logprobs): a pairwise judge's `logprobs: true`. */
  readonly logprobs?: boolean;
}

/** One answer token's log-probability and the most likely alternatives at its position (openai logprobs.content[]). */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly top: readonly { readonly token: string; readonly logprob: number }[];
}

export interface Completion {
  readonly text: string;
  readonly usage: Usage;
  /** Provider's stop reason as given: end_turn, max_tokens, stop_sequence, refusal, length, ... */
  readonly stopReason: string | null;
  readonly latencyMs: number;
  /** What the provider said about its rate limits with this response (Anthropic's headers). */
  readonly limits?: RateLimits;
  /** The assistant's content blocks when it called tools (text, tool_use, thinking), to send back as its turn. */
  readonly content?: readonly ContentBlock[];
  /** The tools this response called (none: absent). */
  readonly toolCalls?: readonly ToolCall[];
  /** A tool loop: every model response with its calls and their results (runner/tool-loop). */
  readonly steps?: readonly ToolStep[];
  /** A tool loop that was still calling tools when it reached max_steps. */
  readonly stepLimit?: boolean;
  /** Structured output (output_format): the answer parsed as JSON; absent when it is not JSON (a refusal, a cut answer). */
  readonly parsed?: Json;
  /** A multi-turn conversation: every user turn and the model's answer (runner/conversation). */
  readonly turns?: readonly ConversationTurn[];
  /** The answer's tokens with their log-probabilities, when the request asked for them and the endpoint gave them. */
  readonly logprobs?: readonly TokenLogprob[];
}

export interface LimitWindow {
  readonly remaining: number;
  /** Epoch ms when the window resets. */
  readonly resetAt: number;
}

export interface RateLimits {
  readonly requests?: LimitWindow;
  readonly inputTokens?: LimitWindow;
  readonly outputTokens?: LimitWindow;
}

/** What a provider may know about the work item beyond the request. Only the simulator uses it. */
export interface ItemContext {
  readonly sample: Sample;
  readonly epoch: number;
  /** Distinct targets in the dataset: the simulator draws wrong-but-plausible answers from them. */
  readonly targetPool: readonly Json[];
  /**
   * Set on judge calls only, read only by the simulator (never sent, never part of a cache key): the
   * verdict shape to answer in, and the truth (does the judged output match the sample's target, by
   * the label scorer's normalisation), which a sim judge agrees with at its configured rate.
   */
  readonly judge?: {
    readonly truth: boolean;
    /** Pairwise: whether output B names the target (truth is then about output A). */
    readonly truthB?: boolean;
    readonly expect: VerdictShape;
    /** Which draw this is (scorer, sample index, re-ask round): the simulator keys its luck on it. */
    readonly draw: string;
  };
}

export interface Provider {
  /** Stable id that appears in records and reports: "anthropic:claude-haiku-5-5". */
  readonly id: string;
  /** Calls sharing a rate limit share a queue. */
  readonly queueKey: string;
  /** True for sim: models; reports label them as simulated. */
  readonly simulated: boolean;
  /** True for replay: (the output is a dataset field, no model is called): never cached. */
  readonly replay?: boolean;
  /** True for module: and exec: (the user's own code): never cached, so a change to the code shows in the next run. */
  readonly local?: boolean;
  /** Model id used for pricing ("claude-haiku-5-5"), or undefined when unknown. */
  readonly pricingModel: string | undefined;
  /** The API host calls go to ("api.anthropic.com"; never a key): reports name it beside errors. */
  readonly endpoint?: string | undefined;
  complete(req: CompletionRequest, signal: AbortSignal, item: ItemContext): Promise<Completion>;
  /** The provider's Message Batches API, when it has one (anthropic:). */
  readonly batch?: BatchApi;
}

/** One request of a batch: custom_id and the provider-neutral request. */
export interface BatchRequest {
  readonly customId: string;
  readonly request: CompletionRequest;
}

export interface BatchStatus {
  readonly id: string;
  readonly ended: boolean;
  /** in_progress, canceling or ended, as the API says. */
  readonly status: string;
  readonly counts: { readonly processing: number; readonly succeeded: number; readonly errored: number; readonly canceled: number; readonly expired: number };
}

/** One line of a batch's results, matched to its request by customId. */
export type BatchResult =
  | { readonly customId: string; readonly ok: true; readonly completion: Completion }
  | { readonly customId: string; readonly ok: false; readonly kind: FailureKind; readonly message: string };

/** Calls throw a classified ProviderError, as Provider.complete does. */
export interface BatchApi {
  /** Requests per batch the API takes at most. */
  readonly maxRequests: number;
  create(requests: readonly BatchRequest[], signal: AbortSignal): Promise<{ readonly id: string }>;
  retrieve(id: string, signal: AbortSignal): Promise<BatchStatus>;
  results(id: string, signal: AbortSignal): AsyncIterable<BatchResult>;
}

export type { ContentBlock, ConversationTurn, MediaSource, RequestMessage, ToolCall, ToolCallResult, ToolChoice, ToolDefinition, ToolStep } from './types/content.js';
export type { EscalateWhen, EscalationReason, EscalationSettings, JudgeCalls, JudgeCascade, JudgeClient, JudgeInfo, JudgeOutcome, JudgeRequest, JudgeSettings, PairVerdict } from './types/judge.js';

// A line of records.jsonl and its parts: their shape is the record's JSON Schema (types/record-schema.ts).
export type { JudgeEscalationFailure, ItemFailure, RunRecord, Score, ScoreLabel, Usage } from './types/record-schema.js';

/** The answer a pairwise scorer compares with (another model's, for the same sample), or why there is none. */
export type PeerAnswer =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly message: string; readonly stopped?: boolean };

export interface ScoreInput {
  readonly sample: Sample;
  readonly completion: Completion;
  readonly costUsd: number | null;
  readonly epoch: number;
  /** Model-graded scorers call their judge through this (deterministic ones ignore it). */
  readonly judge: JudgeClient;
  /** The model that gave the answer (absent where no run is involved). */
  readonly model?: string;
  /** pairwise against_model: the reference model's answer to the same sample and epoch in this run. */
  readonly peer?: () => Promise<PeerAnswer>;
}

export interface Scorer {
  readonly name: string;
  readonly weight: number;
  /** Whether it scores this model's answers (default: every model's). pairwise against_model: not the reference's. */
  appliesTo?(model: string): boolean;
  score(input: ScoreInput, signal: AbortSignal): Score | Promise<Score>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Explicit per-minute limits a spec sets for a model (kept by runner/minute-limits). */
export interface MinuteLimits {
  readonly requestsPerMinute?: number;
  readonly inputTokensPerMinute?: number;
  readonly outputTokensPerMinute?: number;
}

/** Where text goes: stdout, stderr, or a test's buffer. */
export interface Output {
  write(s: string): unknown;
  readonly isTTY?: boolean;
  /** A terminal's width in columns (process.stdout.columns); absent for a pipe or a file. */
  readonly columns?: number | undefined;
}
