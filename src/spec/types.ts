import type { ChatMessage, JsonObject, ToolChoice, ToolDefinition } from '../types.js';
import type { ModelSpec, PromptVariant } from '../providers/model-spec.js';
import type { PassRule } from '../scoring/combine.js';
import type { ScorerSpec } from '../scoring/create.js';

// The resolved spec: every default applied, every path absolute. Code past resolve() trusts it.

export type { ModelSpec, PromptVariant } from '../providers/model-spec.js';
export type { ProviderKind } from '../providers/registry.js';

export interface DatasetSpec {
  readonly path: string;
  readonly format: 'jsonl' | 'json' | 'csv' | 'tsv' | 'parquet';
  /** CSV/TSV: the field separator given by dataset.delimiter (default `,` for CSV, a tab for TSV). */
  readonly delimiter?: string;
  /** group: the field holding each sample's cluster (several questions on one document): clustered intervals. */
  readonly fields: {
    readonly id?: string; readonly target?: string; readonly group?: string; readonly metadata: readonly string[];
    /** A conversation sent before the prompt's turns. */
    readonly messages?: string;
    /** Images and PDFs of the sample. */
    readonly images?: string;
    /** Multiple choice: the options of each question (dataset/choices.ts). */
    readonly choices?: string | readonly string[];
  };
  /** With fields.choices: what a numeric target counts from (0 or 1; absent: 0). */
  readonly choiceIndexBase?: 0 | 1;
  /** With fields.choices: show each question's options in an order shuffled with the dataset's seed. */
  readonly shuffleChoices?: boolean;
  readonly limit?: number;
  readonly shuffle: boolean;
  readonly seed: number;
}

/** Where a tool loop's results come from. */
export type ToolResults =
  | { readonly kind: 'dataset'; readonly field: string }
  | { readonly kind: 'command'; readonly argv: readonly string[]; readonly cwd: string }
  | { readonly kind: 'module'; readonly path: string };

export interface ToolsSpec {
  readonly definitions: readonly ToolDefinition[];
  readonly choice?: ToolChoice;
  readonly loop?: { readonly maxSteps: number; readonly timeoutMs: number; readonly results: ToolResults };
}

export interface RunOptions {
  readonly epochs: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly maxRetryWaitMs: number;
  readonly maxErrorRate: number;
  /** Confidence level of every interval in the summary (0.95). */
  readonly confidence: number;
  /** Retries per family of transient error (rate_limit, overloaded, server incl. timeouts and resets). */
  readonly retryBudgets: { readonly rate_limit: number; readonly overloaded: number; readonly server: number };
  /** How long a call keeps retrying connection failures (refused, reset, cut), from its first one (the runner's default, 5 minutes, when unset). */
  readonly connectionRetryMs?: number;
}

export interface Gate {
  readonly model: string;
  readonly minPassRate: number;
}

/** Gates against a baseline run (`compare`, `run --baseline`); the command's flags take precedence. */
export interface RegressionGates {
  /** Largest allowed drop in pass rate, absolute (0.02 = 2 points). */
  readonly maxDrop?: number;
  /** Largest allowed drop in mean score, absolute. */
  readonly maxScoreDrop?: number;
  readonly judge?: 'interval' | 'significance';
  /** Confidence level of the comparison (0.95). */
  readonly level?: number;
  /** Sample ids that may never go from pass to fail. */
  readonly mustPass: readonly string[];
  /** A pass-rate gate that cannot detect its own threshold: fail (default) or warn. */
  readonly onInconclusive?: 'fail' | 'warn';
}

export interface EvalSpec {
  readonly id: string;
  readonly description?: string;
  /** Absolute path of the spec file. */
  readonly file: string;
  readonly dataset: DatasetSpec;
  /** `prompts`: the prompt variants, in the spec's order (the first is the one the others are compared with); absent without. */
  readonly variants?: readonly PromptVariant[];
  /** `shorthand`: the spec gave `prompt.user` rather than `messages` (error pointers follow the file). */
  readonly prompt: {
    readonly system?: string; readonly messages: readonly ChatMessage[]; readonly shorthand: boolean;
    /** Multi-turn: user turns asked one after another, the model's answers fed back. */
    readonly turns?: readonly string[];
    /** Prompt caching: the system prompt and the tools are a cached prefix (absent: off). */
    readonly cache?: boolean;
  };
  /** Tool use: the tools, tool_choice, and the loop that answers the calls. */
  readonly tools?: ToolsSpec;
  /** Structured output asked of every model without its own output_format. */
  readonly outputFormat?: JsonObject;
  readonly models: readonly ModelSpec[];
  /** Judge models of model-graded scorers, one per distinct id not already among `models`. */
  readonly judges: readonly ModelSpec[];
  readonly scorers: readonly ScorerSpec[];
  readonly pass: PassRule;
  readonly gates: readonly Gate[];
  /** Declared regression gates (null: none; flags may still set them). */
  readonly regression: RegressionGates | null;
  readonly run: RunOptions;
}
